"""Documents side by side: a party's positions of one day, named by the document event near it;
an issue a document does not address says so, never a value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from parley.documents import default_documents, documents, side_by_side
from parley.load import load_dataset

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "russia-ukraine-2025"


def test_the_plans_of_the_bundled_dataset_are_documents():
    ds = load_dataset(BUNDLED).dataset
    chosen = default_documents(documents(ds))
    assert [d.id for d in chosen] == [
        "ukraine@2025-06-01",
        "russia@2025-06-02",
        "united-states@2025-11-21",
        "europe@2025-11-24",
        "ukraine@2025-12-23",
    ]
    plan = next(d for d in chosen if d.party == "united-states")
    assert plan.title.startswith("US 28-point plan") and plan.date == dt.date(2025, 11, 21)
    assert plan.short == "US 21 Nov"


def test_side_by_side_shows_each_documents_position_and_not_addressed():
    ds = load_dataset(BUNDLED).dataset
    chosen = default_documents(documents(ds))
    rows = {row.gap.issue.id: row for row in side_by_side(ds, chosen)}
    territory = rows["territory"]
    assert territory.addressed == len(chosen)
    assert territory.differ
    assert all(s.party.color == ds.party(d.party).color for s, d in zip(territory.gap.standings, chosen, strict=True))
    meeting = rows["leaders-meeting"]
    assert meeting.addressed == 0 and not meeting.differ
    assert {s.state for s in meeting.gap.standings} == {"not stated"}


def test_a_day_with_few_positions_is_not_a_document(mini):
    assert documents(mini) == []
