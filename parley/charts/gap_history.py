"""The gap between two parties over time: small multiples, one row per issue, each row titled
with its reading (narrowed, widened, unchanged, newly stated, gap unknown).

All rows share one pair of axes, each row a band of the y axis offset from the next, with its own
0, 50 and 100 ticks. A pair of axes per row cost the browser most of the page's drawing time once a
negotiation has dozens of issues, and the figure's size grew with every axis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go

from parley.changes import GapReading, Histories, gap_steps
from parley.charts.labels import clip, margin_for
from parley.charts.positions import runs
from parley.charts.theme import BASE_FONT, apply
from parley.charts.time_axis import axis, window_shape
from parley.filters import NO_FILTER, Filters
from parley.model import Dataset
from parley.palette import GRID, INK, MUTED
from parley.text import plotly_safe
from parley.wording import day

# Readings are told apart by words and arrows in ink, never by colour: every hue belongs to a party.
READING_INK = {"narrowed": INK, "widened": INK, "unchanged": MUTED, "newly stated": INK, "gap unknown": MUTED}
READING_MARK = {"narrowed": "▼ ", "widened": "▲ "}
ROW_PX = 118
# A row's band of the y axis: its 0-100 scale, then room above for the row's title, then the next row.
ROW_UNITS = 160
TITLE_GAP = 6  # from the row's 100 line to the bottom of its title
ROW_TICKS = (0, 50, 100)  # each row's own scale
TICK_TEXT = [str(t) for t in ROW_TICKS]
BELOW = 6  # under the last row's 0 line
ABOVE = ROW_UNITS - 100 - BELOW  # over the first row's 100 line, for its title


def gap_figure(
    ds: Dataset,
    hist: Histories,
    a: str,
    b: str,
    readings: Sequence[GapReading],
    start: dt.date,
    end: dt.date,
    window: tuple[dt.date, dt.date] | None = None,
    filters: Filters = NO_FILTER,
) -> go.Figure:
    """Each trace's meta carries its row's `offset`: a gap of g points is drawn at y = offset + g."""
    sa, sb = plotly_safe(ds.party(a).short), plotly_safe(ds.party(b).short)
    n = max(len(readings), 1)
    traces: list[go.Scatter] = []
    annotations: list[dict] = []
    ticks: list[float] = []
    for i, reading in enumerate(readings):
        offset = (n - 1 - i) * ROW_UNITS
        ticks += [offset + t for t in ROW_TICKS]
        steps = gap_steps(ds, hist.get((a, reading.issue), ()), hist.get((b, reading.issue), ()), start, end, filters)
        xs, ys = runs([(s.start, s.end, s.gap) for s in steps])
        name = plotly_safe(reading.name)
        meta = {"issue": reading.issue, "offset": offset}
        if xs:
            known = [s for s in steps if s.gap is not None]
            traces.append(
                go.Scatter(
                    x=xs,
                    y=[None if y is None else offset + y for y in ys],
                    mode="lines",
                    line={"shape": "hv", "width": 3, "color": INK},
                    connectgaps=False,
                    hoverinfo="skip",
                    name=name,
                    meta={"role": "gap", **meta},
                )
            )
            traces.append(
                go.Scatter(
                    x=[s.start for s in known],
                    y=[offset + s.gap for s in known],
                    mode="markers",
                    marker={"size": 9, "color": INK},
                    hovertext=[
                        f"<b>{name}</b> · from {day(s.start)}<br>gap {s.gap:g} points: {sa} {s.a_value:g} ↔ "
                        f"{sb} {s.b_value:g}"
                        for s in known
                    ],
                    hoverinfo="text",
                    name=f"{name} changes",
                    meta={"role": "gap-change", **meta},
                )
            )
        annotations.append(
            {
                "x": 0,
                "y": offset + 100 + TITLE_GAP,
                "xref": "paper",
                "yref": "y",
                "text": f"<b>{clip(reading.name, 48)}</b>  <span style='color:{READING_INK[reading.reading]}'>"
                f"{READING_MARK.get(reading.reading, '')}{plotly_safe(reading.short)}</span>",
                "hovertext": plotly_safe(reading.text),
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "bottom",
                "font": {"size": 16, "color": INK},
                "name": f"reading {reading.issue}",
            }
        )
    layout = {
        "annotations": annotations,
        "shapes": [] if window is None else [window_shape(window, "x", "paper")],
        "hovermode": "closest",
        "xaxis": axis(start, end),
        "yaxis": {
            "range": [-BELOW, (n - 1) * ROW_UNITS + 100 + ABOVE],
            "tickvals": ticks,
            "ticktext": TICK_TEXT * len(readings),
            "showgrid": True,
            "gridcolor": GRID,
            "fixedrange": True,
            "automargin": True,
        },
    }
    fig = go.Figure(data=traces, layout=layout)
    apply(fig, height=40 + ROW_PX * n)
    fig.update_layout(margin={"l": margin_for(TICK_TEXT, BASE_FONT), "r": 24, "t": 8, "b": 40}, dragmode=False)
    return fig
