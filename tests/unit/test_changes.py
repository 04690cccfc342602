"""parley.changes: steps, gaps and readings over a period, and what changed between two dates.

mini: Blue states its border position once (10, 10 Jan), Red changes its border position twice
(100 on 12 Jan, 60 on 1 Feb, 90 on 20 Feb), Green states one border position (50, 1 Feb).
history (tests/support/history.py) adds Blue withdrawing its border position on 25 Feb, Green's
first trade position on 10 Feb and an agreement on 25 Feb.
"""

from __future__ import annotations

import datetime as dt

from parley import changes
from parley.evidence import cited_of
from parley.filters import NO_FILTER, Filters

D = dt.date
END = D(2025, 3, 1)
ALL = ["blue", "red", "green"]
STATED_ONLY = Filters(basis=frozenset({"stated"}))


def steps(ds, party, issue, start, end=END, filters=NO_FILTER):
    return changes.position_steps(ds, changes.histories(ds).get((party, issue), []), start, end, filters)


# --- position steps ----------------------------------------------------------------------------


def test_party_changing_twice_gives_three_steps_each_held_until_the_next(mini):
    found = steps(mini, "red", "border", D(2025, 1, 1))
    assert [s.value for s in found] == [100, 60, 90]
    assert [s.start for s in found] == [D(2025, 1, 12), D(2025, 2, 1), D(2025, 2, 20)]
    assert [s.end for s in found] == [D(2025, 2, 1), D(2025, 2, 20), END]
    assert all(type(s.start) is dt.date and type(s.end) is dt.date for s in found)  # no pandas Timestamps
    assert [s.position.stance for s in found] == ["Recognise the new line", "Freeze the line, then talk",
                                                  "Recognise the new line after all"]  # fmt: skip
    assert [s.acceptable[0] for s in found] == [80, 50, 70]
    assert all(s.in_period for s in found)


def test_single_dated_position_holds_to_the_end_and_nothing_before_it(mini):
    found = steps(mini, "green", "border", D(2025, 1, 1))
    assert len(found) == 1
    step = found[0]
    assert (step.start, step.end, step.value) == (D(2025, 2, 1), END, 50)
    # before 1 Feb there is no step at all: not stated, not 0
    assert not any(s.start < D(2025, 2, 1) for s in found)


def test_period_starting_mid_position_carries_it_in_unmarked(mini):
    found = steps(mini, "red", "border", D(2025, 2, 10))
    assert [s.value for s in found] == [60, 90]
    assert found[0].start == D(2025, 2, 10)  # clipped to the period
    assert [s.in_period for s in found] == [False, True]  # only the 20 Feb record is a change in the period


def test_never_stated_gives_no_steps(mini):
    assert steps(mini, "green", "water", D(2025, 1, 1)) == []


def test_withdrawn_step_is_not_stated_and_has_no_value(history):
    found = steps(history, "blue", "border", D(2025, 1, 1))
    assert [s.withdrawn for s in found] == [False, True]
    assert [s.shown for s in found] == [True, False]
    assert found[0].end == D(2025, 2, 25)
    assert found[1].value is None and found[1].acceptable is None


def test_step_left_out_by_the_filter_has_no_value_and_is_not_replaced(mini):
    found = steps(mini, "red", "border", D(2025, 1, 1), filters=STATED_ONLY)
    # 12 Jan is stated; 1 Feb and 20 Feb are reported: left out, and the 12 Jan value does not carry on
    assert [s.position.date for s in found] == [D(2025, 1, 12), D(2025, 2, 1), D(2025, 2, 20)]
    assert [s.left_out for s in found] == ["", "basis reported", "basis reported"]
    assert [s.value for s in found] == [100, None, None]
    assert [s.shown for s in found] == [True, False, False]
    assert found[1].acceptable is None


# --- gaps and readings ---------------------------------------------------------------------------


def test_gap_steps_follow_every_change_of_either_side(mini):
    hist = changes.histories(mini)
    found = changes.gap_steps(mini, hist[("blue", "border")], hist[("red", "border")], D(2025, 1, 11), END)
    assert [g.start for g in found] == [D(2025, 1, 11), D(2025, 1, 12), D(2025, 2, 1), D(2025, 2, 20)]
    assert found[0].gap is None  # Red not yet stated: unknown, never 0
    assert [g.gap for g in found[1:]] == [90, 50, 80]
    assert [g.end for g in found] == [D(2025, 1, 12), D(2025, 2, 1), D(2025, 2, 20), END]


def test_gap_steps_are_unknown_while_a_side_is_left_out(mini):
    hist = changes.histories(mini)
    found = changes.gap_steps(mini, hist[("blue", "border")], hist[("red", "border")], D(2025, 1, 11), END, STATED_ONLY)
    assert [g.gap for g in found] == [None, 90, None, None]  # never Red's older stated 100


def reading(ds, issue, a, b, start, end=END, filters=NO_FILTER):
    return changes.gap_reading(ds, changes.histories(ds), ds.issue(issue), a, b, start, end, filters)


def test_narrowed(mini):
    r = reading(mini, "border", "blue", "red", D(2025, 1, 15))
    assert (r.reading, r.start_gap, r.end_gap) == ("narrowed", 90, 80)
    assert r.text == "narrowed from 90 to 80 points (Blue 10 ↔ Red 90)"
    assert r.short == "narrowed 90 → 80"


def test_widened(mini):
    r = reading(mini, "border", "blue", "red", D(2025, 2, 5))
    assert (r.reading, r.start_gap, r.end_gap) == ("widened", 50, 80)


def test_unchanged(mini):
    r = reading(mini, "trade", "blue", "red", D(2025, 1, 15))
    assert (r.reading, r.start_gap, r.end_gap) == ("unchanged", 80, 80)
    assert r.text.startswith("unchanged at 80 points")


def test_newly_stated_when_one_side_had_no_position_at_the_start(mini):
    r = reading(mini, "border", "blue", "green", D(2025, 1, 15))
    assert (r.reading, r.start_gap, r.end_gap) == ("newly stated", 40, 40)
    assert "Green had no position at the start; first both placed on 01 Feb 2025 at 40 points" in r.text
    assert r.short == "newly stated · now 40"


def test_newly_stated_then_moved_shows_the_move_since_both_spoke(mini):
    r = reading(mini, "border", "red", "green", D(2025, 1, 15))
    assert (r.reading, r.start_gap, r.end_gap) == ("newly stated", 10, 40)
    assert r.short == "newly stated, then widened 10 → 40"


def test_gap_unknown_when_never_stated_and_after_a_withdrawal(mini, history):
    r = reading(mini, "water", "blue", "red", D(2025, 1, 15))
    assert (r.reading, r.end_gap) == ("gap unknown", None)
    r = reading(history, "border", "blue", "red", D(2025, 1, 15))
    assert (r.reading, r.start_gap, r.end_gap) == ("gap unknown", 90, None)
    assert r.text == "gap unknown: no position on the scale from Blue (it was 90 points)"


def test_gap_unknown_when_the_filter_leaves_a_side_out(mini):
    r = reading(mini, "border", "blue", "red", D(2025, 1, 15), filters=STATED_ONLY)
    assert (r.reading, r.start_gap, r.end_gap) == ("gap unknown", 90, None)
    assert r.text == "gap unknown: no position on the scale from Red (it was 90 points)"


def test_gap_readings_cover_every_issue_in_display_order(mini):
    readings = changes.gap_readings(mini, changes.histories(mini), "blue", "red", D(2025, 1, 15), END)
    assert [(r.issue, r.name, r.reading) for r in readings] == [
        ("border", "Border line", "narrowed"),
        ("trade", "Trade", "unchanged"),
        ("water", "Water rights", "gap unknown"),
    ]


# --- what changed --------------------------------------------------------------------------------


def test_changes_between_lists_each_step_with_the_record_it_replaced(mini):
    found = changes.changes_between(changes.histories(mini), D(2025, 1, 15), END, ALL)
    assert [(c.party, c.kind, c.date) for c in found] == [
        ("red", "changed", D(2025, 2, 1)),
        ("green", "added", D(2025, 2, 1)),
        ("red", "changed", D(2025, 2, 20)),
    ]
    first, added, second = found
    assert (first.old.stance, first.new.stance, first.delta) == (
        "Recognise the new line", "Freeze the line, then talk", -40)  # fmt: skip
    assert first.old.evidence[0].quote == "Recognition of the new line is required."
    assert first.new.evidence[0].quote == "Red would accept a freeze before talks."
    assert cited_of(mini, first.new)[0].source.title == "Green mediator briefing"
    assert (second.old.value, second.new.value, second.delta) == (60, 90, 30)
    assert added.old is None and added.new.stance == "Freeze the line where it is"
    assert added.delta is None


def test_since_is_the_baseline_and_until_is_inclusive(mini):
    found = changes.changes_between(changes.histories(mini), D(2025, 2, 1), D(2025, 2, 20), ["red", "green"])
    assert [c.date for c in found] == [D(2025, 2, 20)]  # 1 Feb was known on the baseline day


def test_changes_between_keeps_only_the_chosen_parties(mini):
    found = changes.changes_between(changes.histories(mini), D(2025, 1, 1), END, ["blue"])
    assert [c.party for c in found] == ["blue", "blue"] and {c.kind for c in found} == {"added"}


def test_changes_between_keeps_only_the_chosen_issues(mini):
    found = changes.changes_between(changes.histories(mini), D(2025, 1, 1), END, ALL, ["trade"])
    assert [(c.party, c.issue) for c in found] == [("blue", "trade"), ("red", "trade")]


def test_withdrawn_and_newly_stated_in_history(history):
    found = changes.changes_between(changes.histories(history), D(2025, 2, 5), END, ALL)
    kinds = {(c.party, c.issue): c.kind for c in found}
    assert kinds == {("green", "trade"): "added", ("red", "border"): "changed", ("blue", "border"): "withdrawn"}
    assert len(found) == 3
    gone = next(c for c in found if c.kind == "withdrawn")
    assert gone.old.stance == "Restore the old line" and gone.old.value == 10
    assert gone.new.stance == "Border demand set aside pending talks"
    assert gone.new.evidence[0].quote == "Blue no longer insists on the old line."
    assert gone.delta is None


def test_no_changes_gives_an_empty_list(mini):
    assert changes.changes_between(changes.histories(mini), D(2025, 2, 21), END, ALL) == []


def test_events_between_and_default_since(mini, history):
    assert [e.title for e in changes.events_between(mini, D(2025, 1, 15), END)] == ["Green briefs the press"]
    assert [e.title for e in changes.events_between(mini, D(2025, 1, 15), END, inclusive_start=True)] == [
        "First round of talks", "Green briefs the press"]  # fmt: skip
    assert changes.default_since(mini, END) == D(2025, 2, 1)
    # nothing dated after the 25 Feb agreement: the default goes back to the event before it
    assert changes.default_since(history, END) == D(2025, 2, 1)
    assert changes.default_since(history, D(2025, 2, 24)) == D(2025, 2, 1)
    assert changes.default_since(mini, D(2025, 1, 15)) == D(2025, 1, 9)  # no event before: all new
    assert changes.first_date(mini) == D(2025, 1, 10)
