"""Gap metrics between parties on each issue's 0-100 scale.

A gap needs two coded values: when either party has not stated a position (or stated one the
analysts could not place on the scale) the gap is unknown, never zero. Acceptable ranges are
analyst judgement; they overlap when they share at least one point (touching ranges share
exactly one, and that point is named).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

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


def value_gap(a: float | None, b: float | None) -> float | None:
    if _missing(a) or _missing(b):
        return None
    return abs(float(a) - float(b))


def range_overlap(ranges: list[Range | None]) -> Overlap | None:
    """The zone every range shares; None when any range is missing or two ranges are apart."""
    if not ranges or any(r is None for r in ranges):
        return None
    low = max(r[0] for r in ranges)
    high = min(r[1] for r in ranges)
    return Overlap(low, high) if low <= high else None


def range_distance(a: Range | None, b: Range | None) -> float | None:
    """How far apart two ranges are: 0 when they overlap or touch, None when either is missing."""
    if a is None or b is None:
        return None
    return max(0.0, max(a[0], b[0]) - min(a[1], b[1]))


def _missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _range(row: pd.Series) -> Range | None:
    if _missing(row.get("acc_low")) or _missing(row.get("acc_high")):
        return None
    return (float(row["acc_low"]), float(row["acc_high"]))


def issue_gaps(current: pd.DataFrame, issues: pd.DataFrame, parties: list[str]) -> pd.DataFrame:
    """Per issue, across the chosen parties: spread of values, who is furthest apart, range overlap.

    `current` is tables.in_force(); `issues` is tables.issues_frame().
    """
    rows = []
    chosen = current[current["party"].isin(parties)]
    for issue in issues.itertuples():
        here = chosen[chosen["issue"] == issue.issue]
        placed = here[here["value"].notna()]
        stated = set(here["party"])
        missing = [p for p in parties if p not in stated]
        ranges = {row["party"]: _range(row) for _, row in here.iterrows()}
        gap = None
        lo_party = hi_party = None
        if len(placed) >= 2:
            lo_row = placed.loc[placed["value"].idxmin()]
            hi_row = placed.loc[placed["value"].idxmax()]
            gap = float(hi_row["value"] - lo_row["value"])
            lo_party, hi_party = lo_row["party"], hi_row["party"]
        all_ranges = [ranges.get(p) for p in parties]
        overlap = range_overlap(all_ranges) if not missing and len(parties) >= 2 else None
        apart = None
        if len(parties) == 2 and not missing:
            apart = range_distance(ranges.get(parties[0]), ranges.get(parties[1]))
        rows.append(
            {
                "issue": issue.issue,
                "name": issue.name,
                "group": issue.group,
                "gap": gap,
                "low_party": lo_party,
                "high_party": hi_party,
                "placed": len(placed),
                "ranged": sum(ranges.get(p) is not None for p in parties),
                "not_stated": missing,
                "overlap_low": overlap.low if overlap else None,
                "overlap_high": overlap.high if overlap else None,
                "overlap_label": overlap.label() if overlap else "",
                "ranges_apart": apart,
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "issue",
            "name",
            "group",
            "gap",
            "low_party",
            "high_party",
            "placed",
            "ranged",
            "not_stated",
            "overlap_low",
            "overlap_high",
            "overlap_label",
            "ranges_apart",
        ],
    )
    for column in ("gap", "overlap_low", "overlap_high", "ranges_apart"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def ranked_gaps(gaps: pd.DataFrame) -> pd.DataFrame:
    """Issues with a measurable gap, widest first; issues without one are left out, not ranked as 0."""
    return gaps[gaps["gap"].notna()].sort_values(["gap", "name"], ascending=[False, True]).reset_index(drop=True)


def distance_matrix(current: pd.DataFrame, parties: list[str]) -> pd.DataFrame:
    """Mean gap between each pair over the issues both have placed, weighted by salience where coded.

    The weight of an issue for a pair is the mean salience of the two parties where both coded it,
    else 1. Pairs with no issue in common get NaN, shown as "no common issue", never as 0.
    """
    values = current.pivot_table(index="issue", columns="party", values="value", aggfunc="first")
    salience = current.pivot_table(index="issue", columns="party", values="salience", aggfunc="first")
    result = pd.DataFrame(index=parties, columns=parties, dtype="float64")
    counts = pd.DataFrame(0, index=parties, columns=parties, dtype="int64")
    for a in parties:
        for b in parties:
            if a not in values or b not in values:
                continue
            both = values[[a, b]].dropna()
            if both.empty:
                continue
            if a == b:
                result.loc[a, b] = 0.0
                counts.loc[a, b] = len(both)
                continue
            weights = pd.Series(1.0, index=both.index)
            if a in salience and b in salience:
                pair = salience.reindex(both.index)[[a, b]]
                coded = pair.notna().all(axis=1)
                weights[coded] = pair[coded].mean(axis=1)
            gaps = (both[a] - both[b]).abs()
            total = weights.sum()
            result.loc[a, b] = float((gaps * weights).sum() / total) if total > 0 else float(gaps.mean())
            counts.loc[a, b] = len(both)
    result.attrs["counts"] = counts
    return result
