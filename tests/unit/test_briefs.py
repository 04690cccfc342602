"""Compare's issue briefs: every chosen party on every issue, with evidence, basis and the gap."""

from __future__ import annotations

import datetime as dt

from parley.briefs import brief, issue_briefs
from parley.filters import NO_FILTER, Filters
from parley.palette import party_colors
from parley.record import in_force, table
from parley.results import Loaded, Results
from parley.text import link_target
from parley.wording import NOT_STATED, basis_line, source_kind, standing_coding

END = dt.date(2025, 3, 1)
STATED_ONLY = Filters(basis=frozenset({"stated"}))


def rows(ds, parties, as_of=END, filters=NO_FILTER, issues=None):
    t = table(ds, in_force(ds, as_of), as_of, parties, filters, issues)
    return {b.issue.id: b for b in issue_briefs(t)}


def test_one_standing_per_party_with_stance_value_basis_and_every_quote(mini):
    border = rows(mini, ["blue", "red", "green"])["border"]
    blue, red, green = border.standings
    assert [s.party.id for s in border.standings] == ["blue", "red", "green"]
    assert (blue.position.stance, blue.value, blue.acceptable, blue.position.basis) == (
        "Restore the old line", 10, (0, 50), "stated")  # fmt: skip
    assert blue.cited[0].text == "We want the old line restored" and blue.cited[0].is_quote
    assert blue.cited[0].source.title == "Blue foreign ministry note"
    assert source_kind(blue.cited[0].source) == "official statement, high reliability"
    assert red.position.date == dt.date(2025, 2, 20) and red.cited[0].source.publisher == "Green Gazette"
    assert green.position.basis == "assessed" and green.position.note.startswith("Inferred")
    assert "assessed (analyst coding)" in basis_line(green)


def test_each_party_keeps_its_colour(mini):
    results = Results(Loaded(mini, 0), ("blue", "red", "green"), END, NO_FILTER)
    assert results.colors == party_colors(mini.parties)
    assert results.colors["red"] == "#D55E00"  # Okabe-Ito, second in file order
    assert len(set(results.colors.values())) == len(mini.parties)
    assert brief(mini, results.table, results.colors).colors["red"] == "#D55E00"


def test_not_stated_is_a_standing_of_its_own(mini):
    trade = rows(mini, ["blue", "green"])["trade"]
    assert [s.state for s in trade.standings] == ["stated", "not stated"]
    green = trade.standings[1]
    assert green.position is None and standing_coding(green) == NOT_STATED
    assert "not stated: Green" in trade.gap_text and trade.gap.gap is None


def test_gap_text_gives_the_number_and_the_scale_ends(mini):
    border = rows(mini, ["blue", "red"])["border"]
    assert border.gap.gap == 80
    assert border.gap_text == (
        "Gap 80 points: Blue 10 ↔ Red 90 (0 = Old line restored, 100 = New line recognised)"
        " · acceptable ranges 20 points apart"
    )
    assert "acceptable ranges overlap 40–50" in rows(mini, ["blue", "green"])["border"].gap_text


def test_gap_text_names_a_party_left_out_by_the_filter_not_as_not_stated(mini):
    border = rows(mini, ["blue", "red"], filters=STATED_ONLY)["border"]
    assert [s.state for s in border.standings] == ["stated", "left out"]
    assert border.gap_text == (
        "Gap unknown: fewer than two of the chosen parties are placed on the scale "
        "(0 = Old line restored, 100 = New line recognised) · left out by the filter: Red"
    )
    assert "not stated" not in border.gap_text


def test_sources_of_a_left_out_position_are_not_footnoted(mini):
    t = table(mini, in_force(mini, END), END, ["blue", "red"], STATED_ONLY)
    pack = brief(mini, t, party_colors(mini.parties))
    # Red's border position (Green mediator briefing) is left out; Blue's note and Red's paper are cited
    assert [f.source.id for f in pack.sources()] == ["blue-note", "red-paper"]
    border = next(b for b in pack.issues if b.issue.id == "border")
    assert [f.source.id for f in pack.notes_for(border)] == ["blue-note"]


def test_group_filter(mini):
    results = Results(Loaded(mini, 0), ("blue", "red"), END, NO_FILTER)
    assert [b.issue.id for b in results.briefs(groups=("Economy",))] == ["trade", "water"]
    assert [b.issue.id for b in results.briefs()] == ["border", "trade", "water"]
    assert list(rows(mini, ["blue", "red"], issues=["water", "trade"])) == ["trade", "water"]  # display order


def test_link_target_cannot_break_out_of_a_markdown_link():
    assert link_target("https://example.org/a?<script>(x)[y] z") == (
        "https://example.org/a?%3Cscript%3E%28x%29%5By%5D%20z"
    )
