"""Datasets and briefs for the chart and export tests, all made from the mini fixture by model_copy.

- hostile_mini: markup, formula-like text and control characters in names, stances and evidence;
- sourced_mini: summaries next to quotes, weakly sourced positions and coding notes;
- edge_datasets: no positions, one party, one issue, and dates at the two ends of the calendar.

table_for and brief_for build what a view shows for a dataset, parties, date and issues;
quote_texts and summary_texts give a dataset's quotes and summaries; bundled() loads the bundled dataset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from parley import briefs, record
from parley.changes import first_date, histories
from parley.filters import NO_FILTER, Filters
from parley.load import load_dataset
from parley.model import Dataset, Evidence
from parley.palette import party_colors

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
BUNDLED = Path(__file__).resolve().parents[2] / "data" / "russia-ukraine-2025"
ALERT = "<script>alert(1)</script>"
CODING = "CODING-NOTE-FOR-ANALYSTS-ONLY"  # planted as every coding_note: never in a briefing or an export
BLUE_SUMMARY = "Blue is said to be ready to live with a frozen line for now."
RED_SUMMARY = "Red hardened again, by the mediator's account."
TALKS_SUMMARY = "The first round opened with all three parties at the table."
FIRST_DAY, LAST_DAY = dt.date.min, dt.date.max  # 0001-01-01 and 9999-12-31


def mini() -> Dataset:
    result = load_dataset(MINI)
    assert result.ok, result.problems
    return result.dataset


def table_for(
    ds: Dataset,
    parties: Sequence[str],
    as_of: dt.date | None = None,
    issues: Sequence[str] | None = None,
    filters: Filters = NO_FILTER,
) -> record.Table:
    """Every issue (or `issues`) by `parties` as of `as_of` (the dataset's date when None)."""
    as_of = as_of or ds.info.as_of
    return record.table(ds, record.in_force(ds, as_of), as_of, parties, filters, issues)


def brief_for(
    ds: Dataset,
    parties: Sequence[str],
    as_of: dt.date | None = None,
    issues: Sequence[str] | None = None,
    filters: Filters = NO_FILTER,
) -> briefs.Brief:
    """The briefing the packs are made from, as the Briefing page builds it."""
    note = filters.describe() if filters.active else ""
    return briefs.brief(ds, table_for(ds, parties, as_of, issues, filters), party_colors(ds.parties), note)


def _planted(e: Evidence) -> Evidence:
    field = "quote" if e.is_quote else "summary"
    return e.model_copy(update={field: f"{e.text} {ALERT}"})


def hostile_mini(ds: Dataset | None = None) -> Dataset:
    """The dataset (mini by default) with markup, formula-like text and control characters planted
    in names, stances, details, quotes and summaries."""
    ds = ds or mini()
    positions = []
    for p in ds.positions:
        update = {"stance": f"{ALERT} {p.stance}", "detail": f'=HYPERLINK("http://x") {p.detail}'}
        if p.evidence:
            update["evidence"] = [_planted(e) for e in p.evidence]
        positions.append(p.model_copy(update=update))
    parties = [p.model_copy(update={"name": f"{p.name} <b>{ALERT}</b>"}) for p in ds.parties]
    sources = [s.model_copy(update={"title": f"{s.title} {ALERT}", "publisher": f"@{s.publisher}"}) for s in ds.sources]
    issues = [i.model_copy(update={"name": f"{i.name} {ALERT}", "question": f"-{i.question}"}) for i in ds.issues]
    info = ds.info.model_copy(update={"title": f"{ds.info.title} {ALERT}"})
    return ds.model_copy(
        update={"positions": positions, "parties": parties, "sources": sources, "issues": issues, "info": info}
    )


def sourced_mini(ds: Dataset) -> Dataset:
    """Mini with summaries and weakly sourced positions, and a coding note on everything:

    - Blue on the border keeps its quote and gains a summary from the Green briefing (not weak);
    - Red's latest border position (2025-02-20) rests on a summary only: "only summaries, no verbatim quote";
    - the Red position paper is low reliability, so Red on trade is "only low-reliability sources";
    - the first round of talks is reported by a summary.
    """
    positions = []
    for p in ds.positions:
        update: dict = {"coding_note": CODING}
        if (p.party, p.issue) == ("blue", "border"):
            update["evidence"] = [*p.evidence, Evidence(source="green-brief", summary=BLUE_SUMMARY)]
        if (p.party, p.issue, p.date) == ("red", "border", dt.date(2025, 2, 20)):
            update["evidence"] = [Evidence(source="green-brief", summary=RED_SUMMARY)]
        positions.append(p.model_copy(update=update))
    sources = [
        s.model_copy(update={"coding_note": CODING, **({"reliability": "low"} if s.id == "red-paper" else {})})
        for s in ds.sources
    ]
    events = [
        e.model_copy(update={"coding_note": CODING, **({"summary": TALKS_SUMMARY} if e.kind == "talks" else {})})
        for e in ds.events
    ]
    return ds.model_copy(update={"positions": positions, "sources": sources, "events": events})


def quote_texts(ds: Dataset) -> set[str]:
    """Every verbatim quote in the dataset: the only text any view may put in quotation marks."""
    found = {e.text for p in ds.positions for e in p.evidence if e.is_quote}
    return found | {e.quote for e in ds.events if e.quote is not None}


def summary_texts(ds: Dataset) -> set[str]:
    """Every summary in the dataset (positions' and events'): text no view may put in quotation marks."""
    found = {e.text for p in ds.positions for e in p.evidence if not e.is_quote}
    return found | {e.summary for e in ds.events if e.summary is not None}


def bundled() -> Dataset:
    """The dataset bundled in data/ (the one the app opens on)."""
    result = load_dataset(BUNDLED)
    assert result.ok, result.problems
    return result.dataset


def without_positions(ds: Dataset) -> Dataset:
    """A dataset just started: its parties and issues, no position and no event yet."""
    return ds.model_copy(update={"positions": [], "events": []})


def one_party(ds: Dataset) -> Dataset:
    """Blue alone, with its positions and the events it took part in."""
    info = ds.info.model_copy(update={"default_parties": ["blue", "blue"]})
    events = [e.model_copy(update={"parties": [p for p in e.parties if p == "blue"]}) for e in ds.events]
    return ds.model_copy(
        update={
            "info": info,
            "parties": [p for p in ds.parties if p.id == "blue"],
            "positions": [p for p in ds.positions if p.party == "blue"],
            "events": events,
        }
    )


def one_issue(ds: Dataset) -> Dataset:
    """The border alone, with every party's positions on it."""
    return ds.model_copy(
        update={
            "issues": [i for i in ds.issues if i.id == "border"],
            "positions": [p for p in ds.positions if p.issue == "border"],
        }
    )


def calendar_ends(ds: Dataset) -> Dataset:
    """Every date at 0001-01-01 or 9999-12-31, the dataset as of the last day: of each party's records
    on an issue the first is on the first day of the calendar and the last on the last day (those
    between are dropped); a party's only record is on the first day for Blue, on the last for the rest."""
    positions = []
    for records in histories(ds).values():
        if len(records) == 1:
            day = FIRST_DAY if records[0].party == "blue" else LAST_DAY
            positions.append(records[0].model_copy(update={"date": day}))
        else:
            positions += [
                records[0].model_copy(update={"date": FIRST_DAY}),
                records[-1].model_copy(update={"date": LAST_DAY}),
            ]
    positions.sort(key=lambda p: p.date)
    events = [e.model_copy(update={"date": FIRST_DAY if n == 0 else LAST_DAY}) for n, e in enumerate(ds.events)]
    sources = [s.model_copy(update={"date": FIRST_DAY if n % 2 == 0 else LAST_DAY}) for n, s in enumerate(ds.sources)]
    info = ds.info.model_copy(update={"as_of": LAST_DAY})
    return ds.model_copy(update={"info": info, "positions": positions, "events": events, "sources": sources})


EDGES: dict[str, Callable[[Dataset], Dataset]] = {
    "no positions": without_positions,
    "one party": one_party,
    "one issue": one_issue,
    "calendar ends": calendar_ends,
}


def edge_datasets(ds: Dataset) -> dict[str, Dataset]:
    """The edge cases every figure and export must draw without error, by name."""
    return {name: make(ds) for name, make in EDGES.items()}


def period(ds: Dataset) -> tuple[dt.date, dt.date]:
    """The Timeline's default period for a dataset: its first record up to its date."""
    return first_date(ds), ds.info.as_of
