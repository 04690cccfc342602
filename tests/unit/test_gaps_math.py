"""Gap maths: unknown is never zero, touching ranges share one named point, distances weigh
salience and say NaN (not 0) when two parties share no issue."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest

from parley import gaps, tables
from parley.load import load_dataset

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def ds():
    return load_dataset(MINI).dataset


@pytest.fixture(scope="module")
def current(ds):
    return tables.in_force(tables.positions_frame(ds), dt.date(2025, 3, 1))


def by_issue(frame: pd.DataFrame) -> dict[str, pd.Series]:
    return {row["issue"]: row for _, row in frame.iterrows()}


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


def test_overlapping_ranges_share_a_zone():
    overlap = gaps.range_overlap([(0, 50), (40, 60), (30, 100)])
    assert overlap == gaps.Overlap(40, 50)
    assert not overlap.touching
    assert overlap.label() == "overlap 40\u201350"  # en dash


def test_ranges_apart_have_no_overlap_and_a_distance():
    assert gaps.range_overlap([(0, 30), (50, 90)]) is None
    assert gaps.range_distance((0, 30), (50, 90)) == 20
    assert gaps.range_distance((50, 90), (0, 30)) == 20


def test_a_missing_range_means_no_overlap_not_full_overlap():
    assert gaps.range_overlap([(0, 100), None]) is None
    assert gaps.range_overlap([]) is None
    assert gaps.range_distance((0, 100), None) is None


def test_issue_gaps_for_two_parties(ds, current):
    rows = by_issue(gaps.issue_gaps(current, tables.issues_frame(ds), ["blue", "red"]))
    border = rows["border"]
    assert border["gap"] == 80  # blue 10, red 90
    assert (border["low_party"], border["high_party"]) == ("blue", "red")
    assert border["overlap_label"] == "" and math.isnan(border["overlap_low"])  # [0, 50] and [70, 100]
    assert border["ranges_apart"] == 20
    assert rows["trade"]["gap"] == 80
    water = rows["water"]
    assert math.isnan(water["gap"])  # unknown, not 0
    assert water["not_stated"] == ["blue", "red"]
    assert water["placed"] == 0


def test_issue_gaps_name_an_overlap(ds, current):
    border = by_issue(gaps.issue_gaps(current, tables.issues_frame(ds), ["blue", "green"]))["border"]
    assert (border["overlap_low"], border["overlap_high"]) == (40, 50)  # [0, 50] and [40, 60]
    assert border["overlap_label"] == "overlap 40\u201350"  # en dash
    assert border["ranges_apart"] == 0


def test_single_party_has_no_gap_and_no_overlap(ds, current):
    frame = gaps.issue_gaps(current, tables.issues_frame(ds), ["blue"])
    assert frame["gap"].isna().all()
    assert frame["overlap_low"].isna().all()
    assert set(frame["overlap_label"]) == {""}
    assert frame["ranges_apart"].isna().all()


def test_ranked_gaps_leave_out_unknown_gaps(ds, current):
    ranked = gaps.ranked_gaps(gaps.issue_gaps(current, tables.issues_frame(ds), ["blue", "red"]))
    assert list(ranked["issue"]) == ["border", "trade"]  # equal gaps, then by name; water is not ranked


def frame(rows: list[tuple[str, str, float | None, float | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["party", "issue", "value", "salience"]).astype(
        {"value": "float64", "salience": "float64"}
    )


def test_distance_matrix_from_the_fixture(current):
    distances = gaps.distance_matrix(current, ["blue", "red", "green"])
    assert distances.loc["blue", "red"] == 80  # border 80, trade 80
    assert distances.loc["blue", "green"] == 40  # border only
    assert distances.loc["red", "green"] == 40
    assert distances.loc["blue", "blue"] == 0
    assert (distances.values == distances.values.T).all()
    counts = distances.attrs["counts"]
    assert (counts.loc["blue", "red"], counts.loc["blue", "green"]) == (2, 1)


def test_distance_with_no_common_issue_is_nan_not_zero():
    current = frame([("a", "x", 10, None), ("b", "y", 90, None)])
    distances = gaps.distance_matrix(current, ["a", "b", "c"])
    assert math.isnan(distances.loc["a", "b"])
    assert math.isnan(distances.loc["a", "c"])  # c has no positions at all
    assert distances.attrs["counts"].loc["a", "b"] == 0
    assert distances.loc["a", "a"] == 0


def test_distance_weights_issues_by_salience():
    # x: gap 100, both parties rate it 1; y: gap 0, both rate it 0.2 -> 100 * 1 / (1 + 0.2)
    current = frame([("a", "x", 0, 1), ("b", "x", 100, 1), ("a", "y", 50, 0.2), ("b", "y", 50, 0.2)])
    assert gaps.distance_matrix(current, ["a", "b"]).loc["a", "b"] == pytest.approx(100 / 1.2)


def test_salience_coded_by_only_one_party_weighs_one():
    current = frame([("a", "x", 0, 0.1), ("b", "x", 100, None), ("a", "y", 50, None), ("b", "y", 50, None)])
    assert gaps.distance_matrix(current, ["a", "b"]).loc["a", "b"] == pytest.approx(50)


def test_unplaced_value_is_left_out_of_the_distance():
    current = frame([("a", "x", 0, None), ("b", "x", None, None), ("a", "y", 20, None), ("b", "y", 50, None)])
    distances = gaps.distance_matrix(current, ["a", "b"])
    assert distances.loc["a", "b"] == 30
    assert distances.attrs["counts"].loc["a", "b"] == 1
