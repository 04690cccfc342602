"""Timeline figures: events on a time axis, one issue's positions as steps, gaps per issue over time.

- Events: one lane per kind, a marker symbol per kind, titles labelled directly where they fit
  (the rest keep their title in the hover), hover with title, date, parties, quote and source.
- Positions: each party's position on the issue's 0-100 scale as a step line (line_shape "hv":
  a position holds until the next record), its acceptable range as a translucent band where
  coded, a marker on every record dated in the period (hover: the new stance and its quote),
  party colour and a direct end label, no legend. While a party has no position (never stated,
  withdrawn, or not placed on the scale) there is simply no line: never a point at 0.
- Gaps: small multiples, one row per issue, the distance between two parties as a step line,
  each row titled with its reading (narrowed, widened, unchanged, newly stated, gap unknown).

All data text is escaped with parley.text.plotly_safe before it reaches plotly.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from parley.changes import GapReading, gap_steps, position_steps
from parley.charts.theme import apply
from parley.model import Dataset
from parley.palette import GRID, INK, MUTED, text_color
from parley.text import plotly_safe, wrap

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
# Readings are told apart by words and arrows in ink, never by colour: every hue belongs to a party.
READING_INK = {"narrowed": INK, "widened": INK, "unchanged": MUTED, "newly stated": INK, "gap unknown": MUTED}
READING_MARK = {"narrowed": "▼ ", "widened": "▲ "}
PLOT_PX = 900  # the plot width at 1280x720 with the sidebar open; labels are fitted to it
CHAR_PX = 7.6  # average width of a 14px label character
LABEL_CHARS = 34
BAND_OPACITY = 0.16
LANE_PX = 64


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NaT


def _clip(text: object, limit: int) -> str:
    raw = "" if text is None else str(text)
    return plotly_safe(raw if len(raw) <= limit else raw[: limit - 1].rstrip() + "…")


def _day(x: object) -> str:
    return f"{pd.Timestamp(x):%d %b %Y}" if not _missing(x) else ""


def _rgba(hex_color: str, alpha: float) -> str:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _x_axis(fig: go.Figure, start: pd.Timestamp, end: pd.Timestamp, **kwargs: object) -> None:
    pad = max((end - start) / 40, pd.Timedelta(days=1))
    fig.update_xaxes(
        type="date",
        range=[start - pad, end + pad],
        showgrid=True,
        gridcolor=GRID,
        tickformat="%d %b\n%Y",
        fixedrange=True,  # the period is chosen with the From/To dates, not by dragging
        **kwargs,
    )


# --- events ----------------------------------------------------------------------------------


def event_hover(row: pd.Series | dict, party_names: dict[str, str]) -> str:
    get = row.get
    lines = [
        f"<b>{wrap(plotly_safe(get('title')), 56)}</b>",
        f"{KIND_LABEL.get(get('kind'), '')} · {_day(get('date'))}",
    ]
    parties = get("parties") or []
    if len(parties):
        lines.append(wrap(plotly_safe(", ".join(party_names.get(p, p) for p in parties)), 56))
    if get("quote"):
        lines.append(wrap(f"“{plotly_safe(get('quote'))}”", 56))
    if get("source_title"):
        lines.append(wrap("Source: " + plotly_safe(get("source_title")), 56))
    return "<br>".join(lines)


def _label_events(events: pd.DataFrame, lanes: dict[str, float], start: pd.Timestamp, end: pd.Timestamp) -> list[dict]:
    """Direct labels that fit: above or below each marker, clipped, left of it near the right edge."""
    span_days = max((end - start).days, 1)
    px_per_day = PLOT_PX / span_days
    annotations = []
    free_from: dict[tuple[str, int], float] = {}  # (kind, row) -> first free pixel
    for row in events.sort_values("date", kind="stable").itertuples():
        x_px = (row.date - start).days * px_per_day
        label = _clip(row.title, LABEL_CHARS)
        width = len(row.title[:LABEL_CHARS]) * CHAR_PX
        to_left = x_px + width > PLOT_PX
        left_px, right_px = (x_px - width, x_px) if to_left else (x_px, x_px + width)
        for side in (1, -1):
            if free_from.get((row.kind, side), -1e9) <= left_px:
                free_from[(row.kind, side)] = right_px + 12
                annotations.append(
                    {
                        "x": row.date,
                        "y": lanes[row.kind],
                        "xref": "x",
                        "yref": "y",
                        "text": label,
                        "showarrow": False,
                        "xanchor": "right" if to_left else "left",
                        "yanchor": "bottom" if side == 1 else "top",
                        "yshift": 8 * side,
                        "xshift": 6 if not to_left else -6,
                        "font": {"size": 14, "color": INK},
                        "name": "event-label",
                    }
                )
                break
    return annotations


def events_figure(
    events: pd.DataFrame,
    start: object,
    end: object,
    party_names: dict[str, str] | None = None,
    window: tuple[object, object] | None = None,
) -> go.Figure:
    """`events` is tables.events_frame() (already filtered to the period or not: it is clipped here)."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    party_names = party_names or {}
    shown = events[(events["date"] >= start) & (events["date"] <= end)]
    kinds = [k for k in KIND_ORDER if k in set(shown["kind"])] or ["talks"]
    lanes = {k: float(len(kinds) - 1 - n) for n, k in enumerate(kinds)}
    fig = go.Figure()
    for kind in kinds:
        here = shown[shown["kind"] == kind]
        if here.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=list(here["date"]),
                y=[lanes[kind]] * len(here),
                mode="markers",
                marker={
                    "symbol": KIND_SYMBOL[kind],
                    "size": 15,
                    "color": INK,
                    "line": {"width": 2, "color": INK},
                },
                hovertext=[event_hover(r, party_names) for _, r in here.iterrows()],
                hoverinfo="text",
                name=KIND_LABEL[kind],
                meta={"role": "event", "kind": kind},
            )
        )
    annotations = _label_events(shown, lanes, start, end)
    if shown.empty:
        annotations.append(
            {
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "text": "<i>no events recorded in this period</i>",
                "showarrow": False,
                "font": {"color": MUTED},
            }
        )
    if window is not None:
        _shade_window(fig, window)
    fig.update_layout(annotations=annotations)
    fig.update_yaxes(
        tickvals=list(lanes.values()),
        ticktext=[f"<b>{KIND_LABEL[k]}</b>" for k in kinds],
        range=[-0.8, len(kinds) - 0.2],
        showgrid=True,
        gridcolor=GRID,
        fixedrange=True,
    )
    _x_axis(fig, start, end)
    apply(fig, height=70 + LANE_PX * len(kinds))
    fig.update_layout(margin={"l": 16, "r": 24, "t": 16, "b": 48}, hovermode="closest", dragmode=False)
    return fig


def _window_shape(window: tuple[object, object], xref: str = "x", yref: str = "y domain") -> dict:
    """The "what changed" window as a light band, so every chart on the page lines up with it."""
    return {
        "type": "rect", "x0": pd.Timestamp(window[0]), "x1": pd.Timestamp(window[1]), "y0": 0, "y1": 1,
        "xref": xref, "yref": yref, "fillcolor": "#FFF3C4", "opacity": 0.45, "line": {"width": 0},
        "layer": "below", "name": "what-changed window",
    }  # fmt: skip


def _shade_window(fig: go.Figure, window: tuple[object, object]) -> None:
    fig.add_shape(**_window_shape(window))


# --- positions on one issue ------------------------------------------------------------------


def _step_hover(row: pd.Series, party_name: str, issue_name: str, previous: pd.Series | None) -> str:
    lines = [f"<b>{plotly_safe(party_name)}</b> · {plotly_safe(issue_name)} · {_day(row['date'])}"]
    if row["withdrawn"]:
        lines.append("<b>position withdrawn</b>: no stated position from this date")
    elif previous is None:
        lines.append("first stated in this period")
    else:
        lines.append("changed from: " + wrap(plotly_safe(previous["stance"]), 56))
    lines.append("<b>" + wrap(plotly_safe(row["stance"]), 56) + "</b>")
    if not row["withdrawn"]:
        coded = f"value {row['value']:g}" if not _missing(row["value"]) else "not placed on the scale"
        if not _missing(row["acc_low"]) and not _missing(row["acc_high"]):
            coded += f" · acceptable {row['acc_low']:g}–{row['acc_high']:g}"
        lines.append(coded)
    if row["quote"]:
        lines.append(wrap(f"“{plotly_safe(row['quote'])}”", 56))
        where = ", ".join(x for x in (plotly_safe(row["source_title"]), _day(row["source_date"])) if x)
        lines.append(wrap(where, 56))
    elif row["basis"] == "assessed" and row["note"]:
        lines.append(wrap("analyst coding: " + plotly_safe(row["note"]), 56))
    lines.append(f"{plotly_safe(row['basis'])} · {plotly_safe(row['confidence'])} confidence")
    return "<br>".join(lines)


def _runs(steps: pd.DataFrame) -> tuple[list, list]:
    """x/y for an hv step line: each placed interval contributes its start and end; None breaks runs."""
    xs: list = []
    ys: list = []
    last_end = None
    for row in steps.itertuples():
        if _missing(row.value):
            continue
        if xs and last_end is not None and last_end != row.start:
            xs.append(None)
            ys.append(None)
        if xs and xs[-1] is not None and xs[-1] == row.start:
            # continuing run: replace the previous end point (same x) by the new start
            xs.pop()
            ys.pop()
        xs.extend([row.start, row.end])
        ys.extend([float(row.value), float(row.value)])
        last_end = row.end
    return xs, ys


def _band(steps: pd.DataFrame) -> tuple[list, list]:
    """Closed rectangles, one per interval with a coded acceptable range, separated by None."""
    xs: list = []
    ys: list = []
    for row in steps.itertuples():
        if row.withdrawn or _missing(row.acc_low) or _missing(row.acc_high):
            continue
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend([row.start, row.end, row.end, row.start, row.start])
        ys.extend([row.acc_low, row.acc_low, row.acc_high, row.acc_high, row.acc_low])
    return xs, ys


def _spread(ys: dict[str, float], gap: float = 8.0) -> dict[str, float]:
    """Nudge end labels apart vertically so they never overlap (in scale units)."""
    order = sorted(ys, key=ys.get)
    placed: dict[str, float] = {}
    for p in order:
        y = ys[p]
        if placed:
            y = max(y, max(placed.values()) + gap)
        placed[p] = y
    overflow = max(placed.values(), default=0) - 104
    if overflow > 0:
        placed = {p: y - overflow for p, y in placed.items()}
    return placed


def position_figure(
    ds: Dataset,
    positions: pd.DataFrame,
    issue: str,
    parties: list[str],
    colors: dict[str, str],
    start: object,
    end: object,
    window: tuple[object, object] | None = None,
) -> go.Figure:
    """Each party's position on `issue` over [start, end] as a step line on the 0-100 scale."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    the_issue = ds.issue(issue)
    names = {p.id: p.name for p in ds.parties}
    shorts = {p.id: p.short for p in ds.parties}
    fig = go.Figure()
    if window is not None:
        _shade_window(fig, window)
    end_ys: dict[str, float] = {}
    end_text: dict[str, str] = {}
    silent: list[str] = []
    unplaced: list[str] = []
    all_steps = {p: position_steps(positions, p, issue, start, end) for p in parties}
    for party in parties:
        steps = all_steps[party]
        color = colors.get(party, INK)
        bx, by = _band(steps)
        if bx:
            fig.add_trace(
                go.Scatter(
                    x=bx,
                    y=by,
                    mode="lines",
                    fill="toself",
                    fillcolor=_rgba(color, BAND_OPACITY),
                    line={"width": 0},
                    hoverinfo="skip",
                    name=f"{plotly_safe(shorts[party])} acceptable",
                    meta={"role": "band", "party": party},
                )
            )
    for party in parties:
        steps = all_steps[party]
        color = colors.get(party, INK)
        lx, ly = _runs(steps)
        if not lx:
            (unplaced if steps["stated"].any() else silent).append(party)
        if lx:
            fig.add_trace(
                go.Scatter(
                    x=lx,
                    y=ly,
                    mode="lines",
                    line={"shape": "hv", "width": 4, "color": color},
                    connectgaps=False,
                    hoverinfo="skip",
                    name=plotly_safe(shorts[party]),
                    meta={"role": "step", "party": party},
                )
            )
        marks = []
        previous = None
        for _, row in steps.iterrows():
            if row["in_period"]:
                if row["withdrawn"]:
                    y = None if previous is None or _missing(previous["value"]) else float(previous["value"])
                else:
                    y = None if _missing(row["value"]) else float(row["value"])
                if y is not None:
                    marks.append((row, y, previous))
            previous = row
        if marks:
            fig.add_trace(
                go.Scatter(
                    x=[r["date"] for r, _, _ in marks],
                    y=[y for _, y, _ in marks],
                    mode="markers",
                    marker={
                        "size": [16 if not r["withdrawn"] else 18 for r, _, _ in marks],
                        "symbol": ["circle" if not r["withdrawn"] else "x-thin-open" for r, _, _ in marks],
                        "color": ["#FFFFFF" if not r["withdrawn"] else color for r, _, _ in marks],
                        "line": {"width": 3, "color": color},
                    },
                    hovertext=[_step_hover(r, names[party], the_issue.name, p) for r, _, p in marks],
                    hoverinfo="text",
                    name=f"{plotly_safe(shorts[party])} changes",
                    meta={"role": "change", "party": party},
                )
            )
        if lx:
            last = steps.iloc[-1]
            end_ys[party] = ly[-1]
            end_text[party] = f"<b>{plotly_safe(shorts[party])}</b>"
            if last["withdrawn"] or _missing(last["value"]):
                end_text[party] += " <i>(withdrawn)</i>" if last["withdrawn"] else " <i>(off scale)</i>"
    annotations = []
    label_x = {p: (max(x for x in _runs(all_steps[p])[0] if x is not None)) for p in end_ys}
    for party, y in _spread(end_ys).items():
        annotations.append(
            {
                "x": label_x[party],
                "y": y,
                "xref": "x",
                "yref": "y",
                "text": end_text[party],
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "middle",
                "xshift": 8,
                "font": {"size": 18, "color": text_color(colors.get(party, INK))},
                "name": f"end-label {party}",
            }
        )
    for y, text, anchor in (
        (100, f"▲ 100: {_clip(the_issue.scale.high, 60)}", "bottom"),
        (0, f"▼ 0: {_clip(the_issue.scale.low, 60)}", "top"),
    ):
        annotations.append(
            {
                "x": 0,
                "y": y,
                "xref": "paper",
                "yref": "y",
                "text": f"<i>{text}</i>",
                "showarrow": False,
                "xanchor": "left",
                "yanchor": anchor,
                "yshift": 4 if anchor == "bottom" else -4,
                "font": {"size": 15, "color": MUTED},
                "name": "scale-end",
            }
        )
    notes = []
    if silent:
        notes.append("not stated in this period: " + ", ".join(plotly_safe(shorts[p]) for p in silent))
    if unplaced:
        notes.append("not placed on the scale: " + ", ".join(plotly_safe(shorts[p]) for p in unplaced))
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
    fig.update_layout(annotations=annotations, hovermode="closest")
    fig.update_yaxes(range=[-14, 114], tickvals=[0, 25, 50, 75, 100], showgrid=True, gridcolor=GRID, fixedrange=True)
    _x_axis(fig, start, end)
    apply(fig, height=420)
    fig.update_layout(margin={"l": 16, "r": 120, "t": 36, "b": 48}, dragmode=False)
    return fig


# --- gaps per issue --------------------------------------------------------------------------


def gap_figure(
    ds: Dataset,
    positions: pd.DataFrame,
    a: str,
    b: str,
    readings: list[GapReading],
    start: object,
    end: object,
    window: tuple[object, object] | None = None,
) -> go.Figure:
    """Small multiples: one row per issue in `readings`, the gap between a and b as a step line."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    shorts = {p.id: p.short for p in ds.parties}
    n = max(len(readings), 1)
    row_px = 118
    # Axes and traces are laid out by hand and the figure is built once: plotly's make_subplots
    # and per-row add_trace grow quadratically with rows, too slow for datasets with many issues.
    spacing = min(0.5 / n, 0.06)
    height = (1 - spacing * (n - 1)) / n
    pad = max((end - start) / 40, pd.Timedelta(days=1))
    traces: list[go.Scatter] = []
    layout: dict = {"annotations": [], "shapes": [], "hovermode": "closest"}
    for i, reading in enumerate(readings, start=1):
        axis = "" if i == 1 else str(i)
        refs = {"xaxis": f"x{axis}", "yaxis": f"y{axis}"}
        top = 1 - (i - 1) * (height + spacing)
        layout[f"xaxis{axis}"] = {
            "type": "date", "range": [start - pad, end + pad], "showgrid": True, "gridcolor": GRID,
            "tickformat": "%d %b\n%Y", "anchor": f"y{axis}", "showticklabels": i == n, "fixedrange": True,
        }  # fmt: skip
        if i > 1:
            layout[f"xaxis{axis}"]["matches"] = "x"
        layout[f"yaxis{axis}"] = {
            "domain": [max(top - height, 0), top], "anchor": f"x{axis}", "range": [-6, 106],
            "tickvals": [0, 50, 100], "showgrid": True, "gridcolor": GRID, "fixedrange": True,
        }  # fmt: skip
        steps = gap_steps(positions, reading.issue, a, b, start, end)
        xs, ys = _runs(steps.rename(columns={"gap": "value"}).assign(withdrawn=False))
        if xs:
            known = steps[steps["gap"].notna()]
            traces.append(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"shape": "hv", "width": 3, "color": INK},
                    connectgaps=False,
                    hoverinfo="skip",
                    name=plotly_safe(reading.name),
                    meta={"role": "gap", "issue": reading.issue},
                    **refs,
                )
            )
            traces.append(
                go.Scatter(
                    x=list(known["start"]),
                    y=list(known["gap"]),
                    mode="markers",
                    marker={"size": 9, "color": INK},
                    hovertext=[
                        f"<b>{plotly_safe(reading.name)}</b> · from {_day(r.start)}<br>gap {r.gap:g} points: "
                        f"{plotly_safe(shorts[a])} {r.a_value:g} ↔ {plotly_safe(shorts[b])} {r.b_value:g}"
                        for r in known.itertuples()
                    ],
                    hoverinfo="text",
                    name=f"{plotly_safe(reading.name)} changes",
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
            layout["shapes"].append(_window_shape(window, f"x{axis}", f"y{axis} domain"))
        layout["annotations"].append(
            {
                "x": 0,
                "y": 1,
                "xref": f"x{axis} domain",
                "yref": f"y{axis} domain",
                "text": f"<b>{_clip(reading.name, 48)}</b>  "
                f"<span style='color:{READING_INK[reading.reading]}'>"
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
    apply(fig, height=40 + row_px * n)
    fig.update_layout(margin={"l": 16, "r": 24, "t": 34, "b": 40}, dragmode=False)
    return fig
