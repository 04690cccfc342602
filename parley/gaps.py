"""Gap metrics between parties on each issue's 0-100 scale.

A gap needs two coded values: when either party has not stated a position (or stated one the
analysts could not place on the scale) the gap is unknown, never zero. Acceptable ranges are
analyst judgement; they overlap when they share at least one point (touching ranges share
exactly one, and that point is named), and otherwise lie a measured distance apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from parley.model import Issue
from parley.record import Standing, Table

Range = tuple[float, float]


@dataclass(frozen=True)
class Overlap:
    low: float
    high: float

    @property
    def touching(self) -> bool:
        return self.low == self.high

    def label(self) -> str:
        if self.touching:
            return f"ranges touch at {self.low:g}"
        return f"overlap {self.low:g}–{self.high:g}"


@dataclass(frozen=True)
class Apart:
    """Ranges that miss each other: the empty stretch between the lowest top and the highest bottom."""

    low: float
    high: float

    @property
    def distance(self) -> float:
        return self.high - self.low

    def label(self) -> str:
        return f"ranges {self.distance:g} points apart"


def value_gap(a: float | None, b: float | None) -> float | None:
    if _missing(a) or _missing(b):
        return None
    return abs(float(a) - float(b))


def range_overlap(ranges: Sequence[Range | None]) -> Overlap | None:
    """The zone every range shares; None when any range is missing or two ranges are apart."""
    if not ranges or any(r is None for r in ranges):
        return None
    low = max(r[0] for r in ranges)
    high = min(r[1] for r in ranges)
    return Overlap(low, high) if low <= high else None


def ranges_apart(ranges: Sequence[Range | None]) -> Apart | None:
    """The stretch no range covers between them; None when any is missing or they all overlap."""
    if len(ranges) < 2 or any(r is None for r in ranges):
        return None
    top_of_lowest = min(r[1] for r in ranges)
    bottom_of_highest = max(r[0] for r in ranges)
    return Apart(top_of_lowest, bottom_of_highest) if bottom_of_highest > top_of_lowest else None


def range_distance(a: Range | None, b: Range | None) -> float | None:
    """How far apart two ranges are: 0 when they overlap or touch, None when either is missing."""
    if a is None or b is None:
        return None
    apart = ranges_apart([a, b])
    return apart.distance if apart else 0.0


def _missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


@dataclass(frozen=True)
class IssueGap:
    """One issue across the chosen parties: the spread of values, who is furthest apart, the ranges."""

    issue: Issue
    standings: tuple[Standing, ...]
    gap: float | None
    low: Standing | None  # the party placed lowest on the scale
    high: Standing | None
    overlap: Overlap | None  # only when every chosen party has a range
    apart: Apart | None

    @property
    def placed(self) -> tuple[Standing, ...]:
        return tuple(s for s in self.standings if s.placed)

    @property
    def not_stated(self) -> tuple[Standing, ...]:
        return tuple(s for s in self.standings if s.state == "not stated")

    @property
    def left_out(self) -> tuple[Standing, ...]:
        return tuple(s for s in self.standings if s.state == "left out")

    @property
    def unplaced(self) -> tuple[Standing, ...]:
        return tuple(s for s in self.standings if s.shown and not s.placed)

    @property
    def ranged(self) -> int:
        return sum(s.acceptable is not None for s in self.standings)

    @property
    def comparable(self) -> bool:
        """True when every chosen party (two or more) has an acceptable range to compare."""
        return len(self.standings) >= 2 and self.ranged == len(self.standings)


def issue_gap(issue: Issue, standings: tuple[Standing, ...]) -> IssueGap:
    placed = [s for s in standings if s.placed]
    gap = low = high = None
    if len(placed) >= 2:
        low = min(placed, key=lambda s: s.value)
        high = max(placed, key=lambda s: s.value)
        gap = float(high.value - low.value)
    ranges = [s.acceptable for s in standings]
    every = len(standings) >= 2 and all(s.shown for s in standings)
    return IssueGap(
        issue,
        standings,
        gap,
        low,
        high,
        range_overlap(ranges) if every else None,
        ranges_apart(ranges) if every else None,
    )


def issue_gaps(table: Table) -> tuple[IssueGap, ...]:
    """Every issue of the table, in its display order."""
    return tuple(issue_gap(issue, row) for issue, row in table.rows())


def ranked_gaps(gaps: Sequence[IssueGap]) -> list[IssueGap]:
    """Issues with a measurable gap, widest first; issues without one are left out, not ranked as 0."""
    known = [g for g in gaps if g.gap is not None]
    return sorted(known, key=lambda g: (-g.gap, g.issue.name))


@dataclass(frozen=True)
class Distances:
    """Mean gap between each pair of parties over the issues both have placed on the scale.

    None where two parties share no placed issue: "no common issue", never 0.
    """

    parties: tuple[str, ...]
    mean: dict[tuple[str, str], float | None]
    shared: dict[tuple[str, str], int]

    def between(self, a: str, b: str) -> float | None:
        return 0.0 if a == b and self.shared.get((a, a)) else self.mean.get((a, b))

    def count(self, a: str, b: str) -> int:
        return self.shared.get((a, b), 0)


def distances(table: Table, parties: Sequence[str] | None = None) -> Distances:
    """Weighted by salience where both parties coded it (the mean of the two), else weight 1."""
    parties = tuple(parties or (p.id for p in table.parties))
    placed = {
        party: {s.issue.id: s for s in (table.cells.get((i.id, party)) for i in table.issues) if s and s.placed}
        for party in parties
    }
    mean: dict[tuple[str, str], float | None] = {}
    shared: dict[tuple[str, str], int] = {}
    for a in parties:
        shared[(a, a)] = len(placed[a])
    for a, b in combinations(parties, 2):
        common = [i for i in placed[a] if i in placed[b]]
        total = weighted = 0.0
        for issue in common:
            sa, sb = placed[a][issue], placed[b][issue]
            weight = 1.0
            if sa.position.salience is not None and sb.position.salience is not None:
                weight = (sa.position.salience + sb.position.salience) / 2
            total += weight
            weighted += weight * abs(sa.value - sb.value)
        if not common:
            value = None
        elif total > 0:
            value = weighted / total
        else:
            value = sum(abs(placed[a][i].value - placed[b][i].value) for i in common) / len(common)
        mean[(a, b)] = mean[(b, a)] = value
        shared[(a, b)] = shared[(b, a)] = len(common)
    return Distances(parties, mean, shared)
