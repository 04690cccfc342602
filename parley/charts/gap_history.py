"""The gap between two parties over time: small multiples, one row per issue, each row titled
with its reading (narrowed, widened, unchanged, newly stated, gap unknown).

Axes and traces are laid out by hand and the figure is built once: plotly's make_subplots and
per-row add_trace grow quadratically with rows, too slow for datasets with many issues.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go

from parley.changes import GapReading, Histories, gap_steps
from parley.charts.labels import clip
from parley.charts.positions import runs
from parley.charts.theme import apply
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
    sa, sb = plotly_safe(ds.party(a).short), plotly_safe(ds.party(b).short)
    n = max(len(readings), 1)
    spacing = min(0.5 / n, 0.06)
    height = (1 - spacing * (n - 1)) / n
    traces: list[go.Scatter] = []
    layout: dict = {"annotations": [], "shapes": [], "hovermode": "closest"}
    for i, reading in enumerate(readings, start=1):
        suffix = "" if i == 1 else str(i)
        refs = {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}
        top = 1 - (i - 1) * (height + spacing)
        layout[f"xaxis{suffix}"] = {
            **axis(start, end),
            "anchor": f"y{suffix}",
            "showticklabels": i == n,
            **({"matches": "x"} if i > 1 else {}),
        }
        layout[f"yaxis{suffix}"] = {
            "domain": [max(top - height, 0), top],
            "anchor": f"x{suffix}",
            "range": [-6, 106],
            "tickvals": [0, 50, 100],
            "showgrid": True,
            "gridcolor": GRID,
            "fixedrange": True,
            "automargin": True,
        }
        steps = gap_steps(ds, hist.get((a, reading.issue), ()), hist.get((b, reading.issue), ()), start, end, filters)
        xs, ys = runs([(s.start, s.end, s.gap) for s in steps])
        name = plotly_safe(reading.name)
        if xs:
            known = [s for s in steps if s.gap is not None]
            traces.append(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"shape": "hv", "width": 3, "color": INK},
                    connectgaps=False,
                    hoverinfo="skip",
                    name=name,
                    meta={"role": "gap", "issue": reading.issue},
                    **refs,
                )
            )
            traces.append(
                go.Scatter(
                    x=[s.start for s in known],
                    y=[s.gap for s in known],
                    mode="markers",
                    marker={"size": 9, "color": INK},
                    hovertext=[
                        f"<b>{name}</b> · from {day(s.start)}<br>gap {s.gap:g} points: {sa} {s.a_value:g} ↔ "
                        f"{sb} {s.b_value:g}"
                        for s in known
                    ],
                    hoverinfo="text",
                    name=f"{name} changes",
                    meta={"role": "gap-change", "issue": reading.issue},
                    **refs,
                )
            )
        else:
            # no line: an empty trace keeps the row's axes drawn, so the reading still shows
            traces.append(
                go.Scatter(
                    x=[start, end],
                    y=[None, None],
                    mode="lines",
                    hoverinfo="skip",
                    showlegend=False,
                    meta={"role": "placeholder", "issue": reading.issue},
                    **refs,
                )
            )
        if window is not None:
            layout["shapes"].append(window_shape(window, f"x{suffix}", f"y{suffix} domain"))
        layout["annotations"].append(
            {
                "x": 0,
                "y": 1,
                "xref": f"x{suffix} domain",
                "yref": f"y{suffix} domain",
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
    fig = go.Figure(data=traces, layout=layout)
    apply(fig, height=40 + ROW_PX * n)
    fig.update_layout(margin={"l": 16, "r": 24, "t": 34, "b": 40}, dragmode=False)
    return fig
