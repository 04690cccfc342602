"""The view model: what the URL asks for, checked against the data, as ids and dates.

Made once per run from the URL (parley.urls.parse). Where a link asks for something Parley
cannot show (a dataset that does not exist or fails to load, a date outside the data, an
unknown party or issue), the view says what was asked and what is shown instead: a briefer
must never present the wrong negotiation or date without knowing.

It is longer than most modules because every URL parameter is resolved and its notice worded
here: one place says what a link asked for and what is shown instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from parley.catalog import Entry
from parley.changes import day_before, default_since, first_date
from parley.documents import documents
from parley.filters import BASES, RELIABILITIES, Filters
from parley.model import Dataset
from parley.record import groups, issue_order
from parley.urls import TIMELINE_CHARTS, Asked, Link
from parley.wording import day


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


@dataclass(frozen=True)
class Unavailable:
    """The dataset a link asks for cannot be shown; nothing else is shown in its place."""

    asked: str | None
    message: str
    entry: Entry | None = None


@dataclass(frozen=True)
class View:
    page: str
    dataset: Dataset
    revision: int
    parties: tuple[str, ...]
    as_of: dt.date
    filters: Filters
    brief: bool
    groups: tuple[str, ...]  # group names; () = all
    page_number: int
    issues: tuple[str, ...]  # () = all
    since: dt.date
    until: dt.date
    start: dt.date
    end: dt.date
    chart: str  # Timeline's chart over time: one of urls.TIMELINE_CHARTS
    focus: str | None
    pair: tuple[str, str] | None
    change_issues: tuple[str, ...]
    change_parties: tuple[str, ...]
    source: str | None
    issue: str | None
    part: int
    gaps_page: int
    q: str
    docs: tuple[str, ...]
    item: str | None
    task: str | None
    notices: tuple[str, ...]
    link: Link  # the canonical URL of this view

    @property
    def dataset_id(self) -> str:
        return self.dataset.id

    @property
    def earliest(self) -> dt.date:
        """The first date a view can be set to: the day before anything is on record."""
        return min(day_before(first_date(self.dataset)), self.dataset.info.as_of)

    def short(self, party: str) -> str:
        return self.dataset.party(party).short


class _Notes:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, text: str) -> None:
        if text not in self.lines:
            self.lines.append(text)


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _ids(
    values: tuple[str, ...],
    lookup: Mapping[str, str],
    what: str,
    notes: _Notes,
    shown: Callable[[list[str]], str] | None = None,
) -> list[str]:
    """Ids for values given as ids or (in older links) as names; unknown ones are named in a notice,
    with what is shown instead (`shown` words it from the ids found)."""
    found, missing = [], []
    for value in values:
        key = lookup.get(value) or lookup.get(value.casefold())
        (found if key else missing).append(key or value)
    found = list(dict.fromkeys(found))
    if missing:
        instead = f"; showing {shown(found)}" if shown is not None else ""
        notes.add(
            f"The link names {what} not in this dataset ({', '.join(v[:40] for v in missing)}): left out{instead}."
        )
    return found


def _lookup(pairs: list[tuple[str, list[str]]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for key, names in pairs:
        for name in names:
            table.setdefault(name, key)
            table.setdefault(name.casefold(), key)
    return table


def _in_range(text: str | None, what: str, default: dt.date, low: dt.date, high: dt.date, notes: _Notes) -> dt.date:
    if text is None:
        return default
    value = _date(text)
    if value is None:
        notes.add(f"The link's {what} “{text[:40]}” is not a date (YYYY-MM-DD): showing {day(default)}.")
        return default
    if value > high or value < low:
        shown = min(max(value, low), high)
        notes.add(
            f"The link asks for {what} {day(value)}, outside the data ({day(low)} – {day(high)}): showing {day(shown)}."
        )
        return shown
    return value


def implied_chart(focus: str | None, pair: tuple[str, ...] | None, gaps_page: int) -> str:
    """The Timeline chart a link without `chart` opens: the one its other choices are for, so a link
    that names a pair of parties or an issue (as links did when every chart was drawn) shows it."""
    if pair or gaps_page > 1:
        return "gaps"
    return "positions" if focus else "events"


def _number(text: str | None) -> int:
    """A page or screen number as a link writes it (1 is the first); anything else is the first."""
    return max(int(text), 1) if text and text.isdigit() else 1


def resolve(
    asked: Asked,
    entries: Mapping[str, Entry],
    load: Callable[[str], Dataset],
    default_dataset: str | None,
) -> View | Unavailable:
    notes = _Notes()
    if asked.dataset is not None and asked.dataset not in entries and not entries:
        return Unavailable(asked.dataset, "No dataset could be loaded.")
    wanted = asked.dataset if asked.dataset in entries else default_dataset
    if wanted not in entries:
        ok = [i for i, e in entries.items() if e.ok]
        if not ok:
            return Unavailable(asked.dataset, "No dataset could be loaded.")
        wanted = ok[0]
    entry = entries[wanted]
    if not entry.ok:
        if asked.dataset == wanted:
            return Unavailable(wanted, f"The dataset “{wanted}” named in the link could not be loaded.", entry)
        ok = [i for i, e in entries.items() if e.ok]
        if not ok:
            return Unavailable(wanted, "No dataset could be loaded.", entry)
        wanted, entry = ok[0], entries[ok[0]]
    ds = load(wanted)
    info = ds.info
    if asked.dataset is not None and asked.dataset != wanted:
        notes.add(f"There is no dataset “{asked.dataset[:60]}”: showing “{info.title[:80]}” ({wanted}) instead.")

    party_lookup = _lookup([(p.id, [p.id, p.short, p.name]) for p in ds.parties])
    order = [p.id for p in ds.parties]

    def party_names(ids: list[str] | tuple[str, ...]) -> str:
        return ", ".join(ds.party(p).short for p in order if p in ids)

    defaults = f"the dataset's default parties ({party_names(info.default_parties)})"
    if asked.parties is None:
        parties = [p for p in info.default_parties]
    else:
        parties = _ids(asked.parties, party_lookup, "parties", notes, lambda found: party_names(found) or defaults)
        if asked.parties and not parties:
            parties = [p for p in info.default_parties]
    parties = tuple(p for p in order if p in parties)

    earliest = min(day_before(first_date(ds)), info.as_of)
    as_of = _in_range(asked.as_of, "the date", info.as_of, earliest, info.as_of, notes)

    reliability = _levels(asked.reliability, RELIABILITIES, "reliability", notes)
    basis = _levels(asked.basis, BASES, "basis", notes)
    filters = Filters(frozenset(reliability), frozenset(basis))

    issue_lookup = _lookup([(i.id, [i.id, i.name]) for i in ds.issues])
    issue_ids = [i.id for i in issue_order(ds)]
    issue_names = {i.id: i.name for i in ds.issues}

    def issue_list(values: tuple[str, ...] | None) -> tuple[str, ...]:
        def shown(found: list[str]) -> str:
            return ", ".join(issue_names[i] for i in issue_ids if i in found) or "all issues"

        chosen = set(_ids(values or (), issue_lookup, "issues", notes, shown))
        return tuple(i for i in issue_ids if i in chosen)

    group_names = groups(ds)
    group_lookup = _lookup([(g, [g, slug(g)]) for g in group_names])
    chosen_groups = set(
        _ids(asked.groups, group_lookup, "issue groups", notes, lambda found: ", ".join(found) or "all groups")
    )
    chosen_groups_ordered = tuple(g for g in group_names if g in chosen_groups)

    page_number = _number(asked.page_number)
    issues = issue_list(asked.issues)

    # Timeline: "what changed" since/until and the charted period from/to.
    baseline = default_since(ds, as_of)
    until = _in_range(asked.until, "“until”", as_of, earliest, as_of, notes)
    since = _in_range(asked.since, "“since”", min(baseline, until), earliest, as_of, notes)
    if since > until:
        notes.add("“Since” is after “Until”: the two dates are read the other way round.")
        since, until = until, since
    end = _in_range(asked.end, "the end", as_of, earliest, as_of, notes)
    start = _in_range(asked.start, "the start", min(first_date(ds), end), earliest, as_of, notes)
    if start > end:
        notes.add("“From” is after “To”: the period is read the other way round.")
        start, end = end, start

    focus = None
    if asked.focus is not None:
        found = _ids((asked.focus,), issue_lookup, "an issue", notes, lambda _: "the issue with the most records")
        focus = found[0] if found else None
    pair = None
    if asked.pair:
        given = asked.pair
        if len(given) == 1 and ("|" in given[0] or "↔" in given[0]):
            given = tuple(part.strip() for part in re.split(r"\||↔", given[0]))
        found = _ids(given, party_lookup, "parties", notes)
        if len(found) == 2 and all(p in parties for p in found) and found[0] != found[1]:
            pair = (found[0], found[1]) if order.index(found[0]) < order.index(found[1]) else (found[1], found[0])
        else:
            notes.add("The link's pair of parties is not two of the parties shown: showing the first pair.")
    change_issues = issue_list(asked.change_issues)
    change_parties = tuple(
        p
        for p in _ids(
            asked.change_parties, party_lookup, "parties", notes, lambda f: party_names(f) or "all parties shown"
        )
        if p in parties
    )

    source_lookup = _lookup([(s.id, [s.id, s.title]) for s in ds.sources])
    source = None
    if asked.source is not None:
        found = _ids(
            (asked.source,), source_lookup, "a source", notes, lambda _: "the source behind most of what is shown"
        )
        source = found[0] if found else None
    docs: tuple[str, ...] = ()
    if asked.docs:  # a document is a party's day of positions (party@YYYY-MM-DD), not a source
        doc_lookup = _lookup([(d.id, [d.id]) for d in documents(ds)])
        docs = tuple(_ids(asked.docs, doc_lookup, "documents", notes))

    issue = None
    if asked.issue is not None:
        first = (issues or tuple(issue_ids))[:1]
        found = _ids(
            (asked.issue,),
            issue_lookup,
            "an issue",
            notes,
            lambda _: issue_names[first[0]] if first else "no issue",
        )
        issue = found[0] if found else None
    elif asked.slide is not None:
        shown = issues or tuple(issue_ids)
        if asked.slide.isdigit() and 1 <= int(asked.slide) <= len(shown):
            issue = shown[int(asked.slide) - 1]
        else:
            notes.add(f"The link asks for screen {asked.slide[:10]}, and there are {len(shown)}: showing the first.")

    part, gaps_page = _number(asked.part), _number(asked.gaps_page)
    chart = implied_chart(asked.focus, asked.pair, gaps_page)
    if asked.chart in TIMELINE_CHARTS:
        chart = asked.chart
    elif asked.chart is not None:
        notes.add(f"The link asks for a chart Timeline does not have (“{asked.chart[:40]}”): showing the {chart}.")
    link = Link(
        page=asked.page,
        dataset=ds.id,
        parties=None if list(parties) == list(info.default_parties) else parties,
        as_of=None if as_of == info.as_of else as_of,
        reliability=tuple(r for r in RELIABILITIES if r in reliability),
        basis=tuple(b for b in BASES if b in basis),
        brief=asked.brief,
        groups=tuple(slug(g) for g in chosen_groups_ordered),
        page_number=page_number,
        issues=issues,
        since=None if since == min(baseline, until) else since,
        until=None if until == as_of else until,
        start=None if asked.start is None or start == first_date(ds) else start,
        end=None if end == as_of else end,
        chart=None if chart == implied_chart(focus, pair, gaps_page) else chart,
        focus=focus,
        pair=pair or (),
        change_issues=change_issues,
        change_parties=change_parties,
        source=source,
        issue=issue,
        part=part,
        gaps_page=gaps_page,
        q=asked.q.strip()[:200],
        docs=docs,
        item=asked.item,
        task=asked.task,
    )
    return View(
        page=asked.page,
        dataset=ds,
        revision=entry.revision,
        parties=parties,
        as_of=as_of,
        filters=filters,
        brief=asked.brief,
        groups=chosen_groups_ordered,
        page_number=page_number,
        issues=issues,
        since=since,
        until=until,
        start=start,
        end=end,
        chart=chart,
        focus=focus,
        pair=pair,
        change_issues=change_issues,
        change_parties=change_parties,
        source=source,
        issue=issue,
        part=part,
        gaps_page=gaps_page,
        q=link.q,
        docs=docs,
        item=asked.item,
        task=asked.task,
        notices=tuple(notes.lines),
        link=link,
    )


def _levels(values: tuple[str, ...], allowed: tuple[str, ...], what: str, notes: _Notes) -> list[str]:
    known = [v for v in values if v in allowed]
    if len(known) != len(values):
        notes.add(f"The link's {what} filter names unknown values: only {', '.join(allowed)} are known.")
    return known
