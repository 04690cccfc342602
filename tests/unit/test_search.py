"""Search finds words in every kind of text, groups results by issue and party, highlights the
match as data pieces (never markup), and honours the view's parties, issues, dates and filter."""

from __future__ import annotations

import datetime as dt

from parley.filters import Filters
from parley.load import load_dataset
from parley.search import Index, pieces, search, terms_of
from tests.support.hostile import PLANTED, write_hostile_dataset

ALL = ("blue", "red", "green")


def test_finds_a_quote_and_groups_it_by_issue_and_party(mini):
    results = search(Index(mini), "freeze", ALL)
    assert list(results.positions) == ["border"]
    assert sorted(results.positions["border"]) == ["green", "red"]
    red = results.positions["border"]["red"][0]
    assert results.position(red).date == dt.date(2025, 2, 1)
    hits = results.hits(red)
    assert {h.label for h in hits} == {"stance", "quote", "placing on the scale"}
    quote = next(h for h in hits if h.label == "quote")
    assert quote.pieces == [("Red would accept a ", False), ("freeze", True), (" before talks.", False)]
    assert [results.event(e).title for e in results.events] == ["Green briefs the press"]


def test_every_word_must_match_and_case_quote_marks_and_dashes_do_not_matter(mini):
    assert search(Index(mini), "OLD LINE restored", ALL).count == 1
    assert search(Index(mini), "old restored nowhere", ALL).count == 0
    assert terms_of('"new line" recognise') == ["new line", "recognise"]


def test_short_words_and_numbers_match_only_whole():
    text = "an Article 5-like guarantee, not 25 or 50"
    assert [p for p, matched in pieces(text, ["5"]) if matched] == ["5"]
    assert [p for p, matched in pieces(text, ["article", "5"]) if matched] == ["Article", "5"]


def test_results_follow_the_views_parties_issues_dates_and_filter(mini):
    index = Index(mini)
    assert list(search(index, "line", ("blue",)).positions["border"]) == ["blue"]
    assert search(index, "restrictions", ALL, issues=("border",)).positions == {}
    after = search(index, "line", ALL, start=dt.date(2025, 2, 1))
    assert {index.dataset.positions[f.index].date for p in after.positions.values() for r in p.values() for f in r} >= {
        dt.date(2025, 2, 20)
    }
    assert all(
        index.dataset.positions[f.index].date >= dt.date(2025, 2, 1)
        for p in after.positions.values()
        for r in p.values()
        for f in r
    )
    stated_only = search(index, "freeze", ALL, filters=Filters(basis=frozenset({"stated"})))
    assert stated_only.positions == {} and stated_only.left_out == 2


def test_hostile_text_comes_back_as_pieces_of_text(tmp_path):
    ds = load_dataset(write_hostile_dataset(tmp_path)).dataset
    results = search(Index(ds), "script", ("alpha", "beta"))
    found = results.positions["issue-one"]["alpha"][0]
    text = "".join(piece for hit in results.hits(found) for piece, _ in hit.pieces)
    assert PLANTED in text
