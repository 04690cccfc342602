"""The overview matrix and its headline, asserted on what a reader sees."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from parley import gaps, tables
from parley.charts.matrix import few_words, matrix_figure
from parley.load import load_dataset
from parley.palette import party_colors
from parley.summary import headline
from tests.support.hostile import SCRIPT, write_hostile_dataset

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
AS_OF = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def ds():
    return load_dataset(MINI).dataset


def figure(ds, parties, as_of=AS_OF):
    grid = tables.matrix(ds, tables.positions_frame(ds), parties, as_of)
    return matrix_figure(ds, grid, parties).to_dict()


def _x_ticks(fig):
    return fig["layout"]["xaxis"]["tickvals"], fig["layout"]["xaxis"]["ticktext"]


def cells(fig):
    """(column, row label) -> cell text, read back from the annotations and the axes."""
    x_labels = {v: re.sub(r"<[^>]+>", "", t) for v, t in zip(*_x_ticks(fig), strict=True)}
    y_labels = dict(zip(fig["layout"]["yaxis"]["tickvals"], fig["layout"]["yaxis"]["ticktext"], strict=True))
    return {
        (x_labels[a["x"]], y_labels[a["y"]]): a["text"].replace("<br>", " ")
        for a in fig["layout"]["annotations"]
        if a.get("name") in ("stance", "not stated")
    }


def test_each_cell_shows_the_stance_in_force_under_its_party_and_issue(ds):
    got = cells(figure(ds, ["blue", "red", "green"]))
    assert got[("Blue", "Border line")] == "Restore the old line"
    assert got[("Red", "Border line")] == "Recognise the new line after all"
    assert got[("Green", "Border line")] == "Freeze the line where it is"
    assert got[("Red", "Trade")] == "Lift all restrictions"


def test_column_headers_name_each_party_in_its_own_colour(ds):
    _, labels = _x_ticks(figure(ds, ["blue", "red"]))
    assert labels == [
        "<span style='color:#0072B2'><b>Blue</b></span>",
        "<span style='color:#C35600'><b>Red</b></span>",  # Red's vermillion, darkened to read as text
    ]


def test_as_of_date_picks_the_position_then_in_force(ds):
    got = cells(figure(ds, ["red"], as_of=dt.date(2025, 2, 5)))
    assert got[("Red", "Border line")] == "Freeze the line, then talk"


def test_not_stated_cells_say_so_in_italics_and_are_hatched(ds):
    fig = figure(ds, ["blue", "red", "green"])
    got = cells(fig)
    assert got[("Green", "Trade")] == "<i>not stated</i>"
    assert sum(text == "<i>not stated</i>" for text in got.values()) == 4  # green trade + water x3
    hatched = next(t for t in fig["data"] if t["meta"]["role"] == "not stated")
    assert hatched["marker"]["pattern"]["shape"] == "/"
    assert len(hatched["y"]) == 4


def test_shade_is_one_neutral_ramp_by_value_never_a_party_colour(ds):
    fig = figure(ds, ["blue", "red"])
    stated = next(t for t in fig["data"] if t["meta"]["role"] == "stated")
    fills = stated["marker"]["color"]
    assert not set(fills) & {c.upper() for c in party_colors(ds.parties).values()}
    by_value = dict(zip(stated["hovertext"], fills, strict=True))
    light = next(c for h, c in by_value.items() if "Restore the old line" in h)  # 10
    dark = next(c for h, c in by_value.items() if "Lift all restrictions" in h)  # 100
    assert sum(int(light[i : i + 2], 16) for i in (1, 3, 5)) > sum(int(dark[i : i + 2], 16) for i in (1, 3, 5))
    assert "showscale" not in stated["marker"] or not stated["marker"]["showscale"]


def test_dark_cells_get_white_text(ds):
    fig = figure(ds, ["red"])
    lift = next(a for a in fig["layout"]["annotations"] if a["text"] == "Lift all restrictions")
    assert lift["font"]["color"] == "#FFFFFF"


def test_rows_are_grouped_under_their_issue_group(ds):
    fig = figure(ds, ["blue", "red"])
    groups = [a for a in fig["layout"]["annotations"] if a.get("name") == "group"]
    assert [g["text"] for g in groups] == ["<b>TERRITORY</b>", "<b>ECONOMY</b>"]
    rows = dict(zip(fig["layout"]["yaxis"]["ticktext"], fig["layout"]["yaxis"]["tickvals"], strict=True))
    territory, economy = (g["y"] for g in groups)
    assert territory < rows["Border line"] < economy < rows["Trade"] < rows["Water rights"]


def test_hover_carries_stance_quote_source_date_and_basis(ds):
    fig = figure(ds, ["green"])
    stated = next(t for t in fig["data"] if t["meta"]["role"] == "stated")
    hover = stated["hovertext"][0]
    assert "Freeze the line where it is" in hover and "assessed" in hover
    assert "analyst coding: Inferred from Green" in hover and "2025-02-01" in hover
    assert "value 50 (analyst coding) · acceptable 40–60 (analyst judgement)" in hover
    assert "0 = Old line restored · 100 = New line recognised" in hover  # the scale the shade stands for
    fig = figure(ds, ["red"])
    hover = next(t for t in fig["data"] if t["meta"]["role"] == "stated")["hovertext"][0]
    assert "Red hardened again." in hover and "Green mediator briefing" in hover and "reported" in hover


def test_headline_names_widest_gaps_overlaps_and_the_date(ds):
    now = tables.in_force(tables.positions_frame(ds), pd.Timestamp(AS_OF))
    shorts = {p.id: p.short for p in ds.parties}
    facts = headline(gaps.issue_gaps(now, tables.issues_frame(ds), ["blue", "red"]), shorts, AS_OF, ["blue", "red"])
    assert facts.as_of == "01 March 2025"
    assert facts.widest == ["Border line: 80 points (Blue ↔ Red)", "Trade: 80 points (Blue ↔ Red)"]
    assert facts.overlaps == []
    assert facts.apart == ["Border line (ranges 20 apart)"]
    assert facts.comparable == 1  # only Border line has a range for both
    facts = headline(gaps.issue_gaps(now, tables.issues_frame(ds), ["blue", "green"]), shorts, AS_OF, ["blue", "green"])
    assert facts.overlaps == ["Border line (overlap 40–50)"]


def test_text_from_the_data_is_escaped(tmp_path):
    hostile = load_dataset(write_hostile_dataset(tmp_path)).dataset
    grid = tables.matrix(hostile, tables.positions_frame(hostile), ["alpha", "beta"], AS_OF)
    dumped = json.dumps(json.loads(matrix_figure(hostile, grid, ["alpha", "beta"]).to_json()), ensure_ascii=False)
    assert SCRIPT not in dumped and "<img" not in dumped and "<b>X</b>" not in dumped
    assert "&lt;b&gt;X&lt;/b&gt;" in dumped and "&lt;script&gt;" in dumped


def test_cut_labels_never_split_an_escaped_character():
    label = few_words("Issue <b>bold</b> [click me](javascript:window.__pwned=3) and more words here", 12, 2)
    assert re.findall(r"&(?!lt;|gt;|amp;)", label) == []
    assert label == "Issue<br>&lt;b&gt;bold&lt;/b&gt;…"
