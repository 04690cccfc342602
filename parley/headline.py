"""Plain-text facts for the Overview's headline: the widest gaps and where ranges overlap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parley.gaps import Distances, IssueGap, ranked_gaps


@dataclass(frozen=True)
class Headline:
    widest: list[str]
    overlaps: list[str]
    apart: list[str]
    unknown: int  # issues where fewer than two chosen parties are placed
    comparable: int  # issues where every chosen party has an acceptable range coded


def headline(gaps: Sequence[IssueGap], top: int = 3) -> Headline:
    widest = [
        f"{g.issue.name}: {g.gap:g} points ({g.low.party.short} ↔ {g.high.party.short})"
        for g in ranked_gaps(gaps)[:top]
    ]
    return Headline(
        widest=widest,
        overlaps=[f"{g.issue.name} ({g.overlap.label()})" for g in gaps if g.overlap is not None],
        apart=[f"{g.issue.name} ({g.apart.label()})" for g in gaps if g.apart is not None],
        unknown=sum(g.gap is None for g in gaps),
        comparable=sum(g.comparable for g in gaps),
    )


def mean_gap_sentence(distances: Distances, a: str, b: str, shorts: dict[str, str]) -> str:
    """One line for a pair: "Ukraine and Russia are 68 points apart on average, over 9 shared issues"."""
    value = distances.between(a, b)
    names = f"{shorts.get(a, a)} and {shorts.get(b, b)}"
    if value is None:
        return f"{names} have no issue in common on the scale: nothing to compare, which is not agreement."
    shared = distances.count(a, b)
    return f"{names} are {value:.0f} points apart on average, over {shared} shared issue{'s' if shared != 1 else ''}."
