"""Timeline figures, asserted on what a reader sees in fig.to_dict()."""

from __future__ import annotations

import datetime as dt
import json
import re

import plotly.io as pio
import pytest

from parley import changes
from parley.charts.events import KIND_SYMBOL, events_figure
from parley.charts.gap_history import gap_figure
from parley.charts.positions import position_figure
from parley.load import load_dataset
from parley.palette import party_colors, text_color
from tests.support.figures import chart_labels
from tests.support.hostile import SCRIPT, write_hostile_dataset
from tests.support.packs import RED_SUMMARY, TALKS_SUMMARY, edge_datasets, period, quote_texts, sourced_mini

START, END = dt.date(2025, 1, 1), dt.date(2025, 3, 1)
SUMMARY_OF_BRIEFING = "Summary of Green mediator briefing (Green Gazette, 01 Feb 2025), not the source's words"


def as_json(fig) -> dict:
    """The figure as the browser receives it (dates as ISO strings)."""
    return json.loads(pio.to_json(fig))


def positions_fig(ds, parties=("blue", "red", "green"), issue="border", start=START, end=END):
    fig = position_figure(
        ds, changes.histories(ds), ds.issue(issue), list(parties), party_colors(ds.parties), start, end
    )
    return as_json(fig)


def traces(fig, role):
    return {t["meta"]["party"]: t for t in fig["data"] if t.get("meta", {}).get("role") == role}


def day(xs):
    return [x[:10] if x else None for x in xs]


def gap_values(trace: dict) -> list:
    """A gap row's points as the gaps they show: each row is drawn `offset` up its shared y axis."""
    return [None if y is None else y - trace["meta"]["offset"] for y in trace["y"]]


def unwrapped(hover: str) -> str:
    return hover.replace("<br>", " ")


def test_steps_are_hv_lines_in_party_colours(mini):
    fig = positions_fig(mini)
    steps = traces(fig, "step")
    colors = party_colors(mini.parties)
    assert set(steps) == {"blue", "red", "green"}
    for party, t in steps.items():
        assert t["line"]["shape"] == "hv"
        assert t["line"]["color"] == colors[party]
    red = steps["red"]
    assert day(red["x"]) == ["2025-01-12", "2025-02-01", "2025-02-20", "2025-03-01"]
    assert red["y"] == [100, 60, 90, 90]
    assert fig["layout"]["template"]["layout"]["showlegend"] is False  # direct labels instead


def test_change_markers_sit_on_each_new_record(mini):
    marks = traces(positions_fig(mini), "change")
    assert day(marks["red"]["x"]) == ["2025-01-12", "2025-02-01", "2025-02-20"]
    assert marks["red"]["y"] == [100, 60, 90]
    hover = unwrapped(marks["red"]["hovertext"][2])
    assert "Recognise the new line after all" in hover and "“Red hardened again.”" in hover
    assert "changed from: Freeze the line, then talk" in hover
    assert day(marks["green"]["x"]) == ["2025-02-01"] and marks["green"]["y"] == [50]


def test_single_position_line_starts_at_its_date_never_at_zero(mini):
    fig = positions_fig(mini)
    green = traces(fig, "step")["green"]
    assert day(green["x"]) == ["2025-02-01", "2025-03-01"] and green["y"] == [50, 50]
    for t in fig["data"]:
        if t["meta"]["role"] in ("step", "change"):
            assert 0 not in t["y"]


def test_bands_where_acceptable_ranges_are_coded(mini):
    bands = traces(positions_fig(mini, issue="border"), "band")
    assert set(bands) == {"blue", "red", "green"}
    assert bands["red"]["fill"] == "toself" and "rgba(" in bands["red"]["fillcolor"]
    assert [y for y in bands["red"]["y"] if y is not None][:5] == [80, 80, 100, 100, 80]
    assert traces(positions_fig(mini, issue="trade"), "band") == {}  # trade has no ranges coded


def test_not_stated_party_has_no_line_and_is_named(mini):
    fig = positions_fig(mini, issue="trade")
    assert set(traces(fig, "step")) == {"blue", "red"}
    notes = [a["text"] for a in fig["layout"]["annotations"] if a.get("name") == "not-stated"]
    assert notes == ["<i>not stated in this period: Green</i>"]


def test_withdrawal_ends_the_line_and_is_marked(history):
    fig = positions_fig(history, parties=("blue",))
    blue = traces(fig, "step")["blue"]
    assert day(blue["x"]) == ["2025-01-10", "2025-02-25"] and blue["y"] == [10, 10]
    marks = traces(fig, "change")["blue"]
    assert day(marks["x"]) == ["2025-01-10", "2025-02-25"]
    assert marks["marker"]["symbol"] == ["circle", "x-thin-open"]
    assert "position withdrawn" in marks["hovertext"][1]
    ends = [label.text.strip() for label in chart_labels(fig) if label.name.startswith("end-label")]
    assert ends == ["<b>Blue</b> <i>(withdrawn)</i>"]


def test_end_labels_and_scale_ends(mini):
    fig = positions_fig(mini)
    labels = chart_labels(fig)
    ends = {label.name: label for label in labels if label.name.startswith("end-label")}
    assert ends["end-label red"].text.strip() == "<b>Red</b>" and ends["end-label red"].y == 90
    assert ends["end-label red"].color == text_color(party_colors(mini.parties)["red"])
    scale = [label.text for label in labels if label.name == "scale-end"]
    assert scale == ["<i>▲ 100: New line recognised</i>", "<i>▼ 0: Old line restored</i>"]


def test_events_have_a_symbol_per_kind_labels_and_hover(mini):
    fig = as_json(events_figure(mini, START, END))
    events = {t["meta"]["kind"]: t for t in fig["data"] if t["meta"]["role"] == "event"}
    assert {k: t["marker"]["symbol"] for k, t in events.items()} == {
        "talks": KIND_SYMBOL["talks"],
        "statement": KIND_SYMBOL["statement"],
    }
    hover = unwrapped(events["statement"]["hovertext"][0])
    assert "Green briefs the press" in hover and "“Red would accept a freeze before talks.”" in hover
    assert "— Green mediator briefing, Green Gazette, 2025-02-01" in hover  # the quote's source
    assert "Green Union" in hover  # who took part
    talks = unwrapped(events["talks"]["hovertext"][0])
    assert "First round of talks" in talks and "Blue Republic, Red Federation, Green Union" in talks
    assert "Source: Green mediator briefing" in talks  # no quote: the source is still named
    labels = [text for t in fig["data"] if t["meta"]["role"] == "event" for text in t["text"] if text]
    assert labels == ["First round of talks", "Green briefs the press"]


def test_events_outside_the_period_are_left_out(mini):
    fig = as_json(events_figure(mini, dt.date(2025, 1, 20), END))
    assert [t["meta"]["kind"] for t in fig["data"]] == ["statement"]


def test_gap_small_multiples_with_readings(mini):
    hist = changes.histories(mini)
    start = dt.date(2025, 1, 15)
    readings = changes.gap_readings(mini, hist, "blue", "red", start, END)
    fig = as_json(gap_figure(mini, hist, "blue", "red", readings, start, END))
    gaps = {t["meta"]["issue"]: t for t in fig["data"] if t["meta"]["role"] == "gap"}
    assert gaps["border"]["line"]["shape"] == "hv"
    assert day(gaps["border"]["x"]) == ["2025-01-15", "2025-02-01", "2025-02-20", "2025-03-01"]
    assert gap_values(gaps["border"]) == [90, 50, 80, 80]
    assert "water" not in gaps  # never a line at 0 for an unknown gap
    texts = {a["name"]: a["text"] for a in fig["layout"]["annotations"] if a.get("name", "").startswith("reading")}
    assert "narrowed 90 → 80" in texts["reading border"] and "<b>Border line</b>" in texts["reading border"]
    assert "unchanged at 80" in texts["reading trade"]
    assert "gap unknown" in texts["reading water"]
    hovers = {
        a["name"]: a["hovertext"] for a in fig["layout"]["annotations"] if a.get("name", "").startswith("reading")
    }
    assert hovers["reading border"] == "narrowed from 90 to 80 points (Blue 10 ↔ Red 90)"


def test_gap_rows_share_one_pair_of_axes_and_never_overlap(mini):
    hist = changes.histories(mini)
    readings = changes.gap_readings(mini, hist, "blue", "red", START, END)
    fig = as_json(gap_figure(mini, hist, "blue", "red", readings, START, END, (START, END)))
    layout = fig["layout"]
    assert [k for k in layout if k.startswith(("xaxis", "yaxis"))] == ["xaxis", "yaxis"]
    rows = len(readings)
    assert layout["yaxis"]["ticktext"] == ["0", "50", "100"] * rows  # each row reads on its own 0-100 scale
    ticks = layout["yaxis"]["tickvals"]
    low, high = layout["yaxis"]["range"]
    titles = sorted(a["y"] for a in layout["annotations"] if a["name"].startswith("reading"))
    zeros = sorted(ticks[0::3])
    for n, (zero, title) in enumerate(zip(zeros, titles, strict=True)):
        assert zero + 100 < title  # the title sits over its row's 100 line...
        assert title + 20 < (zeros[n + 1] if n + 1 < rows else high)  # ...with room below the next row's 0
    assert low < zeros[0]
    for trace in fig["data"]:
        values = [y for y in gap_values(trace) if y is not None]
        assert all(0 <= y <= 100 for y in values)
    assert [s["yref"] for s in layout["shapes"]] == ["paper"]  # one "what changed" band down every row


def test_hostile_text_is_escaped_in_labels_and_hovers(tmp_path):
    ds = load_dataset(write_hostile_dataset(tmp_path)).dataset
    hist = changes.histories(ds)
    fig = position_figure(ds, hist, ds.issue("issue-one"), ["alpha", "beta"], party_colors(ds.parties), START, END)
    readings = changes.gap_readings(ds, hist, "alpha", "beta", START, END)
    figs = [fig, gap_figure(ds, hist, "alpha", "beta", readings, START, END), events_figure(ds, START, END)]
    for f in figs:
        text = json.dumps(f.to_plotly_json(), default=str)
        assert SCRIPT not in text and "<img" not in text and "<b>bold</b>" not in text
    for f in figs[:2]:
        assert "&lt;b&gt;bold&lt;/b&gt;" in json.dumps(f.to_plotly_json(), default=str)  # the issue name, as text
    hover = traces(as_json(fig), "change")["beta"]["hovertext"][0]
    assert "&lt;script&gt;" in hover and "<script>" not in hover


# --- summaries and weakly sourced positions ------------------------------------------------------


def test_summaries_in_timeline_hovers_are_labelled_and_never_quoted(mini):
    ds = sourced_mini(mini)
    marks = traces(positions_fig(ds, parties=("red",)), "change")["red"]
    latest = unwrapped(marks["hovertext"][2])
    assert f"<i>{SUMMARY_OF_BRIEFING}:</i> {RED_SUMMARY}" in latest
    assert "Weakly sourced: only summaries, no verbatim quote" in latest
    assert "Weakly sourced: only low-reliability sources" in unwrapped(marks["hovertext"][0])  # the paper
    assert "Weakly sourced" not in unwrapped(marks["hovertext"][1])  # quoted in the Green briefing
    events = {t["meta"]["kind"]: t for t in as_json(events_figure(ds, START, END))["data"]}
    talks = unwrapped(events["talks"]["hovertext"][0])
    assert f"<i>{SUMMARY_OF_BRIEFING}:</i> {TALKS_SUMMARY}" in talks
    hovers = [unwrapped(h) for h in [*marks["hovertext"], *(h for t in events.values() for h in t["hovertext"])]]
    for hover in hovers:
        assert set(re.findall(r"“([^”]*)”", hover)) <= quote_texts(ds), hover


# --- datasets at the edges ----------------------------------------------------------------------


@pytest.mark.parametrize("case", ["no positions", "one party", "one issue", "calendar ends"])
def test_every_timeline_figure_draws_for_datasets_at_the_edges(mini, case):
    ds = edge_datasets(mini)[case]
    hist = changes.histories(ds)
    start, end = period(ds)
    window = (changes.default_since(ds, end), end)
    parties = [p.id for p in ds.parties]
    colors = party_colors(ds.parties)
    figs = [events_figure(ds, start, end, window)]
    figs += [position_figure(ds, hist, i, parties, colors, start, end, window) for i in ds.issues]
    if len(parties) >= 2:  # the gap chart is for a pair; with one party Timeline does not offer it
        readings = changes.gap_readings(ds, hist, parties[0], parties[1], start, end)
        figs.append(gap_figure(ds, hist, parties[0], parties[1], readings, start, end, window))
    drawn = [as_json(f) for f in figs]
    events = [t for t in drawn[0]["data"] if t["meta"]["role"] == "event"]
    if case == "no positions":
        assert not events
        assert "<i>no events recorded in this period</i>" in [a["text"] for a in drawn[0]["layout"]["annotations"]]
        for fig in drawn[1:-1]:
            assert not traces(fig, "step")
            notes = [a["text"] for a in fig["layout"]["annotations"] if a.get("name") == "not-stated"]
            assert notes == ["<i>not stated in this period: Blue, Red, Green</i>"]
        assert not drawn[-1]["data"]  # no gap line at 0, no markers: only the rows' titles say "gap unknown"
    else:
        assert sum(len(t["x"]) for t in events) == len(ds.events)
    if case == "calendar ends":
        assert drawn[0]["layout"]["xaxis"]["range"] == ["0001-01-01", "9999-12-31"]  # kept inside the calendar
        red = traces(drawn[1], "step")["red"]
        assert day(red["x"]) == ["0001-01-01", "9999-12-31", "9999-12-31"] and red["y"] == [100, 90, 90]
        gaps = {t["meta"]["issue"]: t for t in drawn[-1]["data"] if t["meta"]["role"] == "gap"}
        assert gap_values(gaps["border"])[-1] == 80  # Blue 10 ↔ Red 90 on the last day
