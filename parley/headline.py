"""Plain-text facts for the Overview's headline: the widest gaps and where ranges overlap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parley.gaps import Distances, IssueGap, ranked_gaps

RANGES_LISTED = 3  # of each kind, overlaps and misses; the rest are counted, and Gaps shows every issue


@dataclass(frozen=True)
class Headline:
    widest: list[str]
    overlaps: list[str]  # the widest overlap first
    apart: list[str]  # the nearest miss first
    unknown: int  # issues where fewer than two chosen parties are placed
    comparable: int  # issues where every chosen party has an acceptable range coded

    def range_lines(self, each: int = RANGES_LISTED) -> tuple[list[str], str | None]:
        """The overlap list as the headline shows it: the widest overlaps and the nearest misses, and
        when that leaves issues out, how many of each kind there are. A negotiation of sixty issues
        would otherwise push the matrix far below the fold."""
        lines = [*self.overlaps[:each], *(f"No overlap on {line}" for line in self.apart[:each])]
        if len(self.overlaps) <= each and len(self.apart) <= each:
            return lines, None
        return lines, (
            f"Ranges meet on {len(self.overlaps)} issue(s) and miss on {len(self.apart)}: Gaps shows every one."
        )


def headline(gaps: Sequence[IssueGap], top: int = 3) -> Headline:
    widest = [
        f"{g.issue.name}: {g.gap:g} points ({g.low.party.short} ↔ {g.high.party.short})"
        for g in ranked_gaps(gaps)[:top]
    ]
    return Headline(
        widest=widest,
        overlaps=[
            f"{g.issue.name} ({g.overlap.label()})"
            for g in sorted((g for g in gaps if g.overlap is not None), key=lambda g: g.overlap.low - g.overlap.high)
        ],
        apart=[
            f"{g.issue.name} ({g.apart.label()})"
            for g in sorted((g for g in gaps if g.apart is not None), key=lambda g: g.apart.distance)
        ],
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
