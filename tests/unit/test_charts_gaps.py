"""Gap figures, asserted on what a reader sees in fig.to_dict(): points, labels, zones, gaps."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from parley import gaps, tables
from parley.charts.gaps import distance_heatmap, issue_figure, ranked_gaps_figure, scale_figure
from parley.load import load_dataset
from parley.palette import party_colors, text_color
from tests.support.hostile import SCRIPT, write_hostile_dataset

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def ds():
    return load_dataset(MINI).dataset


def current(ds, as_of):
    return tables.in_force(tables.positions_frame(ds), pd.Timestamp(as_of))


def scale(ds, parties, as_of=dt.date(2025, 3, 1), issues=None):
    now = current(ds, as_of)
    frame = gaps.issue_gaps(now, tables.issues_frame(ds), parties)
    return scale_figure(ds, now, frame, parties, party_colors(ds.parties), issues=issues).to_dict()


def traces(fig, role):
    return {t["meta"]["party"]: t for t in fig["data"] if t.get("meta", {}).get("role") == role}


def points(fig):
    """(issue, party) -> what the reader sees of that point: x, label, colours, hover."""
    out = {}
    for party, t in traces(fig, "point").items():
        for n, issue in enumerate(t["customdata"]):
            out[(issue, party)] = {
                "x": t["x"][n],
                "text": t["text"][n],
                "hovertext": t["hovertext"][n],
                "color": t["marker"]["color"],
                "textcolor": t["textfont"]["color"],
                "size": t["textfont"]["size"],
            }
    return out


def ranges(fig):
    """(issue, party) -> (low, high) of each drawn acceptable-range bar."""
    out = {}
    for party, t in traces(fig, "range").items():
        for n in range(0, len(t["x"]), 3):
            out[(t["customdata"][n], party)] = (t["x"][n], t["x"][n + 1])
    return out


def texts(fig):
    return [a["text"] for a in fig["layout"].get("annotations", [])]


def test_points_sit_at_each_partys_value_with_its_short_name_in_its_colour(ds):
    fig = scale(ds, ["blue", "red", "green"])
    colors = party_colors(ds.parties)
    pts = points(fig)
    assert pts[("border", "blue")]["x"] == 10.0
    assert pts[("border", "red")]["x"] == 90.0  # the latest of Red's three border positions
    assert pts[("border", "green")]["x"] == 50.0
    assert pts[("trade", "red")]["x"] == 100.0
    for (_, party), point in pts.items():
        assert point["text"] == ds.party(party).short
        assert point["color"] == colors[party] and point["textcolor"] == text_color(colors[party])
    assert fig["layout"]["showlegend"] is False


def test_acceptable_ranges_are_thick_translucent_bars_in_the_party_colour(ds):
    fig = scale(ds, ["blue", "red"])
    assert ranges(fig)[("border", "red")] == (70.0, 100.0)
    bar = traces(fig, "range")["red"]
    assert bar["opacity"] < 1 and bar["line"]["width"] >= 10
    assert bar["line"]["color"] == party_colors(ds.parties)["red"]
    assert ("trade", "blue") not in ranges(fig)  # no range coded: no bar drawn


def test_each_row_is_labelled_with_the_issue_name_and_scale_ends(ds):
    labels = texts(scale(ds, ["blue", "red"]))
    assert "<b>Border line</b>" in labels
    assert "<i>◂ Old line restored</i>" in labels
    assert "<i>New line recognised ▸</i>" in labels
    assert "<b>Trade</b>" in labels and "<b>Water rights</b>" in labels


def test_overlapping_ranges_are_shaded_and_named(ds):
    fig = scale(ds, ["blue", "green"])  # blue [0, 50], green [40, 60]
    zones = [s for s in fig["layout"]["shapes"] if s.get("name", "").startswith("overlap")]
    assert len(zones) == 1
    assert (zones[0]["x0"], zones[0]["x1"]) == (40, 50)
    assert zones[0]["name"] == "overlap 40–50"
    assert "overlap 40–50" in texts(fig)


def test_ranges_that_miss_each_other_get_the_distance_labelled(ds):
    fig = scale(ds, ["blue", "red"])  # blue [0, 50], red [70, 100]
    assert "ranges 20 apart" in texts(fig)
    apart = [s for s in fig["layout"]["shapes"] if s.get("name") == "ranges apart"]
    assert [(s["x0"], s["x1"]) for s in apart] == [(50, 70)]
    assert not [s for s in fig["layout"]["shapes"] if s.get("name", "").startswith("overlap")]


def test_touching_ranges_say_so(ds):
    fig = scale(ds, ["blue", "red"], as_of=dt.date(2025, 2, 10))  # red then [50, 90]
    assert "ranges touch at 50" in texts(fig)


def test_not_stated_parties_are_listed_per_row_and_never_drawn(ds):
    fig = scale(ds, ["blue", "red", "green"])
    labels = texts(fig)
    assert "gap 80 · not stated: Green" in labels  # trade
    assert "gap unknown · not stated: Blue, Red, Green" in labels  # water
    assert ("trade", "green") not in points(fig)
    assert not any(issue == "water" for issue, _ in points(fig))


def test_hover_shows_stance_quote_source_and_basis(ds):
    hover = points(scale(ds, ["blue", "red"]))[("border", "blue")]["hovertext"]
    for part in (
        "Restore the old line",
        "We want the old line restored",
        "Blue foreign ministry note",
        "2025-01-10",
        "stated",
        "acceptable 0–50",
    ):
        assert part in hover


def test_issue_filter_keeps_only_those_rows(ds):
    fig = scale(ds, ["blue", "red"], issues=["trade"])
    labels = texts(fig)
    assert "<b>Trade</b>" in labels and "<b>Border line</b>" not in labels


def test_issue_figure_is_one_issue_larger_with_its_question(ds):
    now = current(ds, dt.date(2025, 3, 1))
    fig = issue_figure(ds, now, "border", ["blue", "red", "green"], party_colors(ds.parties)).to_dict()
    assert "Border line" in fig["layout"]["title"]["text"]
    assert "Where should the border run?" in fig["layout"]["title"]["text"]
    pts = points(fig)
    assert {k: v["x"] for k, v in pts.items()} == {
        ("border", "blue"): 10.0,
        ("border", "red"): 90.0,
        ("border", "green"): 50.0,
    }
    assert min(p["size"] for p in pts.values()) >= 20


def test_distance_heatmap_shows_no_common_issue_never_zero(ds):
    now = current(ds, dt.date(2025, 1, 11))  # only Blue has positions yet
    matrix = gaps.distance_matrix(now, ["blue", "red"])
    fig = distance_heatmap(matrix, ["blue", "red"], {"blue": "Blue", "red": "Red"}).to_dict()
    labels = texts(fig)
    assert labels.count("<i>no common issue</i>") == 2  # blue-red, red-blue
    assert labels.count("—") == 2  # each party with itself: a dash, never a 0 that reads as agreement
    assert "0" not in labels
    assert fig["layout"]["xaxis"]["ticktext"] == ["Blue", "Red"]
    assert fig["data"][0]["z"][0][1] is None  # a gap, not a number


def test_distance_heatmap_annotates_the_mean_gap(ds):
    now = current(ds, dt.date(2025, 3, 1))
    matrix = gaps.distance_matrix(now, ["blue", "red", "green"])
    shorts = {"blue": "Blue", "red": "Red", "green": "Green"}
    colors = {"blue": "#0072B2", "red": "#D55E00", "green": "#009E73"}
    fig = distance_heatmap(matrix, ["blue", "red", "green"], shorts, colors).to_dict()
    labels = texts(fig)
    assert labels.count("80") == 2 and labels.count("40") == 4  # blue-red; blue-green and red-green
    assert fig["layout"]["yaxis"]["ticktext"][1] == "<span style='color:#C35600'>Red</span>"
    assert fig["layout"]["title"]["text"] == "Mean gap between parties (weighted by salience where coded)"


def test_ranked_gaps_bars_are_widest_first_and_name_the_two_parties(ds):
    now = current(ds, dt.date(2025, 2, 10))
    frame = gaps.issue_gaps(now, tables.issues_frame(ds), ["blue", "red"])
    fig = ranked_gaps_figure(gaps.ranked_gaps(frame), {"blue": "Blue", "red": "Red"}).to_dict()
    bar = fig["data"][0]
    assert list(bar["y"]) == ["Trade", "Border line"]  # 80 then 50
    assert list(bar["x"]) == [80.0, 50.0]
    assert bar["text"] == ["80  Blue ↔ Red", "50  Blue ↔ Red"]


def test_text_from_the_data_is_escaped_everywhere(tmp_path):
    hostile = load_dataset(write_hostile_dataset(tmp_path)).dataset
    now = current(hostile, dt.date(2025, 3, 1))
    parties = ["alpha", "beta"]
    frame = gaps.issue_gaps(now, tables.issues_frame(hostile), parties)
    figs = [
        scale_figure(hostile, now, frame, parties, party_colors(hostile.parties)),
        issue_figure(hostile, now, "issue-one", parties, party_colors(hostile.parties)),
        ranked_gaps_figure(gaps.ranked_gaps(frame), {p.id: p.short for p in hostile.parties}),
        distance_heatmap(gaps.distance_matrix(now, parties), parties, {p.id: p.short for p in hostile.parties}),
    ]
    for fig in figs:
        dumped = json.dumps(json.loads(fig.to_json()), ensure_ascii=False)
        assert SCRIPT not in dumped and "<img" not in dumped and "<b>X</b>" not in dumped
    dumped = json.dumps(json.loads(figs[0].to_json()), ensure_ascii=False)
    assert "&lt;script&gt;" in dumped and "&lt;b&gt;X&lt;/b&gt;" in dumped
