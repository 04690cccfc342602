"""Events on a time axis: one lane per kind, a marker symbol per kind, titles labelled directly
where they fit (the rest keep their title in the hover), hover with date, parties and evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go

from parley.charts.hover import evidence_lines
from parley.charts.labels import clip, hover_lines, margin_for
from parley.charts.theme import BASE_FONT, apply
from parley.charts.time_axis import date_axis, window_shape
from parley.evidence import cite
from parley.model import Dataset, Event
from parley.palette import GRID, INK, MUTED
from parley.text import plotly_safe
from parley.wording import day

KIND_ORDER = ["talks", "call", "statement", "document", "deadline", "agreement"]
KIND_LABEL = {
    "talks": "Talks",
    "call": "Calls",
    "statement": "Statements",
    "document": "Documents",
    "deadline": "Deadlines",
    "agreement": "Agreements",
}
KIND_SYMBOL = {
    "talks": "circle",
    "call": "diamond",
    "statement": "square",
    "document": "triangle-up",
    "deadline": "x-thin-open",
    "agreement": "star",
}
PLOT_PX = 660  # the plot width at 1280x720 with the sidebar open (measured in Chromium); labels are fitted to it
CHAR_PX = 7.6  # average width of a 14px label character
LABEL_CHARS = 34
LANE_PX = 64
LANE_STANDOFF = 6


def event_hover(ds: Dataset, event: Event) -> str:
    lines = [f"<b>{plotly_safe(event.title)}</b>", f"{KIND_LABEL[event.kind]} · {day(event.date)}"]
    if event.parties:
        lines.append(plotly_safe(", ".join(ds.party(p).name for p in event.parties if p in ds.parties_by_id)))
    if event.evidence is not None:
        lines += evidence_lines(cite(ds, [event.evidence]))
    else:
        lines.append("Source: " + plotly_safe(ds.source(event.source).title))
    return hover_lines(*lines)


def _labels(events: Sequence[Event], start: dt.date, end: dt.date) -> list[tuple[str, str]]:
    """Direct labels that fit, one per event in order: the clipped title ("" when it does not fit)
    and its side of the marker (above or below it, left of it near the right edge). They are the
    marker traces' texts, which plotly draws together, where it lays out each annotation on its own."""
    px_per_day = PLOT_PX / max((end - start).days, 1)
    labels = [("", "top right")] * len(events)
    free_from: dict[tuple[str, str], float] = {}  # (kind, side) -> first free pixel
    for n in sorted(range(len(events)), key=lambda n: events[n].date):
        event = events[n]
        x_px = (event.date - start).days * px_per_day
        width = len(event.title[:LABEL_CHARS]) * CHAR_PX
        to_left = x_px + width > PLOT_PX
        left_px, right_px = (x_px - width, x_px) if to_left else (x_px, x_px + width)
        for side in ("top", "bottom"):
            if free_from.get((event.kind, side), -1e9) <= left_px:
                free_from[(event.kind, side)] = right_px + 12
                labels[n] = (clip(event.title, LABEL_CHARS), f"{side} {'left' if to_left else 'right'}")
                break
    return labels


def events_figure(
    ds: Dataset, start: dt.date, end: dt.date, window: tuple[dt.date, dt.date] | None = None
) -> go.Figure:
    shown = [e for e in ds.events if start <= e.date <= end]
    kinds = [k for k in KIND_ORDER if any(e.kind == k for e in shown)] or ["talks"]
    lanes = {k: float(len(kinds) - 1 - n) for n, k in enumerate(kinds)}
    labels = _labels(shown, start, end)
    fig = go.Figure()
    for kind in kinds:
        here = [(e, label) for e, label in zip(shown, labels, strict=True) if e.kind == kind]
        if here:
            fig.add_trace(
                go.Scatter(
                    x=[e.date for e, _ in here],
                    y=[lanes[kind]] * len(here),
                    mode="markers+text",
                    marker={"symbol": KIND_SYMBOL[kind], "size": 15, "color": INK, "line": {"width": 2, "color": INK}},
                    text=[text for _, (text, _) in here],
                    textposition=[side for _, (_, side) in here],
                    textfont={"size": 14, "color": INK},
                    cliponaxis=False,
                    hovertext=[event_hover(ds, e) for e, _ in here],
                    hoverinfo="text",
                    name=KIND_LABEL[kind],
                    meta={"role": "event", "kind": kind},
                )
            )
    annotations = []
    if not shown:
        annotations.append(
            {
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "text": "<i>no events recorded in this period</i>",
                "font": {"color": MUTED},
            }
        )
    fig.update_layout(annotations=annotations, shapes=[window_shape(window)] if window else [])
    lane_labels = [f"<b>{KIND_LABEL[k]}</b>" for k in kinds]
    fig.update_yaxes(
        tickvals=list(lanes.values()),
        ticktext=lane_labels,
        range=[-0.8, len(kinds) - 0.2],
        showgrid=True,
        gridcolor=GRID,
        fixedrange=True,
        automargin=True,
        ticklabelstandoff=LANE_STANDOFF,
    )
    date_axis(fig, start, end)
    apply(fig, height=70 + LANE_PX * len(kinds))
    left = margin_for(lane_labels, BASE_FONT, LANE_STANDOFF)
    fig.update_layout(margin={"l": left, "r": 24, "t": 16, "b": 48}, hovermode="closest", dragmode=False)
    return fig
