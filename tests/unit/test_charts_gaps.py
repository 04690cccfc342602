"""Gap figures, asserted on what a reader sees in fig.to_dict(): points, labels, zones, gaps."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest

from parley import gaps
from parley.charts.distances import distance_heatmap, ranked_gaps_figure
from parley.charts.scale import issue_figure, scale_figure
from parley.load import load_dataset
from parley.palette import party_colors, text_color
from tests.support.figures import chart_texts
from tests.support.hostile import SCRIPT, write_hostile_dataset
from tests.support.packs import BLUE_SUMMARY, RED_SUMMARY, edge_datasets, quote_texts, sourced_mini, table_for

AS_OF = dt.date(2025, 3, 1)
SUMMARY_OF_BRIEFING = "Summary of Green mediator briefing (Green Gazette, 01 Feb 2025), not the source's words"


def issue_gaps(ds, parties, as_of=AS_OF, issues=None):
    return gaps.issue_gaps(table_for(ds, parties, as_of, issues))


def scale(ds, parties, as_of=AS_OF, issues=None):
    return scale_figure(issue_gaps(ds, parties, as_of, issues), party_colors(ds.parties)).to_dict()


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


def unwrapped(hover: str) -> str:
    """A hover as one line: the wrapping <br> breaks put back as the spaces they replaced."""
    return hover.replace("<br>", " ")


def quoted(text: str) -> set[str]:
    return set(re.findall(r"“([^”]*)”", text))


def test_points_sit_at_each_partys_value_with_its_short_name_in_its_colour(mini):
    fig = scale(mini, ["blue", "red", "green"])
    colors = party_colors(mini.parties)
    pts = points(fig)
    assert pts[("border", "blue")]["x"] == 10.0
    assert pts[("border", "red")]["x"] == 90.0  # the latest of Red's three border positions
    assert pts[("border", "green")]["x"] == 50.0
    assert pts[("trade", "red")]["x"] == 100.0
    for (_, party), point in pts.items():
        assert point["text"] == mini.party(party).short  # nothing in mini is weakly sourced: no ⚑
        assert point["color"] == colors[party] and point["textcolor"] == text_color(colors[party])
    assert fig["layout"]["showlegend"] is False


def test_acceptable_ranges_are_thick_translucent_bars_in_the_party_colour(mini):
    fig = scale(mini, ["blue", "red"])
    assert ranges(fig)[("border", "red")] == (70.0, 100.0)
    bar = traces(fig, "range")["red"]
    assert bar["opacity"] < 1 and bar["line"]["width"] >= 10
    assert bar["line"]["color"] == party_colors(mini.parties)["red"]
    assert ("trade", "blue") not in ranges(fig)  # no range coded: no bar drawn


def test_each_row_is_labelled_with_the_issue_name_and_scale_ends(mini):
    labels = chart_texts(scale(mini, ["blue", "red"]))
    assert "<b>Border line</b>" in labels
    assert "<i>◂ Old line restored</i>" in labels
    assert "<i>New line recognised ▸</i>" in labels
    assert "<b>Trade</b>" in labels and "<b>Water rights</b>" in labels


def test_a_long_scale_end_is_clipped_and_shows_whole_on_hover(mini):
    long_end = "Every occupied region returned, with reparations paid in full and in advance"
    (border, *_) = issue_gaps(mini, ["blue", "red"])
    issue = border.issue.model_copy(update={"scale": border.issue.scale.model_copy(update={"low": long_end})})
    fig = scale_figure([dataclasses.replace(border, issue=issue)], party_colors(mini.parties)).to_dict()
    (end,) = [a for a in fig["layout"]["annotations"] if a["text"].startswith("<i>◂")]
    assert end["text"] == "<i>◂ Every occupied region returned, with repara…</i>" and end["hovertext"] == long_end
    assert "<i>New line recognised ▸</i>" in chart_texts(fig)  # short enough: a plain label, nothing to hover
    assert not [a for a in fig["layout"]["annotations"] if "New line recognised" in a["text"]]


def test_overlapping_ranges_are_shaded_and_named(mini):
    fig = scale(mini, ["blue", "green"])  # blue [0, 50], green [40, 60]
    zones = [s for s in fig["layout"]["shapes"] if s.get("name", "").startswith("overlap")]
    assert len(zones) == 1
    assert (zones[0]["x0"], zones[0]["x1"]) == (40, 50)
    assert zones[0]["name"] == "overlap 40–50"
    assert "overlap 40–50" in chart_texts(fig)


def test_ranges_that_miss_each_other_get_the_distance_labelled(mini):
    fig = scale(mini, ["blue", "red"])  # blue [0, 50], red [70, 100]
    assert "ranges 20 points apart" in chart_texts(fig)
    apart = [s for s in fig["layout"]["shapes"] if s.get("name") == "ranges apart"]
    assert [(s["x0"], s["x1"]) for s in apart] == [(50, 70)]
    assert not [s for s in fig["layout"]["shapes"] if s.get("name", "").startswith("overlap")]


def test_touching_ranges_say_so(mini):
    fig = scale(mini, ["blue", "red"], as_of=dt.date(2025, 2, 10))  # red then [50, 90]
    assert "ranges touch at 50" in chart_texts(fig)


def test_not_stated_parties_are_listed_per_row_and_never_drawn(mini):
    fig = scale(mini, ["blue", "red", "green"])
    labels = chart_texts(fig)
    assert "gap 80 · not stated: Green" in labels  # trade
    assert "gap unknown · not stated: Blue, Red, Green" in labels  # water
    assert ("trade", "green") not in points(fig)
    assert not any(issue == "water" for issue, _ in points(fig))


def test_hover_shows_stance_quote_source_and_basis(mini):
    hover = unwrapped(points(scale(mini, ["blue", "red"]))[("border", "blue")]["hovertext"])
    for part in (
        "Restore the old line",
        "“We want the old line restored”",
        "Blue foreign ministry note",
        "2025-01-10",
        "stated",
        "acceptable 0–50",
    ):
        assert part in hover


def test_issue_filter_keeps_only_those_rows(mini):
    fig = scale(mini, ["blue", "red"], issues=["trade"])
    labels = chart_texts(fig)
    assert "<b>Trade</b>" in labels and "<b>Border line</b>" not in labels


def test_issue_figure_is_one_issue_larger_with_its_question(mini):
    border = issue_gaps(mini, ["blue", "red", "green"])[0]
    fig = issue_figure(border, party_colors(mini.parties)).to_dict()
    assert "Border line" in fig["layout"]["title"]["text"]
    assert "Where should the border run?" in fig["layout"]["title"]["text"]
    pts = points(fig)
    assert {k: v["x"] for k, v in pts.items()} == {
        ("border", "blue"): 10.0,
        ("border", "red"): 90.0,
        ("border", "green"): 50.0,
    }
    assert min(p["size"] for p in pts.values()) >= 20
    untitled = issue_figure(border, party_colors(mini.parties), titled=False).to_dict()
    assert "text" not in untitled["layout"].get("title", {})  # the packs head it with the name already
    assert {k: v["x"] for k, v in points(untitled).items()} == {k: v["x"] for k, v in pts.items()}


def test_distance_heatmap_shows_no_common_issue_never_zero(mini):
    table = table_for(mini, ["blue", "red"], dt.date(2025, 1, 11))  # only Blue has positions yet
    fig = distance_heatmap(gaps.distances(table), table.parties).to_dict()
    labels = chart_texts(fig)
    assert labels.count("<i>no common issue</i>") == 2  # blue-red, red-blue
    assert labels.count("—") == 2  # each party with itself: a dash, never a 0 that reads as agreement
    assert "0" not in labels
    assert fig["layout"]["xaxis"]["ticktext"] == ["Blue", "Red"]
    assert fig["data"][0]["z"][0][1] is None  # a gap, not a number


def test_distance_heatmap_annotates_the_mean_gap(mini):
    table = table_for(mini, ["blue", "red", "green"])
    colors = {"blue": "#0072B2", "red": "#D55E00", "green": "#009E73"}
    fig = distance_heatmap(gaps.distances(table), table.parties, colors).to_dict()
    labels = chart_texts(fig)
    assert labels.count("80") == 2 and labels.count("40") == 4  # blue-red; blue-green and red-green
    assert fig["layout"]["yaxis"]["ticktext"][1] == "<span style='color:#C35600'>Red</span>"
    assert fig["layout"]["title"]["text"] == "Mean gap between parties (weighted by salience where coded)"


def test_ranked_gaps_bars_are_widest_first_and_name_the_two_parties(mini):
    fig = ranked_gaps_figure(gaps.ranked_gaps(issue_gaps(mini, ["blue", "red"], dt.date(2025, 2, 10)))).to_dict()
    bar = fig["data"][0]
    assert list(bar["y"]) == ["Trade", "Border line"]  # 80 then 50
    assert list(bar["x"]) == [80.0, 50.0]
    assert bar["text"] == ["80  Blue ↔ Red", "50  Blue ↔ Red"]


def test_text_from_the_data_is_escaped_everywhere(tmp_path):
    hostile = load_dataset(write_hostile_dataset(tmp_path)).dataset
    table = table_for(hostile, ["alpha", "beta"], AS_OF)
    found = gaps.issue_gaps(table)
    colors = party_colors(hostile.parties)
    figs = [
        scale_figure(found, colors),
        issue_figure(found[0], colors),
        ranked_gaps_figure(gaps.ranked_gaps(found)),
        distance_heatmap(gaps.distances(table), table.parties, colors),
    ]
    for fig in figs:
        dumped = json.dumps(json.loads(fig.to_json()), ensure_ascii=False)
        assert SCRIPT not in dumped and "<img" not in dumped and "<b>X</b>" not in dumped
    dumped = json.dumps(json.loads(figs[0].to_json()), ensure_ascii=False)
    assert "&lt;script&gt;" in dumped and "&lt;b&gt;X&lt;/b&gt;" in dumped


# --- summaries and weakly sourced positions ------------------------------------------------------


@pytest.fixture(scope="module")
def sourced(mini):
    return sourced_mini(mini)


def test_weakly_sourced_points_are_flagged_after_their_label(sourced):
    fig = scale(sourced, ["blue", "red", "green"])
    pts = points(fig)
    assert pts[("border", "red")]["text"] == "Red ⚑"  # only a summary
    assert pts[("trade", "red")]["text"] == "Red ⚑"  # only the low-reliability paper
    assert pts[("border", "blue")]["text"] == "Blue"  # a quote and a summary: not weak
    assert pts[("trade", "blue")]["text"] == "Blue" and pts[("border", "green")]["text"] == "Green"
    assert "Weakly sourced: only summaries, no verbatim quote" in unwrapped(pts[("border", "red")]["hovertext"])
    assert "Weakly sourced: only low-reliability sources" in unwrapped(pts[("trade", "red")]["hovertext"])
    assert "Weakly sourced" not in unwrapped(pts[("border", "blue")]["hovertext"])
    large = points(issue_figure(issue_gaps(sourced, ["blue", "red"])[0], party_colors(sourced.parties)).to_dict())
    assert large[("border", "red")]["text"] == "Red ⚑" and large[("border", "blue")]["text"] == "Blue"


def test_summaries_in_hovers_are_labelled_as_such_and_never_quoted(sourced):
    pts = points(scale(sourced, ["blue", "red"]))
    blue = unwrapped(pts[("border", "blue")]["hovertext"])
    assert "“We want the old line restored”" in blue
    assert f"<i>{SUMMARY_OF_BRIEFING}:</i> {BLUE_SUMMARY}" in blue
    red = unwrapped(pts[("border", "red")]["hovertext"])
    assert f"<i>{SUMMARY_OF_BRIEFING}:</i> {RED_SUMMARY}" in red
    for point in pts.values():
        hover = unwrapped(point["hovertext"])
        assert quoted(hover) <= quote_texts(sourced), hover  # only verbatim quotes are in quotation marks
        assert BLUE_SUMMARY not in quoted(hover) and RED_SUMMARY not in quoted(hover)


# --- datasets at the edges ----------------------------------------------------------------------


@pytest.mark.parametrize("case", ["no positions", "one party", "one issue", "calendar ends"])
def test_every_gap_figure_draws_for_datasets_at_the_edges(mini, case):
    ds = edge_datasets(mini)[case]
    table = table_for(ds, [p.id for p in ds.parties])
    found = gaps.issue_gaps(table)
    colors = party_colors(ds.parties)
    figs = [
        scale_figure(found, colors),
        *(issue_figure(g, colors, titled=titled) for g in found for titled in (True, False)),
        distance_heatmap(gaps.distances(table), table.parties, colors),
        ranked_gaps_figure(gaps.ranked_gaps(found)),
    ]
    for fig in figs:
        json.loads(fig.to_json())
    labels = chart_texts(figs[0].to_dict())
    assert sum(label.startswith("<b>") for label in labels) == len(ds.issues)  # one titled row per issue
    ranked = chart_texts(figs[-1].to_dict())
    if case == "no positions":
        assert labels.count("<i>no chosen party has a position shown</i>") == len(ds.issues)
        assert not traces(figs[0].to_dict(), "point")
        assert ranked == ["No issue has two chosen parties placed on its scale"]
        assert chart_texts(figs[-2].to_dict()).count("<i>no common issue</i>") == 6  # every pair, both ways
    elif case == "one party":
        assert ranked == ["No issue has two chosen parties placed on its scale"]
        assert chart_texts(figs[-2].to_dict()) == ["—"]
        assert {k: v["x"] for k, v in points(figs[0].to_dict()).items()} == {
            ("border", "blue"): 10.0,
            ("trade", "blue"): 20.0,
        }
    else:
        # Red's latest border position wins, wherever the calendar puts it
        assert points(figs[0].to_dict())[("border", "red")]["x"] == 90.0
        assert "<b>Border line</b>" in labels
