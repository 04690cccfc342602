"""What a briefing shows, gathered once for every format (briefing mode, HTML pack, deck).

For each chosen issue and each chosen party: the position in force as of the date, or
"not stated" where there is none, with its quotes numbered as footnotes. Footnote numbers
run through the whole pack in order of first citation, so the same source keeps its number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from parley import tables
from parley.compare import compare_rows
from parley.model import Dataset
from parley.palette import party_colors

BASIS_NOTE = (
    "Basis: stated = the party's own published words; reported = attributed to the party by a source; "
    "assessed = analyst coding, not the party's words (the analysts' reason is given). "
    "Positions on the 0–100 scales and acceptable ranges are analyst coding throughout."
)
BASIS_LABEL = {"stated": "stated", "reported": "reported", "assessed": "assessed (analyst coding)"}


@dataclass(frozen=True)
class Footnote:
    number: int
    source: str
    title: str
    publisher: str
    date: dt.date
    url: str
    kind: str
    reliability: str

    def citation(self, url: bool = True) -> str:
        """One line: title, publisher, date (and address); plain text, escape before showing."""
        parts = [self.title, self.publisher, f"{self.date:%d %b %Y}"]
        return ", ".join(parts) + (f". {self.url}" if self.url and url else "")


@dataclass(frozen=True)
class Quote:
    text: str
    footnote: int


@dataclass(frozen=True)
class Stance:
    party: str
    name: str
    short: str
    color: str
    stated: bool
    stance: str = tables.NOT_STATED
    detail: str = ""
    date: dt.date | None = None
    basis: str = ""
    confidence: str = ""
    value: float | None = None
    acceptable: tuple[float, float] | None = None
    note: str = ""
    quotes: tuple[Quote, ...] = ()

    @property
    def basis_label(self) -> str:
        return BASIS_LABEL.get(self.basis, self.basis)

    @property
    def assessed(self) -> bool:
        return self.basis == "assessed"

    def coding(self) -> str:
        """ "value 60 · acceptable 50–90 (analyst coding)"; empty when not stated.

        Both numbers are the analysts' placing of the words on the scale, so the label says so.
        """
        if not self.stated:
            return ""
        text = f"value {self.value:g}" if self.value is not None else "not placed on the scale"
        if self.acceptable:
            text += f" · acceptable {self.acceptable[0]:g}–{self.acceptable[1]:g}"
        return text + (" (analyst coding)" if self.value is not None or self.acceptable else "")


@dataclass(frozen=True)
class IssueBrief:
    issue: str
    name: str
    group: str
    question: str
    low: str
    high: str
    stances: tuple[Stance, ...]
    footnotes: tuple[Footnote, ...]


@dataclass(frozen=True)
class Pack:
    dataset: Dataset
    current: pd.DataFrame = field(repr=False)
    parties: tuple[str, ...]
    as_of: dt.date
    colors: dict[str, str]
    issues: tuple[IssueBrief, ...]
    sources: tuple[Footnote, ...]

    @property
    def title(self) -> str:
        return self.dataset.info.title

    @property
    def data_as_of(self) -> dt.date:
        return self.dataset.info.as_of

    def party_names(self) -> list[str]:
        return [self.dataset.party(p).name for p in self.parties]

    def dates_line(self) -> str:
        line = f"Positions as of {self.as_of:%d %B %Y}"
        if self.as_of != self.data_as_of:
            line += f" · dataset as of {self.data_as_of:%d %B %Y}"
        else:
            line += " (the dataset's latest information)"
        return line

    def figure(self, issue_id: str) -> go.Figure:
        """The issue's gap chart: every chosen party's point, range and the overlap, large type."""
        from parley.charts.gaps import issue_figure

        fig = issue_figure(self.dataset, self.current, issue_id, list(self.parties), self.colors)
        # Every format heads the chart with the issue's name and question already: drop the title and
        # the repeated bottom axis labels, keeping the plot area (and so its pixel layout) the same size.
        margin = fig.layout.margin
        top, bottom = 34, 12
        height = int(fig.layout.height) - (margin.t - top) - (margin.b - bottom)
        fig.update_layout(title={"text": ""}, margin={"t": top, "b": bottom}, height=height)
        fig.update_layout(xaxis={"showticklabels": False})
        return fig

    def short_dates(self) -> str:
        return f"Positions as of {self.as_of:%d %b %Y}"

    def file_stem(self) -> str:
        return f"parley-briefing-{self.dataset.id}-{self.as_of.isoformat()}"


def build_pack(
    ds: Dataset,
    parties: list[str],
    as_of: dt.date | None = None,
    issues: list[str] | None = None,
    positions: pd.DataFrame | None = None,
    colors: dict[str, str] | None = None,
) -> Pack:
    """Gather the briefing for `parties` (in the given order) on `issues` (default all, data order)."""
    as_of = as_of or ds.info.as_of
    positions = tables.positions_frame(ds) if positions is None else positions
    current = tables.in_force(positions, as_of)
    colors = colors or party_colors(ds.parties)
    order = list(tables.issues_frame(ds)["issue"])
    chosen = [i for i in order if issues is None or i in issues]
    wanted = [p for p in parties if any(q.id == p for q in ds.parties)]
    sources = {s.id: s for s in ds.sources}
    numbers: dict[str, Footnote] = {}

    def note_for(source_id: str) -> Footnote:
        if source_id not in numbers:
            s = sources[source_id]
            numbers[source_id] = Footnote(
                len(numbers) + 1, s.id, s.title, s.publisher, s.date, s.url or "", s.kind, s.reliability
            )
        return numbers[source_id]

    # The Compare view's rows decide what each party's position is; the pack adds footnotes.
    rows = {row.issue: row for row in compare_rows(ds, current, wanted, colors)}
    briefs = []
    for issue_id in chosen:
        issue = ds.issue(issue_id)
        stances, cited = [], {}
        for cell in rows[issue_id].cells:
            if not cell.stated:
                stances.append(Stance(cell.party, cell.name, cell.short, cell.color, stated=False))
                continue
            quotes = []
            for q in cell.evidence:
                fn = note_for(q.source)
                cited[fn.number] = fn
                quotes.append(Quote(q.quote, fn.number))
            stances.append(
                Stance(
                    cell.party,
                    cell.name,
                    cell.short,
                    cell.color,
                    stated=True,
                    stance=cell.stance,
                    detail=cell.detail,
                    date=cell.date,
                    basis=cell.basis,
                    confidence=cell.confidence,
                    value=cell.value,
                    acceptable=cell.acceptable,
                    note=cell.note,
                    quotes=tuple(quotes),
                )
            )
        briefs.append(
            IssueBrief(
                issue.id,
                issue.name,
                issue.group,
                issue.question,
                issue.scale.low,
                issue.scale.high,
                tuple(stances),
                tuple(cited[n] for n in sorted(cited)),
            )
        )
    return Pack(
        dataset=ds,
        current=current,
        parties=tuple(wanted),
        as_of=as_of,
        colors=colors,
        issues=tuple(briefs),
        sources=tuple(sorted(numbers.values(), key=lambda f: f.number)),
    )
