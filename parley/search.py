"""Search: find words across a dataset's quotes, summaries, stances, details, notes and events.

Every searchable text is normalised once per revision (case, quote marks, dashes, spacing, as the
quote check does) and joined into one string, so a query is a few passes of C-speed substring
search even on tens of thousands of positions. A result carries its text cut into pieces, matched
or not, so the page can highlight a match while showing the data as text, never as markup.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from dataclasses import dataclass

import numpy as np

from parley.evidence import cited_of
from parley.filters import NO_FILTER, Filters
from parley.load import normalise_quote
from parley.model import Dataset, Event, Position

POSITION_FIELDS = ("stance", "detail", "note", "value_reason")
FIELD_LABEL = {
    "stance": "stance",
    "detail": "detail",
    "note": "analyst note",
    "value_reason": "placing on the scale",
    "quote": "quote",
    "summary": "summary",
    "title": "event",
}
SEP = "\x00"


@dataclass(frozen=True)
class _Text:
    kind: str  # "position" or "event"
    index: int  # in ds.positions or ds.events
    field: str  # stance, detail, note, value_reason, quote, summary, title
    text: str
    source: str = ""  # the source id of a quote or summary


class Index:
    """Every searchable text of a dataset, normalised and joined into one string for fast search."""

    def __init__(self, ds: Dataset) -> None:
        self.dataset = ds
        texts: list[_Text] = []
        for n, p in enumerate(ds.positions):
            texts += [_Text("position", n, f, getattr(p, f)) for f in POSITION_FIELDS if getattr(p, f)]
            texts += [_Text("position", n, "quote" if e.is_quote else "summary", e.text, e.source) for e in p.evidence]
        for n, e in enumerate(ds.events):
            texts.append(_Text("event", n, "title", e.title))
            if e.evidence is not None:
                texts.append(_Text("event", n, "quote" if e.quote else "summary", e.evidence.text, e.source))
            if e.note:
                texts.append(_Text("event", n, "note", e.note))
        self.texts = texts
        # Normalised in one pass over all the text joined (a few C-speed passes), then split again.
        normal = normalise_quote(SEP.join(t.text for t in texts)).split(SEP)
        self.haystack = SEP.join(normal)
        self.starts = np.cumsum([0] + [len(piece) + 1 for piece in normal[:-1]])

    def _holding(self, term: str) -> set[int]:
        """Indexes of the texts that contain the term (as a whole word when it is short)."""
        pattern = _pattern(term) if _whole_word(term) else re.compile(re.escape(term))
        at = np.fromiter((m.start() for m in pattern.finditer(self.haystack)), dtype=np.int64)
        return set(np.searchsorted(self.starts, at, side="right") - 1) if len(at) else set()

    def matching(self, terms: list[str]) -> list[int]:
        """Indexes of the texts holding every term, in order."""
        if not terms:
            return []
        found: set[int] | None = None
        for term in sorted(terms, key=len, reverse=True):
            holding = self._holding(term)
            found = holding if found is None else found & holding
            if not found:
                return []
        return sorted(int(n) for n in found)


def terms_of(query: str) -> list[str]:
    """Words of the query, and phrases in "double quotes" kept whole, normalised like the texts."""
    try:
        parts = shlex.split(query.replace("“", '"').replace("”", '"'))
    except ValueError:
        parts = query.split()
    return [normalise_quote(p) for p in parts if normalise_quote(p)]


def _whole_word(term: str) -> bool:
    """Short terms and numbers ("5", "EU") match only as whole words, or "5" would light up "25"."""
    return len(term) <= 2 or term.isdigit()


def _pattern(term: str) -> re.Pattern:
    """A regex that finds a normalised term in the original text (any case, quote mark, dash, spacing)."""
    pieces = [r"(?<!\w)"] if _whole_word(term) else []
    for char in term:
        if char == "'":
            pieces.append("['\u2018\u2019\u201a\u201b\u2032`]")
        elif char == '"':
            pieces.append('["\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]')
        elif char == "-":
            pieces.append("[-\u2010-\u2015\u2212]")
        elif char == " ":
            pieces.append(r"\s+")
        else:
            pieces.append(re.escape(char))
    if _whole_word(term):
        pieces.append(r"(?!\w)")
    return re.compile("".join(pieces), re.IGNORECASE)


def pieces(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    """The text cut into (piece, matched) parts, for highlighting."""
    spans = sorted((m.start(), m.end()) for t in terms for m in _pattern(t).finditer(text))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, at = [], 0
    for start, end in merged:
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out or [(text, False)]


@dataclass(frozen=True)
class Hit:
    field: str
    source: str
    pieces: list[tuple[str, bool]]

    @property
    def label(self) -> str:
        return FIELD_LABEL.get(self.field, self.field)


@dataclass(frozen=True)
class Found:
    """One position or event with the texts of it that matched (indexes into the index)."""

    kind: str
    index: int
    texts: tuple[int, ...]


@dataclass(frozen=True)
class Results:
    index: Index
    terms: list[str]
    positions: dict[str, dict[str, list[Found]]]  # issue id -> party id -> positions, newest first
    events: list[Found]
    left_out: int  # matches the evidence filter leaves out

    @property
    def count(self) -> int:
        return sum(len(r) for parties in self.positions.values() for r in parties.values()) + len(self.events)

    def position(self, found: Found) -> Position:
        return self.index.dataset.positions[found.index]

    def event(self, found: Found) -> Event:
        return self.index.dataset.events[found.index]

    def hits(self, found: Found) -> list[Hit]:
        """The matched texts, cut into pieces for highlighting (done only for what is shown)."""
        texts = [self.index.texts[n] for n in found.texts]
        return [Hit(t.field, t.source, pieces(t.text, self.terms)) for t in texts]


def search(
    index: Index,
    query: str,
    parties: tuple[str, ...],
    issues: tuple[str, ...] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    filters: Filters = NO_FILTER,
) -> Results:
    ds = index.dataset
    terms = terms_of(query)
    by_position: dict[int, list[int]] = {}
    by_event: dict[int, list[int]] = {}
    for n in index.matching(terms):
        text = index.texts[n]
        (by_position if text.kind == "position" else by_event).setdefault(text.index, []).append(n)
    wanted_parties, wanted_issues = set(parties), set(issues)
    order = {i.id: k for k, i in enumerate(ds.issues)}
    found: dict[str, dict[str, list[Found]]] = {}
    left_out = 0
    kept = []
    for n, texts in by_position.items():
        p = ds.positions[n]
        if p.party not in wanted_parties or (wanted_issues and p.issue not in wanted_issues):
            continue
        if (start and p.date < start) or (end and p.date > end):
            continue
        if filters.active and filters.left_out(p, cited_of(ds, p)):
            left_out += 1
            continue
        kept.append((order[p.issue], -p.date.toordinal(), n, texts))
    for _, _, n, texts in sorted(kept):
        p = ds.positions[n]
        found.setdefault(p.issue, {}).setdefault(p.party, []).append(Found("position", n, tuple(texts)))
    events = [
        Found("event", n, tuple(texts))
        for n, texts in sorted(by_event.items(), key=lambda kv: ds.events[kv[0]].date)
        if (not start or ds.events[n].date >= start) and (not end or ds.events[n].date <= end)
    ]
    return Results(index, terms, found, events, left_out)
