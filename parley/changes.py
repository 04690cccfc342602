"""How positions and gaps moved over time, and what changed between two dates.

Conventions, shared with parley.record.in_force:
- "in force on D" means the latest record dated on or before D; a withdrawn record puts the
  party back to "not stated" from its date on.
- a period [start, end] starts from what was in force on `start` and takes in the records dated
  after `start` up to and including `end`. "What changed between since and until" therefore lists
  the records dated after `since` (what was known that day is the baseline) up to `until`.
- "not stated" (no record, a withdrawn one, a stance not placed on the scale, or one the view's
  filter leaves out) never becomes a value of 0: steps and gaps carry None there, and readings
  say the gap is unknown.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from parley.evidence import cited_of
from parley.filters import NO_FILTER, Filters
from parley.model import Dataset, Event, Issue, Position
from parley.record import issue_order

ChangeKind = Literal["added", "changed", "withdrawn"]
Reading = Literal["narrowed", "widened", "unchanged", "newly stated", "gap unknown"]
Histories = Mapping[tuple[str, str], Sequence[Position]]


def histories(ds: Dataset) -> dict[tuple[str, str], list[Position]]:
    """(party, issue) -> every record, oldest first (positions are sorted by date on load)."""
    found: dict[tuple[str, str], list[Position]] = {}
    for position in ds.positions:
        found.setdefault((position.party, position.issue), []).append(position)
    return found


@dataclass(frozen=True)
class Step:
    """One interval of a period in which one record of a party on an issue is in force."""

    position: Position
    start: dt.date
    end: dt.date
    in_period: bool  # the record is dated inside the period: a change to mark
    left_out: str = ""  # why the view's filter leaves this record out

    @property
    def withdrawn(self) -> bool:
        return self.position.withdrawn

    @property
    def shown(self) -> bool:
        return not self.withdrawn and not self.left_out

    @property
    def value(self) -> float | None:
        return self.position.value if self.shown else None

    @property
    def acceptable(self) -> tuple[float, float] | None:
        return self.position.acceptable if self.shown else None


def position_steps(
    ds: Dataset,
    records: Sequence[Position],
    start: dt.date,
    end: dt.date,
    filters: Filters = NO_FILTER,
) -> list[Step]:
    """The steps of one party on one issue over [start, end]; nothing before its first record."""
    records = [r for r in records if r.date <= end]
    before = [r for r in records if r.date <= start][-1:]
    chosen = before + [r for r in records if r.date > start]
    steps = []
    for n, record in enumerate(chosen):
        step_end = chosen[n + 1].date if n + 1 < len(chosen) else end
        left_out = filters.left_out(record, cited_of(ds, record)) if filters.active and not record.withdrawn else ""
        steps.append(Step(record, max(record.date, start), step_end, record.date >= start, left_out))
    return steps


@dataclass(frozen=True)
class GapStep:
    start: dt.date
    end: dt.date
    a_value: float | None
    b_value: float | None

    @property
    def gap(self) -> float | None:
        if self.a_value is None or self.b_value is None:
            return None
        return abs(self.a_value - self.b_value)


def _value_on(steps: Sequence[Step], day: dt.date) -> float | None:
    """The value in force on `day` among steps (sorted by start), None when none is placed."""
    starts = [s.position.date for s in steps]
    at = bisect.bisect_right(starts, day) - 1
    return steps[at].value if at >= 0 else None


def gap_steps(
    ds: Dataset,
    a: Sequence[Position],
    b: Sequence[Position],
    start: dt.date,
    end: dt.date,
    filters: Filters = NO_FILTER,
) -> list[GapStep]:
    """The gap |a - b| as intervals of [start, end]; None while either side is not placed."""
    sa = position_steps(ds, a, dt.date.min, end, filters)
    sb = position_steps(ds, b, dt.date.min, end, filters)
    points = [start, *sorted({r.date for r in (*a, *b) if start < r.date <= end})]
    ends = [*points[1:], end]
    return [GapStep(p, e, _value_on(sa, p), _value_on(sb, p)) for p, e in zip(points, ends, strict=True)]


@dataclass(frozen=True)
class GapReading:
    issue: str
    name: str
    reading: Reading
    start_gap: float | None
    end_gap: float | None
    text: str

    @property
    def short(self) -> str:
        """A few words for a chart row title: "narrowed 90 → 80", "newly stated · now 40"."""
        if self.reading in ("narrowed", "widened"):
            return f"{self.reading} {self.start_gap:g} → {self.end_gap:g}"
        if self.reading == "unchanged":
            return f"unchanged at {self.end_gap:g}"
        if self.reading == "newly stated":
            if self.start_gap is not None and self.start_gap != self.end_gap:
                moved = "narrowed" if self.end_gap < self.start_gap else "widened"
                return f"newly stated, then {moved} {self.start_gap:g} → {self.end_gap:g}"
            return f"newly stated · now {self.end_gap:g}"
        return "gap unknown"


def gap_reading(
    ds: Dataset,
    hist: Histories,
    issue: Issue,
    a: str,
    b: str,
    start: dt.date,
    end: dt.date,
    filters: Filters = NO_FILTER,
) -> GapReading:
    """Did the gap between a and b on `issue` narrow, widen or stay the same over [start, end]?

    "newly stated": at the start one side (or both) had no placed position, at the end both have;
    its start_gap is the gap on the first day both were placed, so a briefer still sees whether
    the two moved closer after both had spoken.
    "gap unknown": at the end at least one side has no placed position (never read as 0).
    """
    sa, sb = ds.party(a).short, ds.party(b).short
    steps = gap_steps(ds, hist.get((a, issue.id), ()), hist.get((b, issue.id), ()), start, end, filters)
    first, last = steps[0], steps[-1]
    g0, g1 = first.gap, last.gap
    if g1 is None:
        missing = [s for s, v in ((sa, last.a_value), (sb, last.b_value)) if v is None]
        text = "gap unknown: no position on the scale from " + " or ".join(missing)
        if g0 is not None:
            text += f" (it was {g0:g} points)"
        return GapReading(issue.id, issue.name, "gap unknown", g0, None, text)
    now = f"{g1:g} points ({sa} {last.a_value:g} ↔ {sb} {last.b_value:g})"
    if g0 is None:
        missing = [s for s, v in ((sa, first.a_value), (sb, first.b_value)) if v is None]
        both = next(s for s in steps if s.gap is not None)
        text = (
            f"newly stated: {' and '.join(missing)} had no position at the start; "
            f"first both placed on {both.start:%d %b %Y} at {both.gap:g} points; now {now}"
        )
        return GapReading(issue.id, issue.name, "newly stated", both.gap, g1, text)
    if g1 < g0:
        return GapReading(issue.id, issue.name, "narrowed", g0, g1, f"narrowed from {g0:g} to {now}")
    if g1 > g0:
        return GapReading(issue.id, issue.name, "widened", g0, g1, f"widened from {g0:g} to {now}")
    return GapReading(issue.id, issue.name, "unchanged", g0, g1, f"unchanged at {now}")


def gap_readings(
    ds: Dataset, hist: Histories, a: str, b: str, start: dt.date, end: dt.date, filters: Filters = NO_FILTER
) -> list[GapReading]:
    """gap_reading for every issue, in the issues' display order."""
    return [gap_reading(ds, hist, issue, a, b, start, end, filters) for issue in issue_order(ds)]


@dataclass(frozen=True)
class Change:
    """One record dated in a period, next to the one in force just before it (None when none was)."""

    party: str
    issue: str
    kind: ChangeKind
    new: Position
    old: Position | None

    @property
    def date(self) -> dt.date:
        return self.new.date

    @property
    def delta(self) -> float | None:
        if self.kind != "changed" or self.old.value is None or self.new.value is None:
            return None
        return self.new.value - self.old.value


def changes_between(
    hist: Histories,
    since: dt.date,
    until: dt.date,
    parties: Sequence[str],
    issues: Iterable[str] | None = None,
) -> list[Change]:
    """Every record dated after `since` up to `until`: "added" (nothing in force before, or the last
    record was a withdrawal), "changed" (replaces a position in force, even with the same value: a
    restatement is news too) or "withdrawn". Two changes by one party on one issue give two
    entries, so every step keeps its own evidence. Sorted by date, then party order, then issue."""
    order = {p: n for n, p in enumerate(parties)}
    wanted = None if issues is None else set(issues)
    found = []
    for (party, issue), records in hist.items():
        if party not in order or (wanted is not None and issue not in wanted):
            continue
        for n, record in enumerate(records):
            if not since < record.date <= until:
                continue
            old = records[n - 1] if n > 0 and not records[n - 1].withdrawn else None
            kind: ChangeKind = "withdrawn" if record.withdrawn else "changed" if old is not None else "added"
            found.append(Change(party, issue, kind, record, old))
    return sorted(found, key=lambda c: (c.date, order[c.party], c.issue))


def events_between(ds: Dataset, since: dt.date, until: dt.date, inclusive_start: bool = False) -> list[Event]:
    """Events dated after `since` (on or after with inclusive_start) up to `until`, oldest first."""
    return [e for e in ds.events if (e.date >= since if inclusive_start else e.date > since) and e.date <= until]


def first_date(ds: Dataset) -> dt.date:
    """The earliest date in the data (a position or an event), or as_of when there are none."""
    dates = [p.date for p in ds.positions[:1]] + [e.date for e in ds.events[:1]]
    return min(dates, default=ds.info.as_of)


def default_since(ds: Dataset, until: dt.date) -> dt.date:
    """The baseline a briefer most likely last briefed on: the latest event dated before `until`
    after which something (a position record or an event) is on record up to `until`, so the
    default window is never empty when there is news. Without one, the day before the first
    record, so everything counts as new.
    """
    dated = sorted({p.date for p in ds.positions} | {e.date for e in ds.events})
    for day in sorted({e.date for e in ds.events if e.date < until}, reverse=True):
        at = bisect.bisect_right(dated, day)
        if at < len(dated) and dated[at] <= until:
            return day
    return day_before(first_date(ds))


def day_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1) if day > dt.date.min else day
