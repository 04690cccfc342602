"""Compare view data: issue by issue, each chosen party's position in force with all its evidence.

Plain Python so the page only renders: every string here is raw data text; the page escapes it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from urllib.parse import quote

import pandas as pd

from parley.gaps import range_distance, range_overlap
from parley.model import Dataset
from parley.tables import NOT_STATED, issues_frame


@dataclass(frozen=True)
class Quote:
    quote: str
    source: str
    title: str
    publisher: str
    date: dt.date
    url: str
    kind: str
    reliability: str


@dataclass(frozen=True)
class Cell:
    party: str
    short: str
    name: str
    color: str
    stated: bool
    stance: str = NOT_STATED
    detail: str = ""
    value: float | None = None
    acceptable: tuple[float, float] | None = None
    salience: float | None = None
    basis: str = ""
    confidence: str = ""
    date: dt.date | None = None
    note: str = ""
    evidence: list[Quote] = field(default_factory=list)

    @property
    def analyst_coding(self) -> bool:
        """True when the position itself is the analysts' judgement rather than the party's words."""
        return self.basis == "assessed"

    def value_text(self) -> str:
        if not self.stated:
            return NOT_STATED
        if self.value is None:
            return "not placed on the scale"
        text = f"{self.value:g} on the 0–100 scale"
        if self.acceptable:
            text += f"; acceptable {self.acceptable[0]:g}–{self.acceptable[1]:g}"
        return text


@dataclass(frozen=True)
class IssueRow:
    issue: str
    name: str
    group: str
    question: str
    low: str
    high: str
    cells: list[Cell]
    gap: float | None
    gap_text: str


def link_target(url: str) -> str:
    """A URL safe to put inside a markdown link: brackets, quotes, spaces and angle brackets encoded."""
    return quote(url, safe=":/?&=#%~+,;@!$*-._")


def _num(x: object) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def gap_text(cells: list[Cell], low: str, high: str) -> tuple[float | None, str]:
    """The gap between the chosen parties on one issue, with the scale's ends, in one line."""
    placed = [c for c in cells if c.value is not None]
    missing = [c.short for c in cells if not c.stated]
    ends = f"(0 = {low}, 100 = {high})"
    parts: list[str] = []
    gap = None
    if len(placed) >= 2:
        lo = min(placed, key=lambda c: c.value)
        hi = max(placed, key=lambda c: c.value)
        gap = hi.value - lo.value
        parts.append(f"Gap {gap:g} points: {lo.short} {lo.value:g} ↔ {hi.short} {hi.value:g} {ends}")
    else:
        parts.append(f"Gap unknown: fewer than two of the chosen parties are placed on the scale {ends}")
    if len(cells) >= 2 and all(c.stated for c in cells):
        ranges = [c.acceptable for c in cells]
        overlap = range_overlap(ranges)
        if overlap is not None:
            parts.append(f"acceptable ranges {overlap.label()}")
        elif all(r is not None for r in ranges):
            apart = max(r[0] for r in ranges) - min(r[1] for r in ranges)
            if len(cells) == 2:
                apart = range_distance(ranges[0], ranges[1]) or apart
            parts.append(f"acceptable ranges {apart:g} points apart")
    if missing:
        parts.append(f"{NOT_STATED}: {', '.join(missing)}")
    return gap, " · ".join(parts)


def compare_rows(
    ds: Dataset,
    current: pd.DataFrame,
    parties: list[str],
    colors: dict[str, str],
    groups: list[str] | None = None,
) -> list[IssueRow]:
    """`current` is tables.in_force(); one IssueRow per issue (in the analysts' order), one Cell per party."""
    sources = {s.id: s for s in ds.sources}
    party = {p.id: p for p in ds.parties}
    issues = issues_frame(ds)
    if groups:
        issues = issues[issues["group"].isin(groups)]
    chosen = current[current["party"].isin(parties) & current["issue"].isin(issues["issue"])]
    records = {(r["issue"], r["party"]): r for r in chosen.to_dict("records")}
    out = []
    for issue in issues.to_dict("records"):
        cells = []
        for p in parties:
            r = records.get((issue["issue"], p))
            base = {"party": p, "short": party[p].short, "name": party[p].name, "color": colors.get(p, "#000000")}
            if r is None:
                cells.append(Cell(stated=False, **base))
                continue
            low, high = _num(r["acc_low"]), _num(r["acc_high"])
            evidence = [
                Quote(
                    quote=e["quote"],
                    source=e["source"],
                    title=sources[e["source"]].title,
                    publisher=sources[e["source"]].publisher,
                    date=sources[e["source"]].date,
                    url=sources[e["source"]].url or "",
                    kind=sources[e["source"]].kind.replace("_", " "),
                    reliability=sources[e["source"]].reliability,
                )
                for e in r["evidence"]
                if e["source"] in sources
            ]
            cells.append(
                Cell(
                    stated=True,
                    stance=r["stance"],
                    detail=r["detail"],
                    value=_num(r["value"]),
                    acceptable=(low, high) if low is not None and high is not None else None,
                    salience=_num(r["salience"]),
                    basis=r["basis"],
                    confidence=r["confidence"],
                    date=pd.Timestamp(r["date"]).date(),
                    note=r["note"],
                    evidence=evidence,
                    **base,
                )
            )
        gap, text = gap_text(cells, issue["low"], issue["high"])
        out.append(
            IssueRow(
                issue=issue["issue"],
                name=issue["name"],
                group=issue["group"],
                question=issue["question"],
                low=issue["low"],
                high=issue["high"],
                cells=cells,
                gap=gap,
                gap_text=text,
            )
        )
    return out
