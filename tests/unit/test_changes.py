"""parley.changes: steps, gaps and readings over a period, and what changed between two dates.

mini: Blue states its border position once (10, 10 Jan), Red changes its border position twice
(100 on 12 Jan, 60 on 1 Feb, 90 on 20 Feb), Green states one border position (50, 1 Feb).
history (tests/support/history.py) adds Blue withdrawing its border position on 25 Feb, Green's
first trade position on 10 Feb and an agreement on 25 Feb.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from parley import changes, tables

D = pd.Timestamp


def frame(ds):
    return tables.positions_frame(ds)


# --- position steps ----------------------------------------------------------------------------


def test_party_changing_twice_gives_three_steps_each_held_until_the_next(mini):
    steps = changes.position_steps(frame(mini), "red", "border", "2025-01-01", "2025-03-01")
    assert list(steps["value"]) == [100, 60, 90]
    assert list(steps["start"]) == [D("2025-01-12"), D("2025-02-01"), D("2025-02-20")]
    assert list(steps["end"]) == [D("2025-02-01"), D("2025-02-20"), D("2025-03-01")]
    assert list(steps["stance"]) == ["Recognise the new line", "Freeze the line, then talk",
                                     "Recognise the new line after all"]  # fmt: skip
    assert list(steps["acc_low"]) == [80, 50, 70]
    assert steps["in_period"].all()


def test_single_dated_position_holds_to_the_end_and_nothing_before_it(mini):
    steps = changes.position_steps(frame(mini), "green", "border", "2025-01-01", "2025-03-01")
    assert len(steps) == 1
    row = steps.iloc[0]
    assert (row["start"], row["end"], row["value"]) == (D("2025-02-01"), D("2025-03-01"), 50)
    # before 1 Feb there is no row at all: not stated, not 0
    assert not (steps["start"] < D("2025-02-01")).any()


def test_period_starting_mid_position_carries_it_in_unmarked(mini):
    steps = changes.position_steps(frame(mini), "red", "border", "2025-02-10", "2025-03-01")
    assert list(steps["value"]) == [60, 90]
    assert steps.iloc[0]["start"] == D("2025-02-10")  # clipped to the period
    assert list(steps["in_period"]) == [False, True]  # only the 20 Feb record is a change in the period


def test_never_stated_gives_no_steps(mini):
    assert changes.position_steps(frame(mini), "green", "water", "2025-01-01", "2025-03-01").empty


def test_withdrawn_step_is_not_stated_and_has_no_value(history):
    steps = changes.position_steps(frame(history), "blue", "border", "2025-01-01", "2025-03-01")
    assert list(steps["withdrawn"]) == [False, True]
    assert list(steps["stated"]) == [True, False]
    assert steps.iloc[0]["end"] == D("2025-02-25")
    assert math.isnan(steps.iloc[1]["value"]) and math.isnan(steps.iloc[1]["acc_low"])


# --- gaps and readings ---------------------------------------------------------------------------


def test_gap_steps_follow_every_change_of_either_side(mini):
    gaps = changes.gap_steps(frame(mini), "border", "blue", "red", "2025-01-11", "2025-03-01")
    assert list(gaps["start"]) == [D("2025-01-11"), D("2025-01-12"), D("2025-02-01"), D("2025-02-20")]
    assert math.isnan(gaps.iloc[0]["gap"])  # Red not yet stated: unknown, never 0
    assert list(gaps["gap"][1:]) == [90, 50, 80]


def reading(ds, issue, a, b, start, end):
    return changes.gap_reading(frame(ds), issue, a, b, start, end, shorts={"blue": "Blue", "red": "Red",
                                                                           "green": "Green"})  # fmt: skip


def test_narrowed(mini):
    r = reading(mini, "border", "blue", "red", "2025-01-15", "2025-03-01")
    assert (r.reading, r.start_gap, r.end_gap) == ("narrowed", 90, 80)
    assert r.text == "narrowed from 90 to 80 points (Blue 10 ↔ Red 90)"


def test_widened(mini):
    r = reading(mini, "border", "blue", "red", "2025-02-05", "2025-03-01")
    assert (r.reading, r.start_gap, r.end_gap) == ("widened", 50, 80)


def test_unchanged(mini):
    r = reading(mini, "trade", "blue", "red", "2025-01-15", "2025-03-01")
    assert (r.reading, r.start_gap, r.end_gap) == ("unchanged", 80, 80)
    assert r.text.startswith("unchanged at 80 points")


def test_newly_stated_when_one_side_had_no_position_at_the_start(mini):
    r = reading(mini, "border", "blue", "green", "2025-01-15", "2025-03-01")
    assert (r.reading, r.start_gap, r.end_gap) == ("newly stated", 40, 40)
    assert "Green had no position at the start; first both placed on 01 Feb 2025 at 40 points" in r.text
    assert r.short == "newly stated · now 40"


def test_newly_stated_then_moved_shows_the_move_since_both_spoke(mini):
    r = reading(mini, "border", "red", "green", "2025-01-15", "2025-03-01")
    assert (r.reading, r.start_gap, r.end_gap) == ("newly stated", 10, 40)
    assert r.short == "newly stated, then widened 10 → 40"


def test_gap_unknown_when_never_stated_and_after_a_withdrawal(mini, history):
    r = reading(mini, "water", "blue", "red", "2025-01-15", "2025-03-01")
    assert (r.reading, r.end_gap) == ("gap unknown", None)
    r = reading(history, "border", "blue", "red", "2025-01-15", "2025-03-01")
    assert (r.reading, r.start_gap, r.end_gap) == ("gap unknown", 90, None)
    assert r.text == "gap unknown: no position on the scale from Blue (it was 90 points)"


def test_gap_readings_cover_every_issue_in_display_order(mini):
    readings = changes.gap_readings(mini, frame(mini), "blue", "red", "2025-01-15", "2025-03-01")
    assert [(r.issue, r.name, r.reading) for r in readings] == [
        ("border", "Border line", "narrowed"),
        ("trade", "Trade", "unchanged"),
        ("water", "Water rights", "gap unknown"),
    ]


# --- what changed --------------------------------------------------------------------------------


def test_changes_between_lists_each_step_with_the_record_it_replaced(mini):
    found = changes.changes_between(frame(mini), "2025-01-15", "2025-03-01", ["blue", "red", "green"])
    assert list(zip(found["party"], found["kind"], found["date"], strict=True)) == [
        ("red", "changed", D("2025-02-01")),
        ("green", "added", D("2025-02-01")),
        ("red", "changed", D("2025-02-20")),
    ]
    first, added, second = (found.iloc[i] for i in range(3))
    assert (first["old_stance"], first["new_stance"], first["delta"]) == (
        "Recognise the new line", "Freeze the line, then talk", -40)  # fmt: skip
    assert first["old_quote"] == "Recognition of the new line is required."
    assert first["new_quote"] == "Red would accept a freeze before talks."
    assert first["new_source_title"] == "Green mediator briefing"
    assert (second["old_value"], second["new_value"], second["delta"]) == (60, 90, 30)
    assert pd.isna(added["old_stance"]) and added["new_stance"] == "Freeze the line where it is"
    assert math.isnan(added["delta"])


def test_since_is_the_baseline_and_until_is_inclusive(mini):
    found = changes.changes_between(frame(mini), "2025-02-01", "2025-02-20", ["red", "green"])
    assert list(found["date"]) == [D("2025-02-20")]  # 1 Feb was known on the baseline day


def test_changes_between_keeps_only_the_chosen_parties(mini):
    found = changes.changes_between(frame(mini), "2025-01-01", "2025-03-01", ["blue"])
    assert list(found["party"]) == ["blue", "blue"] and set(found["kind"]) == {"added"}


def test_withdrawn_and_newly_stated_in_history(history):
    found = changes.changes_between(frame(history), "2025-02-05", "2025-03-01", ["blue", "red", "green"])
    kinds = {(r.party, r.issue): r.kind for r in found.itertuples()}
    assert kinds == {("green", "trade"): "added", ("red", "border"): "changed", ("blue", "border"): "withdrawn"}
    gone = found[found["kind"] == "withdrawn"].iloc[0]
    assert gone["old_stance"] == "Restore the old line" and gone["old_value"] == 10
    assert gone["new_stance"] == "Border demand set aside pending talks"
    assert gone["new_quote"] == "Blue no longer insists on the old line."


def test_no_changes_gives_an_empty_frame(mini):
    assert changes.changes_between(frame(mini), "2025-02-21", "2025-03-01").empty


def test_events_between_and_default_since(mini, history):
    assert list(changes.events_between(mini, "2025-01-15", "2025-03-01")["title"]) == ["Green briefs the press"]
    assert list(changes.events_between(mini, "2025-01-15", "2025-03-01", inclusive_start=True)["title"]) == [
        "First round of talks", "Green briefs the press"]  # fmt: skip
    assert changes.default_since(mini, dt.date(2025, 3, 1)) == dt.date(2025, 2, 1)
    # nothing dated after the 25 Feb agreement: the default goes back to the event before it
    assert changes.default_since(history, dt.date(2025, 3, 1)) == dt.date(2025, 2, 1)
    assert changes.default_since(history, dt.date(2025, 2, 24)) == dt.date(2025, 2, 1)
    assert changes.default_since(mini, dt.date(2025, 1, 15)) == dt.date(2025, 1, 9)  # no event before: all new
    assert changes.first_date(mini) == dt.date(2025, 1, 10)
