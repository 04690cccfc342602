"""What every Timeline chart shares: the date axis and the "what changed" band."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from parley.palette import GRID


def padded(start: dt.date, end: dt.date) -> list[dt.date]:
    """The period with a little room either side, kept inside the calendar."""
    pad = max((end - start) / 40, dt.timedelta(days=1))
    low = start - pad if start - dt.date.min > pad else dt.date.min
    high = end + pad if dt.date.max - end > pad else dt.date.max
    return [low, high]


def axis(start: dt.date, end: dt.date) -> dict:
    return {
        "type": "date",
        "range": padded(start, end),
        "showgrid": True,
        "gridcolor": GRID,
        "tickformat": "%d %b\n%Y",
        "fixedrange": True,
    }


def date_axis(fig: go.Figure, start: dt.date, end: dt.date) -> None:
    """The period is chosen with the From/To dates, not by dragging: the axis does not zoom."""
    fig.update_xaxes(**axis(start, end))


def window_shape(window: tuple[dt.date, dt.date], xref: str = "x", yref: str = "y domain") -> dict:
    """The "what changed" window as a light band, so every chart on the page lines up with it."""
    return {
        "type": "rect",
        "x0": window[0],
        "x1": window[1],
        "y0": 0,
        "y1": 1,
        "xref": xref,
        "yref": yref,
        "fillcolor": "#FFF3C4",
        "opacity": 0.45,
        "line": {"width": 0},
        "layer": "below",
        "name": "what-changed window",
    }
