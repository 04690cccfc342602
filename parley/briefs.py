"""What Compare, briefing mode and every export show for a selection, gathered once.

For each chosen issue and each chosen party: the standing as of the date (the position in force
with its evidence, or "not stated", or left out by the filter), and the gap sentence. For the
packs, sources are numbered as footnotes in order of first citation, so the same source keeps
its number throughout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parley.gaps import IssueGap, issue_gap
from parley.model import Dataset, Issue, Source
from parley.record import Standing, Table
from parley.wording import gap_sentence, long_day


@dataclass(frozen=True)
class IssueBrief:
    gap: IssueGap
    gap_text: str

    @property
    def issue(self) -> Issue:
        return self.gap.issue

    @property
    def standings(self) -> tuple[Standing, ...]:
        return self.gap.standings


def issue_briefs(table: Table) -> tuple[IssueBrief, ...]:
    briefs = []
    for issue, row in table.rows():
        gap = issue_gap(issue, row)
        briefs.append(IssueBrief(gap, gap_sentence(gap)))
    return tuple(briefs)


@dataclass(frozen=True)
class Footnote:
    number: int
    source: Source


@dataclass(frozen=True)
class Brief:
    """A briefing: the chosen issues for the chosen parties as of a date, with numbered sources."""

    dataset: Dataset
    as_of: dt.date
    issues: tuple[IssueBrief, ...]
    footnotes: dict[str, Footnote]
    colors: dict[str, str]
    filter_note: str = ""  # how the view's evidence filter narrows it ("" when off)

    @property
    def title(self) -> str:
        return self.dataset.info.title

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(s.party.id for s in self.issues[0].standings) if self.issues else ()

    def party_names(self) -> list[str]:
        return [self.dataset.party(p).name for p in self.parties]

    def notes_for(self, brief: IssueBrief) -> tuple[Footnote, ...]:
        cited = {c.source.id for s in brief.standings if s.shown for c in s.cited}
        return tuple(sorted((self.footnotes[i] for i in cited), key=lambda f: f.number))

    def sources(self) -> tuple[Footnote, ...]:
        return tuple(sorted(self.footnotes.values(), key=lambda f: f.number))

    def dates_line(self) -> str:
        data_as_of = self.dataset.info.as_of
        line = f"Positions as of {long_day(self.as_of)}"
        if self.as_of != data_as_of:
            return line + f" · dataset as of {long_day(data_as_of)}"
        return line + " (the dataset's latest information)"

    def short_dates(self) -> str:
        return f"Positions as of {self.as_of:%d %b %Y}"

    def file_stem(self) -> str:
        return f"parley-briefing-{self.dataset.id}-{self.as_of.isoformat()}"


def brief(ds: Dataset, table: Table, colors: dict[str, str], filter_note: str = "") -> Brief:
    issues = issue_briefs(table)
    footnotes: dict[str, Footnote] = {}
    for item in issues:
        for s in item.standings:
            for c in s.cited if s.shown else ():
                footnotes.setdefault(c.source.id, Footnote(len(footnotes) + 1, c.source))
    return Brief(ds, table.as_of, issues, footnotes, colors, filter_note)
