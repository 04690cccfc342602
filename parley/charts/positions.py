"""One issue's positions over time: each party's position on the 0-100 scale as a step line.

A position holds until the next record (line shape "hv"); its acceptable range is a
translucent band where coded; a marker sits on every record dated in the period (hover: the
new stance and its evidence); each line ends in a direct label in the party's colour, no
legend. While a party has no position shown (never stated, withdrawn, not placed on the scale,
or left out by the filter) there is simply no line: never a point at 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go

from parley.changes import Histories, Step, position_steps
from parley.charts.hover import position_lines
from parley.charts.labels import clip, hover_lines, margin_for, text_trace
from parley.charts.theme import BASE_FONT, apply
from parley.charts.time_axis import date_axis, padded, window_shape
from parley.evidence import cited_of, weakness
from parley.filters import NO_FILTER, Filters
from parley.model import Dataset, Issue
from parley.palette import GRID, MUTED, rgba, text_color
from parley.text import plotly_safe
from parley.wording import day

BAND_OPACITY = 0.16
HEIGHT, TOP, BOTTOM = 420, 36, 48  # the figure and its margins, in pixels
Y_RANGE = (-14, 114)  # room above 100 and below 0 for the scale's ends
# The scale's ends stand 4 px off their 100 and 0 lines, in the axis's units.
END_STANDOFF = 4 * (Y_RANGE[1] - Y_RANGE[0]) / (HEIGHT - TOP - BOTTOM)


def runs(points: Sequence[tuple[dt.date, dt.date, float | None]]) -> tuple[list, list]:
    """x/y for an hv step line from (start, end, value) intervals; None breaks the line."""
    xs: list = []
    ys: list = []
    last_end = None
    for start, end, value in points:
        if value is None:
            continue
        if xs and last_end is not None and last_end != start:
            xs.append(None)
            ys.append(None)
        if xs and xs[-1] is not None and xs[-1] == start:
            xs.pop()  # a continuing run: the previous end point (same x) gives way to the new start
            ys.pop()
        xs.extend([start, end])
        ys.extend([float(value), float(value)])
        last_end = end
    return xs, ys


def _band(steps: Sequence[Step]) -> tuple[list, list]:
    """Closed rectangles, one per interval with a coded acceptable range, separated by None."""
    xs: list = []
    ys: list = []
    for step in steps:
        if step.acceptable is None:
            continue
        low, high = step.acceptable
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend([step.start, step.end, step.end, step.start, step.start])
        ys.extend([low, low, high, high, low])
    return xs, ys


def spread(ys: dict[str, float], gap: float = 8.0) -> dict[str, float]:
    """Nudge end labels apart vertically so they never overlap (in scale units)."""
    placed: dict[str, float] = {}
    for p in sorted(ys, key=ys.get):
        placed[p] = max(ys[p], max(placed.values()) + gap) if placed else ys[p]
    overflow = max(placed.values(), default=0) - 104
    return {p: y - overflow for p, y in placed.items()} if overflow > 0 else placed


def _step_hover(ds: Dataset, step: Step, issue: Issue, party: str, previous: Step | None) -> str:
    record = step.position
    lines = [f"<b>{plotly_safe(ds.party(party).name)}</b> · {plotly_safe(issue.name)} · {day(record.date)}"]
    if record.withdrawn:
        lines.append("<b>position withdrawn</b>: no stated position from this date")
    elif previous is None:
        lines.append("first stated in this period")
    else:
        lines.append("changed from: " + plotly_safe(previous.position.stance))
    cited = cited_of(ds, record)
    lines += position_lines(record, cited, weakness(cited))
    return hover_lines(*lines)


def _marks(steps: Sequence[Step]) -> list[tuple[Step, float, Step | None]]:
    """A marker for each record dated in the period, at its value (a withdrawal at the value it ends)."""
    marks = []
    previous = None
    for step in steps:
        if step.in_period and not step.left_out:
            y = previous.value if step.withdrawn and previous is not None else step.value
            if y is not None:
                marks.append((step, y, previous))
        previous = step
    return marks


def position_figure(
    ds: Dataset,
    hist: Histories,
    issue: Issue,
    parties: Sequence[str],
    colors: dict[str, str],
    start: dt.date,
    end: dt.date,
    window: tuple[dt.date, dt.date] | None = None,
    filters: Filters = NO_FILTER,
) -> go.Figure:
    """Each party's position on `issue` over [start, end] as a step line on the 0-100 scale."""
    fig = go.Figure()
    steps = {p: position_steps(ds, hist.get((p, issue.id), ()), start, end, filters) for p in parties}
    lines = {p: runs([(s.start, s.end, s.value) for s in steps[p]]) for p in parties}
    short = {p: plotly_safe(ds.party(p).short) for p in parties}
    for p in parties:
        bx, by = _band(steps[p])
        if bx:
            fig.add_trace(
                go.Scatter(
                    x=bx,
                    y=by,
                    mode="lines",
                    fill="toself",
                    fillcolor=rgba(colors[p], BAND_OPACITY),
                    line={"width": 0},
                    hoverinfo="skip",
                    name=f"{short[p]} acceptable",
                    meta={"role": "band", "party": p},
                )
            )
    end_ys: dict[str, float] = {}
    end_text: dict[str, str] = {}
    silent, unplaced, left_out = [], [], []
    for p in parties:
        lx, ly = lines[p]
        if lx:
            fig.add_trace(
                go.Scatter(
                    x=lx,
                    y=ly,
                    mode="lines",
                    line={"shape": "hv", "width": 4, "color": colors[p]},
                    connectgaps=False,
                    hoverinfo="skip",
                    name=short[p],
                    meta={"role": "step", "party": p},
                )
            )
            last = steps[p][-1]
            end_ys[p] = ly[-1]
            end_text[p] = f"<b>{short[p]}</b>"
            if last.withdrawn:
                end_text[p] += " <i>(withdrawn)</i>"
            elif last.value is None:
                end_text[p] += " <i>(left out)</i>" if last.left_out else " <i>(off scale)</i>"
        elif any(s.left_out for s in steps[p]):
            left_out.append(p)
        else:
            (unplaced if any(s.shown for s in steps[p]) else silent).append(p)
        marks = _marks(steps[p])
        if marks:
            fig.add_trace(
                go.Scatter(
                    x=[s.position.date for s, _, _ in marks],
                    y=[y for _, y, _ in marks],
                    mode="markers",
                    marker={
                        "size": [18 if s.withdrawn else 16 for s, _, _ in marks],
                        "symbol": ["x-thin-open" if s.withdrawn else "circle" for s, _, _ in marks],
                        "color": [colors[p] if s.withdrawn else "#FFFFFF" for s, _, _ in marks],
                        "line": {"width": 3, "color": colors[p]},
                    },
                    hovertext=[_step_hover(ds, s, issue, p, prev) for s, _, prev in marks],
                    hoverinfo="text",
                    name=f"{short[p]} changes",
                    meta={"role": "change", "party": p},
                )
            )
    # The lines' end labels and the scale's two ends are one text trace (drawn in 74 ms where their
    # four annotations took 93). Two spaces that do not collapse stand the end labels off their line's end.
    labels = []  # (x, y, text, side, ink, size, name)
    for p, y in spread(end_ys).items():
        line_end = max(x for x in lines[p][0] if x is not None)
        labels.append(
            (line_end, y, f"\u00a0\u00a0{end_text[p]}", "middle right", text_color(colors[p]), 18, f"end-label {p}")
        )
    left = padded(start, end)[0]
    labels += [
        (left, 100 + END_STANDOFF, f"<i>▲ 100: {clip(issue.scale.high, 60)}</i>", "top right", MUTED, 15, "scale-end"),
        (left, -END_STANDOFF, f"<i>▼ 0: {clip(issue.scale.low, 60)}</i>", "bottom right", MUTED, 15, "scale-end"),
    ]
    x, y, text, side, ink, size, names = zip(*labels, strict=True)
    fig.add_trace(text_trace(x, y, text, side, ink, size, names))
    annotations = []
    notes = []
    for label, group in (
        ("not stated in this period", silent),
        ("not placed on the scale", unplaced),
        ("left out by the filter", left_out),
    ):
        if group:
            notes.append(f"{label}: " + ", ".join(short[p] for p in group))
    if notes:
        annotations.append(
            {
                "x": 1,
                "y": 1,
                "xref": "paper",
                "yref": "paper",
                "text": "<i>" + " · ".join(notes) + "</i>",
                "showarrow": False,
                "xanchor": "right",
                "yanchor": "bottom",
                "yshift": 6,
                "font": {"size": 15, "color": MUTED},
                "name": "not-stated",
            }
        )
    fig.update_layout(annotations=annotations, hovermode="closest", shapes=[window_shape(window)] if window else [])
    ticks = [0, 25, 50, 75, 100]
    fig.update_yaxes(
        range=list(Y_RANGE), tickvals=ticks, showgrid=True, gridcolor=GRID, fixedrange=True, automargin=True
    )
    date_axis(fig, start, end)
    apply(fig, height=HEIGHT)
    left = margin_for([str(t) for t in ticks], BASE_FONT)
    fig.update_layout(margin={"l": left, "r": 120, "t": TOP, "b": BOTTOM}, dragmode=False)
    return fig
