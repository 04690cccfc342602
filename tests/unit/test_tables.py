"""Positions in force as of a date: the latest on or before it; withdrawn drops out; a party
with no record is "not stated", never zero."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from parley import tables
from parley.load import load_dataset

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

WITHDRAWAL = """
- party: red
  issue: trade
  date: 2025-02-10
  stance: No longer demands that restrictions go
  basis: reported
  confidence: medium
  withdrawn: true
  evidence:
    - {source: green-brief, quote: Red hardened again.}
"""


@pytest.fixture(scope="module")
def ds():
    result = load_dataset(MINI)
    assert result.ok, result.problems
    return result.dataset


@pytest.fixture(scope="module")
def positions(ds):
    return tables.positions_frame(ds)


def value(frame: pd.DataFrame, party: str, issue: str) -> float | None:
    row = frame[(frame["party"] == party) & (frame["issue"] == issue)]
    assert len(row) <= 1
    return None if row.empty else float(row["value"].iloc[0])


def test_latest_position_on_or_before_the_date(positions):
    # Red on the border: 100 on 12 Jan, 60 on 1 Feb, 90 on 20 Feb.
    assert value(tables.in_force(positions, dt.date(2025, 1, 11)), "red", "border") is None
    assert value(tables.in_force(positions, dt.date(2025, 1, 12)), "red", "border") == 100
    assert value(tables.in_force(positions, dt.date(2025, 1, 31)), "red", "border") == 100
    assert value(tables.in_force(positions, dt.date(2025, 2, 1)), "red", "border") == 60  # on the day counts
    assert value(tables.in_force(positions, dt.date(2025, 2, 19)), "red", "border") == 60
    assert value(tables.in_force(positions, pd.Timestamp("2025-03-01")), "red", "border") == 90


def test_one_row_per_party_and_issue(positions):
    current = tables.in_force(positions, dt.date(2025, 3, 1))
    assert not current.duplicated(["party", "issue"]).any()
    assert sorted(zip(current["party"], current["issue"], strict=True)) == [
        ("blue", "border"), ("blue", "trade"), ("green", "border"), ("red", "border"), ("red", "trade"),
    ]  # fmt: skip


def test_before_any_position_nothing_is_in_force(positions):
    assert tables.in_force(positions, dt.date(2024, 12, 31)).empty


def test_withdrawn_position_drops_out_from_its_date(tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    with (folder / "positions.yaml").open("a", encoding="utf-8") as out:
        out.write(WITHDRAWAL)
    result = load_dataset(folder)
    assert result.ok, result.problems
    positions = tables.positions_frame(result.dataset)
    assert value(tables.in_force(positions, dt.date(2025, 2, 9)), "red", "trade") == 100
    assert value(tables.in_force(positions, dt.date(2025, 2, 10)), "red", "trade") is None
    matrix = tables.matrix(result.dataset, positions, ["red"], dt.date(2025, 3, 1))
    trade = matrix[matrix["issue"] == "trade"].iloc[0]
    assert trade["stance"] == tables.NOT_STATED
    assert not trade["stated"]


def test_not_stated_is_never_zero(ds, positions):
    matrix = tables.matrix(ds, positions, ["blue", "red", "green"], dt.date(2025, 3, 1))
    assert len(matrix) == 3 * 3  # every issue x party cell is there, stated or not
    water = matrix[matrix["issue"] == "water"]
    assert list(water["stance"]) == [tables.NOT_STATED] * 3
    assert not water["stated"].any()
    assert water["value"].isna().all()
    green_trade = matrix[(matrix["issue"] == "trade") & (matrix["party"] == "green")].iloc[0]
    assert green_trade["stance"] == tables.NOT_STATED
    assert pd.isna(green_trade["value"])
    stated = matrix[matrix["stated"]]
    assert stated["value"].notna().all()
    assert (matrix["value"].fillna(-1) != 0).all()  # nothing in the fixture is coded 0, so no 0 may appear


def test_matrix_before_any_position_is_all_not_stated(ds, positions):
    matrix = tables.matrix(ds, positions, ["blue", "red"], dt.date(2025, 1, 1))
    assert set(matrix["stance"]) == {tables.NOT_STATED}
    assert matrix["value"].isna().all()


def test_positions_frame_flattens_ranges_and_first_quote(positions):
    red = positions[(positions["party"] == "red") & (positions["date"] == pd.Timestamp("2025-02-01"))].iloc[0]
    assert (red["acc_low"], red["acc_high"], red["salience"]) == (50, 90, 0.8)
    assert red["quote"] == "Red would accept a freeze before talks."
    assert red["source_title"] == "Green mediator briefing"
    green = positions[positions["party"] == "green"].iloc[0]
    assert green["quote"] == "" and green["basis"] == "assessed"
    assert positions["value"].dtype == "float64"
