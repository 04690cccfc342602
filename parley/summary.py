"""Plain-text facts for headlines: the widest gaps, where ranges overlap, the as-of date.

Returns plain strings built from data; pages escape them (markdown_safe) when they render them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from parley.gaps import ranked_gaps


@dataclass(frozen=True)
class Headline:
    as_of: str
    widest: list[str]
    overlaps: list[str]
    apart: list[str]
    unknown: int
    comparable: int  # issues where every chosen party has an acceptable range coded


def headline(
    gaps_frame: pd.DataFrame, shorts: dict[str, str], as_of: dt.date, parties: list[str], top: int = 3
) -> Headline:
    """`gaps_frame` is gaps.issue_gaps() for `parties` as of `as_of`."""
    ranked = ranked_gaps(gaps_frame).head(top)
    short = lambda party: shorts.get(party, party)  # noqa: E731
    widest = [f"{r.name}: {r.gap:g} points ({short(r.low_party)} ↔ {short(r.high_party)})" for r in ranked.itertuples()]
    with_overlap = gaps_frame[gaps_frame["overlap_label"] != ""]
    overlaps = [f"{r.name} ({r.overlap_label})" for r in with_overlap.itertuples()]
    apart_rows = gaps_frame[gaps_frame["ranges_apart"] > 0]
    apart = [f"{r.name} (ranges {r.ranges_apart:g} apart)" for r in apart_rows.itertuples()]
    return Headline(
        as_of=f"{as_of:%d %B %Y}",
        widest=widest,
        overlaps=overlaps,
        apart=apart,
        unknown=int(gaps_frame["gap"].isna().sum()),
        comparable=int((gaps_frame["ranged"] == len(parties)).sum()) if len(parties) >= 2 else 0,
    )


def mean_gap_sentence(distances: pd.DataFrame, a: str, b: str, shorts: dict[str, str]) -> str:
    """One line for a pair: "Ukraine and Russia are 68 points apart on average over 9 shared issues"."""
    value = distances.loc[a, b]
    names = f"{shorts.get(a, a)} and {shorts.get(b, b)}"
    if pd.isna(value):
        return f"{names} have no issue in common on the scale: nothing to compare, which is not agreement."
    shared = int(distances.attrs["counts"].loc[a, b])
    return f"{names} are {value:.0f} points apart on average, over {shared} shared issue{'s' if shared != 1 else ''}."
