"""Documents side by side: a party's positions of one day, named by the document event near it;
an issue a document does not address says so, never a value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from parley.documents import default_documents, documents, side_by_side, what_each_says
from parley.load import load_dataset
from parley.text import markdown_safe

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


def test_what_each_document_says_quotes_only_quotes_and_labels_summaries():
    ds = load_dataset(BUNDLED).dataset
    chosen = default_documents(documents(ds))
    rows = {row.gap.issue.id: row for row in side_by_side(ds, chosen)}
    territory = rows["territory"]
    blocks = what_each_says(chosen, territory).split("\n\n")
    assert [b for b in blocks if b.startswith("**")] == [f"**{markdown_safe(d.title)}**" for d in chosen]
    cited = [c for s in territory.gap.standings for c in s.cited]
    quotes = [b for b in blocks if b.startswith("> ")]
    assert quotes == [f"> “{markdown_safe(c.text)}”" for c in cited if c.is_quote] and quotes
    summaries = [b for b in blocks if b.startswith("*Summary of ")]
    assert len(summaries) == sum(not c.is_quote for c in cited)
    assert not any("“" in b for b in summaries)
    nothing = what_each_says(chosen, rows["leaders-meeting"]).split("\n\n")
    assert nothing == [x for d in chosen for x in (f"**{markdown_safe(d.title)}**", "*not addressed*")]
