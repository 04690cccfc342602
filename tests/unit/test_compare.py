"""Compare view rows: every chosen party on every issue, with evidence, basis and the gap."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from parley import tables
from parley.compare import compare_rows, link_target
from parley.load import load_dataset
from parley.palette import party_colors

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def ds():
    return load_dataset(MINI).dataset


def rows(ds, parties, as_of=dt.date(2025, 3, 1), groups=None):
    now = tables.in_force(tables.positions_frame(ds), pd.Timestamp(as_of))
    return {r.issue: r for r in compare_rows(ds, now, parties, party_colors(ds.parties), groups)}


def test_one_cell_per_party_with_stance_value_basis_and_every_quote(ds):
    border = rows(ds, ["blue", "red", "green"])["border"]
    blue, red, green = border.cells
    assert (blue.stance, blue.value, blue.acceptable, blue.basis) == ("Restore the old line", 10, (0, 50), "stated")
    assert blue.evidence[0].quote == "We want the old line restored"
    assert blue.evidence[0].title == "Blue foreign ministry note" and blue.evidence[0].kind == "official statement"
    assert red.date == dt.date(2025, 2, 20) and red.evidence[0].publisher == "Green Gazette"
    assert green.analyst_coding and green.note.startswith("Inferred")
    assert red.color == party_colors(ds.parties)["red"]


def test_not_stated_is_a_cell_of_its_own(ds):
    trade = rows(ds, ["blue", "green"])["trade"]
    assert [c.stated for c in trade.cells] == [True, False]
    assert trade.cells[1].stance == "not stated" and trade.cells[1].value_text() == "not stated"
    assert "not stated: Green" in trade.gap_text and trade.gap is None


def test_gap_text_gives_the_number_and_the_scale_ends(ds):
    border = rows(ds, ["blue", "red"])["border"]
    assert border.gap == 80
    assert border.gap_text == (
        "Gap 80 points: Blue 10 ↔ Red 90 (0 = Old line restored, 100 = New line recognised)"
        " · acceptable ranges 20 points apart"
    )
    assert "acceptable ranges overlap 40–50" in rows(ds, ["blue", "green"])["border"].gap_text


def test_group_filter(ds):
    assert list(rows(ds, ["blue", "red"], groups=["Economy"])) == ["trade", "water"]


def test_link_target_cannot_break_out_of_a_markdown_link():
    assert link_target("https://example.org/a?<script>(x)[y] z") == (
        "https://example.org/a?%3Cscript%3E%28x%29%5By%5D%20z"
    )
