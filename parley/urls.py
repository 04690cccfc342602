"""The URL scheme: every parameter a link can carry, how it is read and how it is written.

One module owns the URL, as Datasette's url_builder does. Links carry ids (of the dataset,
parties, issues, sources), never display labels, so renaming anything in the data breaks no
link; a parameter at its default is left out. Older links (names instead of ids, repeated
parameters, the old parameter names) are still read, and the page then rewrites its own URL to
the current form. Reading is lenient and pure: what a link asks for comes out as text, and
parley.selection checks it against the data, saying so when it cannot be shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

# Each page's URL path (Streamlit takes it from the page's file name) and its own parameters.
PAGES: dict[str, tuple[str, ...]] = {
    "overview": ("page",),
    "compare": ("groups", "page"),
    "gaps": ("issues",),
    "timeline": (
        "since",
        "until",
        "from",
        "to",
        "chart",
        "focus",
        "pair",
        "change_issues",
        "change_parties",
        "page",
        "gaps_page",
    ),
    "sources": ("source", "page"),
    "briefing": ("issue", "part", "issues"),
    "search": ("q", "issues", "from", "to", "page"),
    "documents": ("docs", "page"),
    "report": (),
    "history": ("item",),
    "workspace": ("task", "item"),
    "review": ("item",),
}
GLOBAL = ("dataset", "parties", "as_of", "reliability", "basis", "mode")

# Every parameter, with what it holds: README.md documents each (tests/unit/test_docs.py checks).
PARAMETERS: dict[str, str] = {
    "dataset": "the negotiation, by its folder id",
    "parties": "the parties shown, by id, comma-separated, in the data's order",
    "as_of": "the date (YYYY-MM-DD): each party's latest position dated on or before it",
    "reliability": "only positions backed by a source of these reliabilities (high, medium, low)",
    "basis": "only positions of these bases (stated, reported, assessed)",
    "mode": "mode=brief opens briefing mode on any page",
    "groups": "Compare: the issue groups shown",
    "page": "Overview, Compare, Sources, Search, Timeline, Documents: the page of a long list (1 is the first)",
    "issues": "Gaps, Briefing, Search: the issues shown, by id",
    "since": "Timeline: what changed after this date (the baseline)",
    "until": "Timeline: what changed up to this date",
    "from": "Timeline, Search: the start of the period",
    "to": "Timeline, Search: the end of the period",
    "chart": "Timeline: the chart shown over time (events, positions or gaps)",
    "focus": "Timeline: the issue whose positions are charted",
    "pair": "Timeline: the two parties whose gap is charted, by id",
    "gaps_page": "Timeline: the page of the gap chart's issues (1 is the first)",
    "change_issues": "Timeline: what changed, on these issues only",
    "change_parties": "Timeline: what changed, for these parties only",
    "source": "Sources: the source whose quotes are listed, by id",
    "issue": "Briefing: the issue on screen, by id",
    "part": "Briefing: which screen of an issue split over several (1 is the first)",
    "q": "Search: the words searched for",
    "docs": "Documents: the documents side by side, each a party's day of positions (party@YYYY-MM-DD)",
    "item": "History, Workspace, Review: the item, by its key",
    "task": "Workspace: what is being coded (source, position, event, party, issue, dataset)",
}
# Old parameter names, read as their current ones.
RENAMED = {"group": "groups", "issues_page": "page", "quotes_page": "page"}
TIMELINE_RENAMED = {"issue": "focus"}
# Timeline's charts over time, one shown at a time, by the `chart` parameter's values.
TIMELINE_CHARTS = ("events", "positions", "gaps")
LIST_PARAMS = {"parties", "reliability", "basis", "groups", "issues", "pair", "change_issues", "change_parties", "docs"}


@dataclass(frozen=True)
class Asked:
    """What a link asks for, as written (ids, or names in older links); nothing checked yet."""

    page: str = "overview"
    dataset: str | None = None
    parties: tuple[str, ...] | None = None
    as_of: str | None = None
    reliability: tuple[str, ...] = ()
    basis: tuple[str, ...] = ()
    brief: bool = False
    groups: tuple[str, ...] = ()
    page_number: str | None = None
    issues: tuple[str, ...] | None = None
    since: str | None = None
    until: str | None = None
    start: str | None = None
    end: str | None = None
    chart: str | None = None
    focus: str | None = None
    pair: tuple[str, ...] | None = None
    change_issues: tuple[str, ...] = ()
    change_parties: tuple[str, ...] = ()
    source: str | None = None
    issue: str | None = None
    part: str | None = None
    gaps_page: str | None = None
    slide: str | None = None
    q: str = ""
    docs: tuple[str, ...] = ()
    item: str | None = None
    task: str | None = None
    legacy: bool = False  # written with old names or forms: the page rewrites its URL
    unknown: tuple[str, ...] = field(default=())  # parameters this page does not know


_FIELD = {"from": "start", "to": "end", "page": "page_number", "mode": "brief"}


def _split(values: Sequence[str]) -> tuple[str, ...]:
    """Repeated parameters and comma-separated ones alike; a name with a comma is one value in an
    older repeated link, so commas only split when the parameter is given once."""
    if len(values) > 1:
        return tuple(v.strip() for v in values if v.strip())
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def parse(page: str, params: Mapping[str, Sequence[str]]) -> Asked:
    """Read a page's query parameters (each name to all its values, as st.query_params.to_dict
    gives repeated ones)."""
    asked: dict = {"page": page}
    legacy = False
    unknown = []
    own = set(PAGES.get(page, ())) | set(GLOBAL)
    for name, raw in params.items():
        values = [raw] if isinstance(raw, str) else list(raw)
        if page == "timeline" and name in TIMELINE_RENAMED:
            name, legacy = TIMELINE_RENAMED[name], True
        elif name in RENAMED:
            name, legacy = RENAMED[name], True
        if name == "slide" and page == "briefing":
            asked["slide"], legacy = values[-1], True
            continue
        if name not in own:
            unknown.append(name)
            continue
        if name in LIST_PARAMS:
            legacy = legacy or len(values) > 1
            asked[_FIELD.get(name, name)] = _split(values)
        elif name == "mode":
            asked["brief"] = values[-1] == "brief"
        else:
            asked[_FIELD.get(name, name)] = values[-1]
    return Asked(**asked, legacy=legacy, unknown=tuple(unknown))


@dataclass(frozen=True)
class Link:
    """A view as the URL writes it: ids only, each parameter at its default left as None or empty."""

    page: str = "overview"
    dataset: str | None = None
    parties: tuple[str, ...] | None = None  # None: the dataset's default parties; (): none
    as_of: dt.date | None = None
    reliability: tuple[str, ...] = ()
    basis: tuple[str, ...] = ()
    brief: bool = False
    groups: tuple[str, ...] = ()
    page_number: int = 1
    issues: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    chart: str | None = None  # None: the chart the link's other choices point to (parley.selection)
    focus: str | None = None
    pair: tuple[str, ...] = ()
    change_issues: tuple[str, ...] = ()
    change_parties: tuple[str, ...] = ()
    source: str | None = None
    issue: str | None = None
    part: int = 1
    gaps_page: int = 1
    q: str = ""
    docs: tuple[str, ...] = ()
    item: str | None = None
    task: str | None = None

    def to(self, page: str, **changes: object) -> Link:
        """The same global choices on another page (its own choices as given)."""
        keep = {name: getattr(self, name) for name in ("dataset", "parties", "as_of", "reliability", "basis")}
        return Link(page=page, **(keep | changes))

    def but(self, **changes: object) -> Link:
        return replace(self, **changes)


def query(link: Link) -> dict[str, str]:
    """The URL's query parameters for a view: only what differs from the defaults, ids only."""
    out: dict[str, str] = {}
    for name in (*GLOBAL, *PAGES.get(link.page, ())):
        value = getattr(link, _FIELD.get(name, name))
        if name == "mode":
            if value:
                out["mode"] = "brief"
        elif name in ("page", "part", "gaps_page"):
            if value and value > 1:
                out[name] = str(value)
        elif name == "parties":
            if value is not None:
                out["parties"] = ",".join(value)
        elif isinstance(value, tuple):
            if value:
                out[name] = ",".join(value)
        elif isinstance(value, dt.date):
            out[name] = value.isoformat()
        elif value:
            out[name] = str(value)
    return out


def path(link: Link) -> str:
    """The page's address with its query string, for links written as text (README, exports)."""
    from urllib.parse import urlencode

    page = "" if link.page == "overview" else link.page
    params = query(link)
    return f"/{page}" + (f"?{urlencode(params, safe=',')}" if params else "")
