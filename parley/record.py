"""A dataset's record as of a date: each chosen party's standing on each issue.

"As of D" means each party's latest position dated on or before D; a withdrawn one puts the
party back to "not stated" from its date. A party with no position in force has not stated
one: never a value of zero, never agreement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from parley.evidence import Cited, cited_of, weakness
from parley.filters import NO_FILTER, Filters
from parley.model import Dataset, Issue, Party, Position

State = Literal["stated", "not stated", "left out"]


def issue_order(ds: Dataset) -> tuple[Issue, ...]:
    """Issues grouped by group, groups in order of first use, issues in file order within each."""
    groups = list(dict.fromkeys(i.group for i in ds.issues))
    return tuple(sorted(ds.issues, key=lambda i: groups.index(i.group)))


def groups(ds: Dataset) -> list[str]:
    return list(dict.fromkeys(i.group for i in ds.issues))


def in_force(ds: Dataset, as_of: dt.date) -> dict[tuple[str, str], Position]:
    """(party, issue) -> the position in force on as_of; positions are sorted by date on load."""
    current: dict[tuple[str, str], Position] = {}
    for position in ds.positions:
        if position.date > as_of:
            break
        key = (position.party, position.issue)
        if position.withdrawn:
            current.pop(key, None)
        else:
            current[key] = position
    return current


@dataclass(frozen=True)
class Standing:
    """One party on one issue as of a date: the position in force with its evidence, or none."""

    party: Party
    issue: Issue
    position: Position | None = None
    cited: tuple[Cited, ...] = ()
    left_out: str = ""  # why the view's filter leaves the position in force out; "" when shown

    @property
    def state(self) -> State:
        if self.position is None:
            return "not stated"
        return "left out" if self.left_out else "stated"

    @property
    def shown(self) -> bool:
        return self.state == "stated"

    @property
    def value(self) -> float | None:
        return self.position.value if self.shown else None

    @property
    def acceptable(self) -> tuple[float, float] | None:
        return self.position.acceptable if self.shown else None

    @property
    def placed(self) -> bool:
        return self.value is not None

    @property
    def weakness(self) -> str:
        return weakness(self.cited) if self.shown else ""


def standing(ds: Dataset, party: Party, issue: Issue, position: Position | None, filters: Filters) -> Standing:
    if position is None:
        return Standing(party, issue)
    cited = cited_of(ds, position)
    return Standing(party, issue, position, cited, filters.left_out(position, cited))


@dataclass(frozen=True)
class Table:
    """Issues by parties as of a date: one Standing per cell, "not stated" cells included."""

    as_of: dt.date
    issues: tuple[Issue, ...]
    parties: tuple[Party, ...]
    cells: Mapping[tuple[str, str], Standing]

    def row(self, issue_id: str) -> tuple[Standing, ...]:
        return tuple(self.cells[(issue_id, p.id)] for p in self.parties)

    def rows(self) -> Iterable[tuple[Issue, tuple[Standing, ...]]]:
        for issue in self.issues:
            yield issue, self.row(issue.id)

    def left_out(self) -> list[Standing]:
        return [s for s in self.cells.values() if s.state == "left out"]


def table(
    ds: Dataset,
    current: Mapping[tuple[str, str], Position],
    as_of: dt.date,
    parties: Iterable[str],
    filters: Filters = NO_FILTER,
    issues: Iterable[str] | None = None,
) -> Table:
    """`current` is in_force(ds, as_of); `issues` narrows the rows (display order is kept)."""
    chosen = tuple(ds.party(p) for p in parties)
    wanted = None if issues is None else set(issues)
    rows = tuple(i for i in issue_order(ds) if wanted is None or i.id in wanted)
    cells = {
        (issue.id, party.id): standing(ds, party, issue, current.get((party.id, issue.id)), filters)
        for issue in rows
        for party in chosen
    }
    return Table(as_of, rows, chosen, cells)
