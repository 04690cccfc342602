"""The overview matrix and its headline, asserted on what a reader sees."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from parley import gaps
from parley.charts.labels import few_words
from parley.charts.matrix import lines_per_cell, matrix_figure
from parley.headline import headline
from parley.load import load_dataset
from parley.model import Evidence, Party, Position
from parley.palette import party_colors
from tests.support.figures import chart_labels
from tests.support.hostile import SCRIPT, write_hostile_dataset
from tests.support.packs import edge_datasets, sourced_mini, table_for

AS_OF = dt.date(2025, 3, 1)
WEAK_LINE = "<i>⚑ weakly sourced</i>"
OFF_SCALE_LINE = "<i>(not on the scale)</i>"


def figure(ds, parties, as_of=AS_OF):
    return matrix_figure(table_for(ds, parties, as_of), party_colors(ds.parties)).to_dict()


def _x_ticks(fig):
    return fig["layout"]["xaxis"]["tickvals"], fig["layout"]["xaxis"]["ticktext"]


def _cells(fig):
    """(column, row label) -> the label drawn in that cell, read back through the axes."""
    x_labels = {v: re.sub(r"<[^>]+>", "", t) for v, t in zip(*_x_ticks(fig), strict=True)}
    y_labels = dict(zip(fig["layout"]["yaxis"]["tickvals"], fig["layout"]["yaxis"]["ticktext"], strict=True))
    return {
        (x_labels[label.x], y_labels[label.y]): label
        for label in chart_labels(fig)
        if label.name in ("stance", "not stated", "left out by the filter")
    }


def cells(fig):
    """(column, row label) -> cell text on one line."""
    return {key: label.text.replace("<br>", " ") for key, label in _cells(fig).items()}


def test_each_cell_shows_the_stance_in_force_under_its_party_and_issue(mini):
    got = cells(figure(mini, ["blue", "red", "green"]))
    assert got[("Blue", "Border line")] == "Restore the old line"
    assert got[("Red", "Border line")] == "Recognise the new line after all"
    assert got[("Green", "Border line")] == "Freeze the line where it is"
    assert got[("Red", "Trade")] == "Lift all restrictions"


def test_column_headers_name_each_party_in_its_own_colour(mini):
    _, labels = _x_ticks(figure(mini, ["blue", "red"]))
    assert labels == [
        "<span style='color:#0072B2'><b>Blue</b></span>",
        "<span style='color:#C35600'><b>Red</b></span>",  # Red's vermillion, darkened to read as text
    ]


def test_as_of_date_picks_the_position_then_in_force(mini):
    got = cells(figure(mini, ["red"], as_of=dt.date(2025, 2, 5)))
    assert got[("Red", "Border line")] == "Freeze the line, then talk"


def test_not_stated_cells_say_so_in_italics_and_are_hatched(mini):
    fig = figure(mini, ["blue", "red", "green"])
    got = cells(fig)
    assert got[("Green", "Trade")] == "<i>not stated</i>"
    assert sum(text == "<i>not stated</i>" for text in got.values()) == 4  # green trade + water x3
    hatched = next(t for t in fig["data"] if t["meta"]["role"] == "not stated")
    assert hatched["marker"]["pattern"]["shape"] == "/"
    assert len(hatched["y"]) == 4


def test_shade_is_one_neutral_ramp_by_value_never_a_party_colour(mini):
    fig = figure(mini, ["blue", "red"])
    stated = next(t for t in fig["data"] if t["meta"]["role"] == "stated")
    fills = stated["marker"]["color"]
    assert not set(fills) & {c.upper() for c in party_colors(mini.parties).values()}
    by_value = dict(zip(stated["hovertext"], fills, strict=True))
    light = next(c for h, c in by_value.items() if "Restore the old line" in h)  # 10
    dark = next(c for h, c in by_value.items() if "Lift all restrictions" in h)  # 100
    assert sum(int(light[i : i + 2], 16) for i in (1, 3, 5)) > sum(int(dark[i : i + 2], 16) for i in (1, 3, 5))
    assert "showscale" not in stated["marker"] or not stated["marker"]["showscale"]


def test_dark_cells_get_white_text(mini):
    fig = figure(mini, ["red"])
    lift = next(label for label in chart_labels(fig) if label.text == "Lift all restrictions")
    assert lift.color == "#FFFFFF"


def test_rows_are_grouped_under_their_issue_group(mini):
    fig = figure(mini, ["blue", "red"])
    groups = [a for a in fig["layout"]["annotations"] if a.get("name") == "group"]
    assert [g["text"] for g in groups] == ["<b>TERRITORY</b>", "<b>ECONOMY</b>"]
    rows = dict(zip(fig["layout"]["yaxis"]["ticktext"], fig["layout"]["yaxis"]["tickvals"], strict=True))
    territory, economy = (g["y"] for g in groups)
    assert territory < rows["Border line"] < economy < rows["Trade"] < rows["Water rights"]


def test_hover_carries_stance_quote_source_date_and_basis(mini):
    fig = figure(mini, ["green"])
    stated = next(t for t in fig["data"] if t["meta"]["role"] == "stated")
    hover = stated["hovertext"][0].replace("<br>", " ")
    assert "Freeze the line where it is" in hover and "assessed" in hover
    assert "analyst coding: Inferred from Green" in hover and "2025-02-01" in hover
    assert "value 50 · acceptable 40–60 (analyst coding)" in hover  # both numbers are the analysts' placing
    assert "0 = Old line restored · 100 = New line recognised" in hover  # the scale the shade stands for
    fig = figure(mini, ["red"])
    hover = next(t for t in fig["data"] if t["meta"]["role"] == "stated")["hovertext"][0].replace("<br>", " ")
    assert "“Red hardened again.”" in hover and "Green mediator briefing" in hover and "reported" in hover


def test_headline_names_widest_gaps_overlaps_and_apart_ranges(mini):
    facts = headline(gaps.issue_gaps(table_for(mini, ["blue", "red"], AS_OF)))
    assert facts.widest == ["Border line: 80 points (Blue ↔ Red)", "Trade: 80 points (Blue ↔ Red)"]
    assert facts.overlaps == []
    assert facts.apart == ["Border line (ranges 20 points apart)"]
    assert facts.comparable == 1  # only Border line has a range for both
    assert facts.unknown == 1  # water: nobody placed, not ranked as a gap of 0
    facts = headline(gaps.issue_gaps(table_for(mini, ["blue", "green"], AS_OF)))
    assert facts.overlaps == ["Border line (overlap 40–50)"]


def test_text_from_the_data_is_escaped(tmp_path):
    hostile = load_dataset(write_hostile_dataset(tmp_path)).dataset
    fig = matrix_figure(table_for(hostile, ["alpha", "beta"], AS_OF), party_colors(hostile.parties))
    dumped = json.dumps(json.loads(fig.to_json()), ensure_ascii=False)
    assert SCRIPT not in dumped and "<img" not in dumped and "<b>X</b>" not in dumped
    assert "&lt;b&gt;X&lt;/b&gt;" in dumped and "&lt;script&gt;" in dumped


def test_cut_labels_never_split_an_escaped_character():
    label = few_words("Issue <b>bold</b> [click me](javascript:window.__pwned=3) and more words here", 12, 2)
    assert re.findall(r"&(?!lt;|gt;|amp;)", label) == []
    assert label == "Issue<br>&lt;b&gt;bold&lt;/b&gt;…"


# --- weakly sourced cells and cells off the scale ------------------------------------------------


def test_weakly_sourced_cells_get_a_dashed_frame_and_say_so(mini):
    fig = figure(sourced_mini(mini), ["blue", "red", "green"])
    notes = _cells(fig)
    red_border = notes[("Red", "Border line")].text.split("<br>")
    assert red_border == ["Recognise the new", "line after all", WEAK_LINE]  # wrapped to the cell, the tag last
    assert notes[("Red", "Trade")].text.split("<br>")[-1] == WEAK_LINE
    for quoted in (("Blue", "Border line"), ("Blue", "Trade"), ("Green", "Border line")):
        assert WEAK_LINE not in notes[quoted].text, quoted
    frames = [s for s in fig["layout"]["shapes"] if s.get("name") == "weakly sourced"]
    assert len(frames) == 2
    assert all(f["line"]["dash"] == "dash" for f in frames)
    assert sorted((f["x0"] + f["x1"]) / 2 for f in frames) == [1, 1]  # both in Red's column
    rows = {notes[("Red", "Border line")].y, notes[("Red", "Trade")].y}
    assert {(f["y0"] + f["y1"]) / 2 for f in frames} == rows
    stated = next(t for t in fig["data"] if t["meta"]["role"] == "stated")
    assert any(
        "Weakly sourced: only summaries, no verbatim quote" in h.replace("<br>", " ") for h in stated["hovertext"]
    )


def test_nothing_in_mini_is_framed_as_weakly_sourced(mini):
    fig = figure(mini, ["blue", "red", "green"])
    assert not [s for s in fig["layout"].get("shapes", []) if s.get("name") == "weakly sourced"]
    assert not any(WEAK_LINE in text for text in cells(fig).values())


LONG = (
    "Keep talking about the line in every format on offer, in public and in private, with every "
    "mediator that offers, for as long as it takes, without saying where the line should finally run"
)


def off_scale(mini, parties: int, weak: bool):
    """Mini with `parties` parties each holding a long border stance the analysts did not place."""
    extra = [Party(id=f"extra-{n}", name=f"Extra {n}", short=f"X{n}", role="third_party") for n in range(parties - 3)]
    evidence = (
        [Evidence(source="green-brief", summary="Said to be open to talks.")]
        if weak
        else [Evidence(source="green-brief", quote="Red would accept a freeze before talks.")]
    )
    chosen = [*mini.parties, *extra][:parties]
    positions = [
        Position(
            party=p.id,
            issue="border",
            date=dt.date(2025, 2, 25),
            stance=LONG,
            basis="reported",
            confidence="low",
            evidence=evidence,
        )
        for p in chosen
    ]
    ds = mini.model_copy(update={"parties": [*mini.parties, *extra], "positions": [*mini.positions, *positions]})
    return ds, [p.id for p in chosen]


@pytest.mark.parametrize("parties", [1, 2, 3, 4, 5, 6])
@pytest.mark.parametrize("weak", [False, True])
def test_a_line_is_kept_for_not_on_the_scale_so_no_cell_runs_over(mini, parties, weak):
    ds, chosen = off_scale(mini, parties, weak)
    fig = figure(ds, chosen)
    limit = lines_per_cell(parties)
    border = [a for (_, row), a in _cells(fig).items() if row == "Border line"]
    assert len(border) == parties
    for cell in border:
        lines = cell.text.split("<br>")
        assert len(lines) <= limit
        tags = [OFF_SCALE_LINE, WEAK_LINE] if weak else [OFF_SCALE_LINE]
        assert lines[-len(tags) :] == tags
        stance = lines[: -len(tags)]
        assert len(stance) == limit - len(tags) and stance[-1].endswith("…")  # cut to fit, never dropped
    for (_, row), a in _cells(fig).items():
        assert len(a.text.split("<br>")) <= limit, row


# --- datasets at the edges ----------------------------------------------------------------------


@pytest.mark.parametrize("case", ["no positions", "one party", "one issue", "calendar ends"])
def test_the_matrix_draws_for_datasets_at_the_edges(mini, case):
    ds = edge_datasets(mini)[case]
    parties = [p.id for p in ds.parties]
    fig = figure(ds, parties, ds.info.as_of)
    json.loads(json.dumps(fig, default=str))
    got = cells(fig)
    assert len(got) == len(parties) * len(ds.issues)  # every cell says something
    if case == "no positions":
        assert set(got.values()) == {"<i>not stated</i>"}
        assert not next(t for t in fig["data"] if t["meta"]["role"] == "stated")["y"]
    elif case == "one party":
        assert got == {
            ("Blue", "Border line"): "Restore the old line",
            ("Blue", "Trade"): "Keep restrictions until the border is settled",
            ("Blue", "Water rights"): "<i>not stated</i>",
        }
    else:
        assert got[("Red", "Border line")] == "Recognise the new line after all"


def test_a_word_too_long_for_its_line_breaks_after_its_hyphen():
    assert few_words("Plans assume an 800,000-strong army", 12, 4) == "Plans assume<br>an 800,000-<br>strong army"
    assert few_words("A thirty-day truce", 12, 3) == "A thirty-day<br>truce"  # fits: not broken
    assert few_words("a-b-c-d-e-f-g-h", 8, 3) == "a-b-c-d-<br>e-f-g-h"
    assert few_words("Unhyphenatedlongword", 8, 3) == "Unhyphen<br>atedlong<br>word"
