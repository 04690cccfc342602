"""Coding in the app, as plain functions: an item from a form's fields, checked like a YAML file.

The workspace draws the forms; this builds the item the forms describe (leaving out what is
empty, so the stored item is exactly what a hand-written file would hold), says whether a quote
is in its source's kept text as it is typed, and previews the gap chart with the new position.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from parley.evidence import cited_of
from parley.filters import Filters
from parley.gaps import IssueGap, issue_gap
from parley.load import Problem, normalise_quote
from parley.model import Dataset, Issue, Position
from parley.record import Standing, in_force, standing
from parley.store.checking import item_problems


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """The item without empty optional fields, as an analyst would write it."""
    return {k: v for k, v in data.items() if v not in (None, "", [], False)}


def position_data(
    party: str,
    issue: str,
    date: dt.date,
    stance: str,
    basis: str,
    confidence: str,
    evidence: list[dict[str, str]],
    detail: str = "",
    value: float | None = None,
    value_reason: str = "",
    acceptable: tuple[float, float] | None = None,
    salience: float | None = None,
    note: str = "",
    coding_note: str = "",
    withdrawn: bool = False,
) -> dict[str, Any]:
    return compact(
        {
            "party": party,
            "issue": issue,
            "date": date.isoformat(),
            "stance": stance.strip(),
            "detail": detail.strip(),
            "value": value,
            "value_reason": value_reason.strip(),
            "acceptable": list(acceptable) if acceptable else None,
            "salience": salience,
            "basis": basis,
            "confidence": confidence,
            "evidence": [compact(e) for e in evidence if e.get("quote") or e.get("summary")],
            "note": note.strip(),
            "coding_note": coding_note.strip(),
            "withdrawn": withdrawn,
        }
    )


def quote_found(ds: Dataset, source_id: str, quote: str, texts: dict[str, str] | None = None) -> bool | None:
    """Whether the quote is in the source's kept text (None: the source keeps no text to check)."""
    kept = (texts or {}).get(source_id) or ds.source_texts.get(source_id)
    if kept is None:
        return None
    return normalise_quote(quote) in normalise_quote(kept)


def problems(ds: Dataset, kind: str, data: dict[str, Any], replacing: Any = None) -> list[Problem]:
    """The loader's own problems for this item, before anything is saved."""
    return item_problems(ds, kind, data, replacing)


def suggest_id(text: str, date: dt.date | None, taken: set[str]) -> str:
    """An id for a new source or party: its words and date as a slug, made unique."""
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40].strip("-") or "item"
    if date is not None:
        base = f"{base}-{date.isoformat()}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def preview(ds: Dataset, data: dict[str, Any], parties: tuple[str, ...]) -> IssueGap | None:
    """The issue's gap with the new position in force for its party, as of its date; None if invalid."""
    try:
        position = Position.model_validate(data)
    except ValueError:
        return None
    issue: Issue = ds.issue(position.issue)
    current = in_force(ds, position.date)
    chosen = tuple(dict.fromkeys((*parties, position.party)))
    standings = []
    for party in chosen:
        if party == position.party:
            new = None if position.withdrawn else position
            standings.append(Standing(ds.party(party), issue, new, cited_of(ds, position) if new else ()))
        else:
            standings.append(standing(ds, ds.party(party), issue, current.get((party, issue.id)), Filters()))
    return issue_gap(issue, tuple(standings))
