"""Gap maths: unknown is never zero, touching ranges share one named point, distances weigh
salience and say None (not 0) when two parties share no issue."""

from __future__ import annotations

import datetime as dt

import pytest

from parley import gaps
from parley.filters import NO_FILTER, Filters
from parley.model import Issue, Party, Position, Scale
from parley.record import Standing, Table, in_force, table
from parley.wording import gap_sentence

END = dt.date(2025, 3, 1)


def mini_gaps(ds, parties, filters=NO_FILTER) -> dict[str, gaps.IssueGap]:
    return {g.issue.id: g for g in gaps.issue_gaps(table(ds, in_force(ds, END), END, parties, filters))}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [(10, 60, 50), (60, 10, 50), (0, 0, 0), (10, None, None), (None, 10, None), (None, None, None),
     (float("nan"), 10, None)],
)  # fmt: skip
def test_value_gap(a, b, expected):
    assert gaps.value_gap(a, b) == expected


def test_touching_ranges_touch_at_one_named_point():
    overlap = gaps.range_overlap([(20, 40), (40, 60)])
    assert overlap == gaps.Overlap(40, 40)
    assert overlap.touching
    assert overlap.label() == "ranges touch at 40"
    assert gaps.range_distance((20, 40), (40, 60)) == 0
    assert gaps.ranges_apart([(20, 40), (40, 60)]) is None


def test_overlapping_ranges_share_a_zone():
    overlap = gaps.range_overlap([(0, 50), (40, 60), (30, 100)])
    assert overlap == gaps.Overlap(40, 50)
    assert not overlap.touching
    assert overlap.label() == "overlap 40\u201350"  # en dash
    assert gaps.ranges_apart([(0, 50), (40, 60), (30, 100)]) is None


def test_ranges_apart_have_no_overlap_and_a_distance():
    assert gaps.range_overlap([(0, 30), (50, 90)]) is None
    assert gaps.range_distance((0, 30), (50, 90)) == 20
    assert gaps.range_distance((50, 90), (0, 30)) == 20
    apart = gaps.ranges_apart([(50, 90), (0, 30)])
    assert apart == gaps.Apart(30, 50) and apart.distance == 20
    assert apart.label() == "ranges 20 points apart"


def test_three_ranges_apart_measure_the_two_furthest():
    # (40, 60) and (50, 90) overlap, but (0, 30) misses both: 10 from the first, 20 from the second.
    ranges = [(0, 30), (40, 60), (50, 90)]
    assert gaps.range_overlap(ranges) is None
    apart = gaps.ranges_apart(ranges)
    assert apart == gaps.Apart(30, 50)
    assert apart.distance == 20 == max(gaps.range_distance(a, b) for a in ranges for b in ranges)
    assert apart.label() == "ranges 20 points apart"
    assert gaps.ranges_apart([(0, 30), (40, 60), None]) is None
    assert gaps.ranges_apart([(0, 30)]) is None  # one range is apart from nothing


def test_a_missing_range_means_no_overlap_not_full_overlap():
    assert gaps.range_overlap([(0, 100), None]) is None
    assert gaps.range_overlap([]) is None
    assert gaps.range_distance((0, 100), None) is None
    assert gaps.ranges_apart([(0, 10), None]) is None


def test_issue_gaps_for_two_parties(mini):
    rows = mini_gaps(mini, ["blue", "red"])
    border = rows["border"]
    assert border.gap == 80  # blue 10, red 90
    assert (border.low.party.id, border.high.party.id) == ("blue", "red")
    assert border.overlap is None  # [0, 50] and [70, 100]
    assert border.apart.distance == 20
    assert border.comparable and border.ranged == 2
    assert rows["trade"].gap == 80
    assert not rows["trade"].comparable  # neither has a range on trade
    water = rows["water"]
    assert water.gap is None  # unknown, not 0
    assert [s.party.id for s in water.not_stated] == ["blue", "red"]
    assert len(water.placed) == 0
    assert water.low is None and water.high is None


def test_issue_gaps_name_an_overlap(mini):
    border = mini_gaps(mini, ["blue", "green"])["border"]
    assert border.overlap == gaps.Overlap(40, 50)  # [0, 50] and [40, 60]
    assert border.overlap.label() == "overlap 40\u201350"  # en dash
    assert border.apart is None
    assert gaps.range_distance(*(s.acceptable for s in border.standings)) == 0


def test_issue_gaps_for_three_parties_apart(mini):
    border = mini_gaps(mini, ["blue", "red", "green"])["border"]
    # blue [0, 50], red [70, 100], green [40, 60]: blue and red are furthest, 20 points apart
    assert border.overlap is None
    assert border.apart.distance == 20
    assert border.gap == 80 and (border.low.party.id, border.high.party.id) == ("blue", "red")
    assert "acceptable ranges 20 points apart" in gap_sentence(border)


def test_single_party_has_no_gap_and_no_overlap(mini):
    rows = mini_gaps(mini, ["blue"])
    assert all(g.gap is None for g in rows.values())
    assert all(g.overlap is None and g.apart is None for g in rows.values())
    assert not any(g.comparable for g in rows.values())


def test_party_left_out_by_the_filter_leaves_the_gap_unknown(mini):
    rows = mini_gaps(mini, ["blue", "red"], Filters(basis=frozenset({"stated"})))
    border = rows["border"]  # Red's border position in force is reported
    assert border.gap is None and border.overlap is None and border.apart is None
    assert [s.party.id for s in border.left_out] == ["red"]
    assert border.not_stated == ()
    assert [s.party.id for s in border.placed] == ["blue"]
    assert rows["trade"].gap == 80  # both stated


def test_ranked_gaps_leave_out_unknown_gaps(mini):
    ranked = gaps.ranked_gaps(gaps.issue_gaps(table(mini, in_force(mini, END), END, ["blue", "red"])))
    assert [g.issue.id for g in ranked] == ["border", "trade"]  # equal gaps, then by name; water is not ranked


def test_distances_from_the_fixture(mini):
    distances = gaps.distances(table(mini, in_force(mini, END), END, ["blue", "red", "green"]))
    assert distances.between("blue", "red") == 80  # border 80, trade 80
    assert distances.between("blue", "green") == 40  # border only
    assert distances.between("red", "green") == 40
    assert distances.between("blue", "blue") == 0
    parties = ("blue", "red", "green")
    assert all(distances.between(a, b) == distances.between(b, a) for a in parties for b in parties)
    assert (distances.count("blue", "red"), distances.count("blue", "green")) == (2, 1)


# --- distances over made-up standings ------------------------------------------------------------

Row = tuple[str, str, float | None, float | None]  # party, issue, value, salience


def made_up(rows: list[Row], parties: list[str]) -> Table:
    """A table of the given values; every party in `parties` is chosen, missing cells are not stated."""
    issues = {r[1]: Issue(id=r[1], name=r[1].upper(), group="G", question="?", scale=Scale(low="l", high="h"))
              for r in rows}  # fmt: skip
    chosen = {p: Party(id=p, name=p.upper(), short=p.upper(), role="negotiating_party") for p in parties}
    cells = {(i, p): Standing(chosen[p], issue) for i, issue in issues.items() for p in parties}
    for party, issue, value, salience in rows:
        position = Position(
            party=party, issue=issue, date=END, stance="s", value=value, salience=salience,
            basis="assessed", confidence="low", note="n",
        )  # fmt: skip
        cells[(issue, party)] = Standing(chosen[party], issues[issue], position)
    return Table(END, tuple(issues.values()), tuple(chosen.values()), cells)


def test_distance_with_no_common_issue_is_none_not_zero():
    distances = gaps.distances(made_up([("a", "x", 10, None), ("b", "y", 90, None)], ["a", "b", "c"]))
    assert distances.between("a", "b") is None
    assert distances.between("a", "c") is None  # c has no positions at all
    assert distances.count("a", "b") == 0
    assert distances.between("a", "a") == 0


def test_distance_of_a_party_with_itself():
    distances = gaps.distances(made_up([("a", "x", 10, None), ("b", "x", None, None)], ["a", "b", "c"]))
    assert distances.between("a", "a") == 0 and distances.count("a", "a") == 1
    # nothing placed to compare: unknown even against itself, never 0
    assert distances.between("b", "b") is None and distances.count("b", "b") == 0
    assert distances.between("c", "c") is None and distances.count("c", "c") == 0


def test_distance_weights_issues_by_salience():
    # x: gap 100, both parties rate it 1; y: gap 0, both rate it 0.2 -> 100 * 1 / (1 + 0.2)
    rows = [("a", "x", 0, 1), ("b", "x", 100, 1), ("a", "y", 50, 0.2), ("b", "y", 50, 0.2)]
    assert gaps.distances(made_up(rows, ["a", "b"])).between("a", "b") == pytest.approx(100 / 1.2)


def test_salience_coded_by_only_one_party_weighs_one():
    rows = [("a", "x", 0, 0.1), ("b", "x", 100, None), ("a", "y", 50, None), ("b", "y", 50, None)]
    assert gaps.distances(made_up(rows, ["a", "b"])).between("a", "b") == pytest.approx(50)


def test_unplaced_value_is_left_out_of_the_distance():
    rows = [("a", "x", 0, None), ("b", "x", None, None), ("a", "y", 20, None), ("b", "y", 50, None)]
    distances = gaps.distances(made_up(rows, ["a", "b"]))
    assert distances.between("a", "b") == 30
    assert distances.count("a", "b") == 1


def test_party_left_out_by_the_filter_is_left_out_of_the_distance(mini):
    filtered = table(mini, in_force(mini, END), END, ["blue", "red"], Filters(basis=frozenset({"stated"})))
    distances = gaps.distances(filtered)
    assert distances.between("blue", "red") == 80  # trade only: Red's border position is left out
    assert distances.count("blue", "red") == 1
