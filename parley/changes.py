"""How positions and gaps moved over time, and what changed between two dates.

Plain pandas, no Streamlit. Every function takes `positions` from tables.positions_frame().

Conventions, shared with tables.in_force:
- "in force on D" means the latest record dated on or before D; a withdrawn record puts the
  party back to "not stated" from its date on.
- a period [start, end] starts from what was in force on `start` and takes in the records dated
  after `start` up to and including `end`. "What changed between since and until" therefore lists
  the records dated after `since` (what was known that day is the baseline) up to `until`.
- "not stated" (no record, a withdrawn one, or a stance not placed on the scale) never becomes a
  value of 0: steps and gaps carry NaN there, and readings say the gap is unknown.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from parley.model import Dataset
from parley.tables import events_frame, issues_frame

DateLike = dt.date | pd.Timestamp | str

ChangeKind = Literal["added", "changed", "withdrawn"]
Reading = Literal["narrowed", "widened", "unchanged", "newly stated", "gap unknown"]

STEP_COLUMNS = [
    "party", "issue", "start", "end", "date", "in_period", "withdrawn", "stated", "value", "acc_low",
    "acc_high", "stance", "quote", "source", "source_title", "source_publisher", "source_date", "basis",
    "confidence", "note",
]  # fmt: skip

CARRIED = [
    "date", "stance", "detail", "value", "acc_low", "acc_high", "basis", "confidence", "note", "withdrawn",
    "quote", "source", "source_title", "source_publisher", "source_date", "source_url", "evidence",
]  # fmt: skip


def _ts(d: DateLike) -> pd.Timestamp:
    return pd.Timestamp(d).normalize()


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _records(positions: pd.DataFrame, party: str, issue: str) -> pd.DataFrame:
    here = positions[(positions["party"] == party) & (positions["issue"] == issue)]
    return here.sort_values("date", kind="stable").reset_index(drop=True)


# --- positions over time ---------------------------------------------------------------------


def position_steps(positions: pd.DataFrame, party: str, issue: str, start: DateLike, end: DateLike) -> pd.DataFrame:
    """One row per interval of [start, end] in which one record of `party` on `issue` is in force.

    Intervals before the party's first record are absent (not stated). A withdrawn record gives
    an interval with withdrawn=True and stated=False; a stance not placed on the scale has
    stated=True and value NaN. `in_period` is True when the record itself is dated inside the
    period (a change the reader should see marked), False for the one carried in from before.
    """
    start, end = _ts(start), _ts(end)
    records = _records(positions, party, issue)
    records = records[records["date"] <= end]
    before = records[records["date"] <= start].tail(1)
    inside = records[records["date"] > start]
    chosen = pd.concat([before, inside]) if not before.empty else inside
    rows = []
    dates = list(chosen["date"])
    for n, (_, rec) in enumerate(chosen.iterrows()):
        step_end = dates[n + 1] if n + 1 < len(dates) else end
        rows.append({
            "party": party, "issue": issue,
            "start": max(rec["date"], start), "end": step_end, "date": rec["date"],
            "in_period": bool(rec["date"] >= start),
            "withdrawn": bool(rec["withdrawn"]), "stated": not bool(rec["withdrawn"]),
            "value": float("nan") if rec["withdrawn"] else rec["value"],
            "acc_low": float("nan") if rec["withdrawn"] else rec["acc_low"],
            "acc_high": float("nan") if rec["withdrawn"] else rec["acc_high"],
            **{k: rec[k] for k in ("stance", "quote", "source", "source_title", "source_publisher", "source_date",
                                   "basis", "confidence", "note")},
        })  # fmt: skip
    frame = pd.DataFrame(rows, columns=STEP_COLUMNS)
    for column in ("value", "acc_low", "acc_high"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def _value_on(positions: pd.DataFrame, party: str, issue: str, day: pd.Timestamp) -> float | None:
    records = _records(positions, party, issue)
    records = records[records["date"] <= day]
    if records.empty:
        return None
    last = records.iloc[-1]
    if last["withdrawn"] or _missing(last["value"]):
        return None
    return float(last["value"])


def gap_steps(positions: pd.DataFrame, issue: str, a: str, b: str, start: DateLike, end: DateLike) -> pd.DataFrame:
    """The gap |a - b| on `issue` as intervals of [start, end]; NaN while either side is not placed."""
    start, end = _ts(start), _ts(end)
    both = positions[(positions["issue"] == issue) & positions["party"].isin([a, b])]
    points = pd.DatetimeIndex([start, *sorted({d for d in both["date"] if start < d <= end})])
    frame = pd.DataFrame({
        "issue": issue, "start": points, "end": [*points[1:], end],
        "a_value": _placed_on(both, a, points), "b_value": _placed_on(both, b, points),
    })  # fmt: skip
    frame["gap"] = (frame["a_value"] - frame["b_value"]).abs()
    return frame


def _placed_on(records: pd.DataFrame, party: str, days: pd.DatetimeIndex) -> np.ndarray:
    """The value in force on each day (NaN when none, withdrawn or not placed), by one sorted search."""
    mine = records[records["party"] == party].sort_values("date", kind="stable")
    values = np.where(mine["withdrawn"].to_numpy(dtype=bool), np.nan, mine["value"].to_numpy(dtype=float))
    at = np.searchsorted(mine["date"].to_numpy(), days.to_numpy(), side="right") - 1
    return np.where(at >= 0, values[np.clip(at, 0, None)] if len(values) else np.nan, np.nan)


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
            return f"{self.reading} {_fmt(self.start_gap)} → {_fmt(self.end_gap)}"
        if self.reading == "unchanged":
            return f"unchanged at {_fmt(self.end_gap)}"
        if self.reading == "newly stated":
            if self.start_gap is not None and self.start_gap != self.end_gap:
                moved = "narrowed" if self.end_gap < self.start_gap else "widened"
                return f"newly stated, then {moved} {_fmt(self.start_gap)} → {_fmt(self.end_gap)}"
            return f"newly stated · now {_fmt(self.end_gap)}"
        return "gap unknown"


def _fmt(x: float) -> str:
    return f"{x:g}"


def gap_reading(
    positions: pd.DataFrame,
    issue: str,
    a: str,
    b: str,
    start: DateLike,
    end: DateLike,
    name: str = "",
    shorts: dict[str, str] | None = None,
) -> GapReading:
    """Did the gap between a and b on `issue` narrow, widen or stay the same over [start, end]?

    "newly stated": at the start one side (or both) had no placed position, at the end both have;
    its start_gap is the gap on the first day both were placed, so a briefer still sees whether
    the two moved closer after both had spoken.
    "gap unknown": at the end at least one side has no placed position (never read as 0).
    """
    start, end = _ts(start), _ts(end)
    shorts = shorts or {}
    sa, sb = shorts.get(a, a), shorts.get(b, b)
    positions = positions[(positions["issue"] == issue) & positions["party"].isin([a, b])]
    a0, b0 = _value_on(positions, a, issue, start), _value_on(positions, b, issue, start)
    a1, b1 = _value_on(positions, a, issue, end), _value_on(positions, b, issue, end)
    g0 = abs(a0 - b0) if a0 is not None and b0 is not None else None
    g1 = abs(a1 - b1) if a1 is not None and b1 is not None else None
    if g1 is None:
        missing = [s for s, v in ((sa, a1), (sb, b1)) if v is None]
        text = "gap unknown: no position on the scale from " + " or ".join(missing)
        if g0 is not None:
            text += f" (it was {_fmt(g0)} points)"
        return GapReading(issue, name, "gap unknown", g0, None, text)
    now = f"{_fmt(g1)} points ({sa} {_fmt(a1)} ↔ {sb} {_fmt(b1)})"
    if g0 is None:
        missing = [s for s, v in ((sa, a0), (sb, b0)) if v is None]
        first_day, first_gap = _first_joint_gap(positions, issue, a, b, start, end)
        text = (
            f"newly stated: {' and '.join(missing)} had no position at the start; "
            f"first both placed on {first_day:%d %b %Y} at {_fmt(first_gap)} points; now {now}"
        )
        return GapReading(issue, name, "newly stated", first_gap, g1, text)
    if g1 < g0:
        reading: Reading = "narrowed"
        text = f"narrowed from {_fmt(g0)} to {now}"
    elif g1 > g0:
        reading = "widened"
        text = f"widened from {_fmt(g0)} to {now}"
    else:
        reading = "unchanged"
        text = f"unchanged at {now}"
    return GapReading(issue, name, reading, g0, g1, text)


def _first_joint_gap(
    positions: pd.DataFrame, issue: str, a: str, b: str, start: pd.Timestamp, end: pd.Timestamp
) -> tuple[pd.Timestamp, float]:
    """The first day in (start, end] on which both sides were placed, and their gap that day."""
    steps = gap_steps(positions, issue, a, b, start, end)
    first = steps[steps["gap"].notna()].iloc[0]
    return first["start"], float(first["gap"])


def gap_readings(
    ds: Dataset, positions: pd.DataFrame, a: str, b: str, start: DateLike, end: DateLike
) -> list[GapReading]:
    """gap_reading for every issue, in the issues' display order."""
    shorts = {p.id: p.short for p in ds.parties}
    issues = issues_frame(ds)
    return [
        gap_reading(positions, row.issue, a, b, start, end, name=row.name, shorts=shorts) for row in issues.itertuples()
    ]


# --- what changed between two dates ----------------------------------------------------------


def changes_between(
    positions: pd.DataFrame, since: DateLike, until: DateLike, parties: list[str] | None = None
) -> pd.DataFrame:
    """Every position record dated after `since` up to `until`, next to the one it replaced.

    kind: "added" (nothing in force before, or the last record was a withdrawal), "changed"
    (replaces a position in force, even with the same value: a restatement is news too) or
    "withdrawn". Columns old_* hold the record in force just before (NaN/None when none); new_*
    hold the new record. Two changes by one party on one issue in the period give two rows, so
    every step keeps its own evidence. Sorted by date, then party, then issue.
    """
    since, until = _ts(since), _ts(until)
    chosen = positions if parties is None else positions[positions["party"].isin(parties)]
    rows = []
    for (party, issue), records in chosen.groupby(["party", "issue"], sort=False):
        records = records.sort_values("date", kind="stable").reset_index(drop=True)
        for n, rec in records.iterrows():
            if not since < rec["date"] <= until:
                continue
            old = records.iloc[n - 1] if n > 0 else None
            old_in_force = old is not None and not old["withdrawn"]
            if rec["withdrawn"]:
                kind: ChangeKind = "withdrawn"
            elif old_in_force:
                kind = "changed"
            else:
                kind = "added"
            row = {"party": party, "issue": issue, "kind": kind, "date": rec["date"]}
            for column in CARRIED:
                row[f"old_{column}"] = old[column] if old_in_force else None
                row[f"new_{column}"] = rec[column]
            row["delta"] = (
                float(rec["value"] - old["value"])
                if old_in_force and not rec["withdrawn"] and not _missing(rec["value"]) and not _missing(old["value"])
                else float("nan")
            )
            rows.append(row)
    columns = ["party", "issue", "kind", "date", "delta"] + [f"{p}_{c}" for p in ("old", "new") for c in CARRIED]
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return frame
    order = {p: n for n, p in enumerate(parties or [])}
    frame["_party_order"] = frame["party"].map(order).fillna(len(order))
    frame = frame.sort_values(["date", "_party_order", "issue"], kind="stable").drop(columns="_party_order")
    return frame.reset_index(drop=True)


def events_between(ds: Dataset, since: DateLike, until: DateLike, inclusive_start: bool = False) -> pd.DataFrame:
    """Events dated after `since` (on or after with inclusive_start) up to `until`, oldest first."""
    since, until = _ts(since), _ts(until)
    events = events_frame(ds)
    after = events["date"] >= since if inclusive_start else events["date"] > since
    return events[after & (events["date"] <= until)].sort_values("date", kind="stable").reset_index(drop=True)


def default_since(ds: Dataset, until: DateLike) -> dt.date:
    """The baseline a briefer most likely last briefed on: the latest event dated before `until`
    after which something (a position record or an event) is on record up to `until`, so the
    default window is never empty when there is news. Without one, the day before the first
    record, so everything counts as new.
    """
    until = _ts(until)
    dated = sorted({p.date for p in ds.positions} | {e.date for e in ds.events})
    for day in sorted({e.date for e in ds.events if pd.Timestamp(e.date) < until}, reverse=True):
        if any(day < d <= until.date() for d in dated):
            return day
    return first_date(ds) - dt.timedelta(days=1)


def first_date(ds: Dataset) -> dt.date:
    """The earliest date in the data (a position or an event), or as_of when there are none."""
    dates = [p.date for p in ds.positions] + [e.date for e in ds.events]
    return min(dates, default=ds.info.as_of)
