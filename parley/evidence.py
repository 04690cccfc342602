"""Evidence as a reader sees it: each quote or summary with the source it comes from.

The two kinds never mix. A quote is the source's own words and the only text ever shown in
quotation marks; a summary is someone else's account of the source and is shown as such. A
position is "weakly sourced" when all it rests on is low-reliability pages or summaries: every
view marks it, so a briefer knows which cells a sceptical listener could knock over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parley.model import Dataset, Evidence, Position, Source


@dataclass(frozen=True)
class Cited:
    source: Source
    text: str
    is_quote: bool

    @property
    def reliability(self) -> str:
        return self.source.reliability


def cite(ds: Dataset, evidence: list[Evidence] | tuple[Evidence, ...]) -> tuple[Cited, ...]:
    sources = ds.sources_by_id
    return tuple(Cited(sources[e.source], e.text, e.is_quote) for e in evidence if e.source in sources)


def cited_of(ds: Dataset, position: Position) -> tuple[Cited, ...]:
    return cite(ds, position.evidence)


def weakness(cited: tuple[Cited, ...]) -> str:
    """Why a position is weakly sourced ("" when it is not): what a reader should be told."""
    if not cited:
        return ""
    low_only = all(c.reliability == "low" for c in cited)
    summaries_only = not any(c.is_quote for c in cited)
    if low_only and summaries_only:
        return "only summaries of low-reliability sources"
    if low_only:
        return "only low-reliability sources"
    if summaries_only:
        return "only summaries, no verbatim quote"
    return ""


@dataclass(frozen=True)
class Use:
    """One place a source is cited: a position's evidence or an event's."""

    kind: str  # "position" or "event"
    date: dt.date
    party: str  # the position's party, or the event's parties joined
    issue: str  # the position's issue id, or the event's title
    cited: Cited
    coding_note: str


def uses(ds: Dataset) -> dict[str, list[Use]]:
    """Source id -> every quote and summary taken from it, oldest first."""
    found: dict[str, list[Use]] = {}
    for p in ds.positions:
        for c in cited_of(ds, p):
            found.setdefault(c.source.id, []).append(Use("position", p.date, p.party, p.issue, c, p.coding_note))
    for e in ds.events:
        if e.evidence is not None:
            for c in cite(ds, [e.evidence]):
                found.setdefault(c.source.id, []).append(
                    Use("event", e.date, ", ".join(e.parties), e.title, c, e.coding_note)
                )
    for listed in found.values():
        listed.sort(key=lambda u: u.date)
    return found
