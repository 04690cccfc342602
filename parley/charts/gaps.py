"""Gap figures: each issue's 0-100 scale with every party's point and acceptable range.

The gap is the message (Datawrapper's range plots): points are labelled directly with the
party's short name in its colour, ranges are thick translucent bars, the zone all chosen ranges
share is shaded and named, and where ranges miss each other the distance is drawn and labelled.
A party with no position is listed as "not stated", never drawn at 0.

Layout is in pixels: the y axis runs from 0 at the top to the figure's plot height, so rows,
lanes and labels never overlap whatever the number of parties.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from parley.charts.hover import position_hover
from parley.charts.matrix import few_words
from parley.charts.theme import apply
from parley.model import Dataset
from parley.palette import GRID, INK, MUTED, text_color
from parley.text import plotly_safe

ZONE_FILL = "#BCCCDC"  # neutral: the overlap belongs to no party
APART_INK = "#7B341E"


@dataclass(frozen=True)
class _Size:
    header: int
    ends: int
    lane: int
    marker: int
    gap: int
    point: int
    bar: int
    label: int
    title: int
    small: int


NORMAL = _Size(header=30, ends=24, lane=30, marker=26, gap=22, point=15, bar=14, label=17, title=18, small=16)
LARGE = _Size(header=40, ends=32, lane=52, marker=36, gap=10, point=24, bar=24, label=22, title=24, small=20)


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _ranges_summary(
    rows: pd.DataFrame, parties: list[str]
) -> tuple[tuple[float, float] | None, tuple[float, float] | None]:
    """(overlap zone, apart span) across the chosen parties' acceptable ranges, where all are coded."""
    here = rows.set_index("party")
    if len(parties) < 2 or any(p not in here.index for p in parties):
        return None, None
    lows = here.loc[parties, "acc_low"]
    highs = here.loc[parties, "acc_high"]
    if lows.isna().any() or highs.isna().any():
        return None, None
    low, high = float(lows.max()), float(highs.min())
    if low <= high:
        return (low, high), None
    return None, (high, low)


def _clip(text: object, limit: int) -> str:
    """Escaped text cut to `limit` characters with an ellipsis, so long labels cannot collide."""
    raw = "" if text is None else str(text)
    return plotly_safe(raw if len(raw) <= limit else raw[: limit - 1].rstrip() + "…")


def _fmt(x: float) -> str:
    return f"{x:g}"


@dataclass
class _Canvas:
    """Everything a figure draws, collected first and handed to plotly once (adding items one by
    one to a plotly figure is quadratic and took seconds on large datasets)."""

    annotations: list[dict] = field(default_factory=list)
    shapes: list[dict] = field(default_factory=list)
    points: dict[str, dict[str, list]] = field(default_factory=dict)
    ranges: dict[str, dict[str, list]] = field(default_factory=dict)

    def point(self, party: str, **values: object) -> None:
        bucket = self.points.setdefault(party, {k: [] for k in ("x", "y", "text", "position", "hover", "issue")})
        for key, value in values.items():
            bucket[key].append(value)

    def range(self, party: str, low: float, high: float, y: float, hover: str, issue: str) -> None:
        bucket = self.ranges.setdefault(party, {"x": [], "y": [], "hover": [], "issue": []})
        bucket["x"] += [low, high, None]
        bucket["y"] += [y, y, None]
        bucket["hover"] += [hover, hover, None]
        bucket["issue"] += [issue, issue, None]


def _row(
    canvas: _Canvas,
    top: float,
    issue: pd.Series,
    rows: pd.DataFrame,
    gaps_row: pd.Series | None,
    parties: list[str],
    names: dict[str, str],
    shorts: dict[str, str],
    colors: dict[str, str],
    size: _Size,
    show_name: bool = True,
) -> float:
    """Draw one issue's row starting at pixel `top`; return the pixel where the next row starts."""
    annotations = canvas.annotations
    shapes = canvas.shapes
    stated = [p for p in parties if p in set(rows["party"])]
    not_stated = [p for p in parties if p not in stated]
    rows = rows.set_index("party")
    placed = [p for p in stated if not _missing(rows.loc[p, "value"])]
    unplaced = [p for p in stated if p not in placed]

    zone, apart = _ranges_summary(rows.reset_index(), parties)
    gap = None
    if gaps_row is not None and not _missing(gaps_row.get("gap")):
        gap = float(gaps_row["gap"])
    elif len(placed) >= 2:
        values = rows.loc[placed, "value"]
        gap = float(values.max() - values.min())

    summary = []
    if gap is not None:
        summary.append(f"gap {_fmt(gap)}")
    elif len(parties) >= 2:
        summary.append("gap unknown")
    if not_stated:
        summary.append("not stated: " + ", ".join(plotly_safe(shorts[p]) for p in not_stated))
    if unplaced:
        summary.append("not on scale: " + ", ".join(plotly_safe(shorts[p]) for p in unplaced))

    y = top
    if show_name:
        annotations.append(
            {
                "x": 0,
                "y": y + size.header / 2,
                "xref": "x",
                "yref": "y",
                "text": f"<b>{_clip(issue['name'], 60)}</b>",
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "middle",
                "font": {"size": size.title, "color": INK},
            }
        )
    annotations.append(
        {
            "x": 100,
            "y": y + size.header / 2,
            "xref": "x",
            "yref": "y",
            "text": " · ".join(summary),
            "showarrow": False,
            "xanchor": "right",
            "yanchor": "middle",
            "font": {"size": size.small, "color": MUTED},
        }
    )
    y += size.header
    ends = (
        (0, "left", f"◂ {_clip(issue['low'], 44)}", issue["low"]),
        (100, "right", f"{_clip(issue['high'], 44)} ▸", issue["high"]),
    )
    for x, anchor, label, full in ends:
        annotations.append(
            {
                "x": x,
                "y": y + size.ends / 2,
                "xref": "x",
                "yref": "y",
                "text": f"<i>{label}</i>",
                "showarrow": False,
                "hovertext": plotly_safe(full),
                "xanchor": anchor,
                "yanchor": "middle",
                "font": {"size": size.small, "color": MUTED},
            }
        )
    y += size.ends

    lanes_top = y
    lanes = [p for p in parties if p in stated]
    lane_y = {p: lanes_top + (n + 0.5) * size.lane for n, p in enumerate(lanes)}
    lanes_bottom = lanes_top + max(len(lanes), 1) * size.lane

    if zone is not None:
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "y",
                "x0": zone[0],
                "x1": zone[1],
                "y0": lanes_top,
                "y1": lanes_bottom,
                "fillcolor": ZONE_FILL,
                "opacity": 0.55,
                "line": {"width": 0},
                "layer": "below",
                "name": f"overlap {_fmt(zone[0])}–{_fmt(zone[1])}",
            }
        )
    for p in lanes:
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "y",
                "x0": 0,
                "x1": 100,
                "y0": lane_y[p],
                "y1": lane_y[p],
                "line": {"color": GRID, "width": 2},
                "layer": "below",
            }
        )

    for p in lanes:
        row = rows.loc[p]
        hover = position_hover(row, names[p], issue["name"])
        if not _missing(row["acc_low"]) and not _missing(row["acc_high"]):
            span = f"{plotly_safe(names[p])}: acceptable {_fmt(row['acc_low'])}–{_fmt(row['acc_high'])}"
            canvas.range(p, float(row["acc_low"]), float(row["acc_high"]), lane_y[p], span, issue["issue"])
        if p in placed:
            value = float(row["value"])
            canvas.point(
                p,
                x=value,
                y=lane_y[p],
                text=plotly_safe(shorts[p]),
                position="middle left" if value > 78 else "middle right",
                hover=hover,
                issue=issue["issue"],
            )
        else:
            annotations.append(
                {
                    "x": 50,
                    "y": lane_y[p],
                    "xref": "x",
                    "yref": "y",
                    "showarrow": False,
                    "hovertext": hover,
                    "text": f"<i>{plotly_safe(shorts[p])}: stated, not placed on the scale</i>",
                    "font": {"size": size.small, "color": text_color(colors[p])},
                    "bgcolor": "#FFFFFF",
                }
            )
    if not lanes:
        annotations.append(
            {
                "x": 50,
                "y": lanes_top + size.lane / 2,
                "xref": "x",
                "yref": "y",
                "showarrow": False,
                "text": "<i>no chosen party has stated a position</i>",
                "font": {"size": size.small, "color": MUTED},
            }
        )
    y = lanes_bottom

    mark_y = y + size.marker / 2
    if zone is not None:
        label = f"overlap {_fmt(zone[0])}–{_fmt(zone[1])}" if zone[0] < zone[1] else f"ranges touch at {_fmt(zone[0])}"
        mid = (zone[0] + zone[1]) / 2
        annotations.append(
            {
                "x": mid,
                "y": mark_y,
                "xref": "x",
                "yref": "y",
                "text": label,
                "showarrow": False,
                "xanchor": "left" if mid < 12 else "right" if mid > 88 else "center",
                "yanchor": "middle",
                "font": {"size": size.small, "color": INK},
                "name": "overlap",
            }
        )
    elif apart is not None:
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "y",
                "x0": apart[0],
                "x1": apart[1],
                "y0": y + 4,
                "y1": y + 4,
                "line": {"color": APART_INK, "width": 2, "dash": "dot"},
                "name": "ranges apart",
            }
        )
        for x in apart:
            shapes.append(
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "y",
                    "x0": x,
                    "x1": x,
                    "y0": lanes_top,
                    "y1": y + 8,
                    "line": {"color": APART_INK, "width": 1, "dash": "dot"},
                }
            )
        mid = (apart[0] + apart[1]) / 2
        annotations.append(
            {
                "x": mid,
                "y": mark_y + 4,
                "xref": "x",
                "yref": "y",
                "text": f"ranges {_fmt(apart[1] - apart[0])} apart",
                "showarrow": False,
                "xanchor": "left" if mid < 12 else "right" if mid > 88 else "center",
                "yanchor": "middle",
                "font": {"size": size.small, "color": APART_INK},
                "name": "apart",
            }
        )
    y += size.marker + size.gap
    return y


def _traces(canvas: _Canvas, parties: list[str], shorts: dict[str, str], colors: dict[str, str], size: _Size) -> list:
    """One range trace and one point trace per party: few traces keep the browser fast too."""
    traces = []
    for p in parties:
        if p in canvas.ranges:
            r = canvas.ranges[p]
            traces.append(
                go.Scatter(
                    x=r["x"],
                    y=r["y"],
                    mode="lines",
                    line={"color": colors[p], "width": size.bar},
                    opacity=0.35,
                    name=f"{plotly_safe(shorts[p])} acceptable",
                    hoverinfo="text",
                    hovertext=r["hover"],
                    customdata=r["issue"],
                    meta={"role": "range", "party": p},
                )
            )
    for p in parties:
        if p in canvas.points:
            pt = canvas.points[p]
            traces.append(
                go.Scatter(
                    x=pt["x"],
                    y=pt["y"],
                    mode="markers+text",
                    marker={"color": colors[p], "size": size.point, "line": {"color": "#FFFFFF", "width": 2}},
                    text=pt["text"],
                    textposition=pt["position"],
                    textfont={"color": text_color(colors[p]), "size": size.label},
                    name=plotly_safe(shorts[p]),
                    hoverinfo="text",
                    hovertext=pt["hover"],
                    customdata=pt["issue"],
                    meta={"role": "point", "party": p},
                )
            )
    return traces


def _frame(current: pd.DataFrame, parties: list[str]) -> pd.DataFrame:
    return current[current["party"].isin(parties)]


def _finish(
    canvas: _Canvas,
    parties: list[str],
    shorts: dict[str, str],
    colors: dict[str, str],
    size: _Size,
    height_px: float,
    title: str | None,
    top_margin: int,
) -> go.Figure:
    fig = go.Figure(
        data=_traces(canvas, parties, shorts, colors, size),
        layout={"annotations": canvas.annotations, "shapes": canvas.shapes},
    )
    margin = {"l": 16, "r": 24, "t": top_margin, "b": 40}
    apply(fig, title=title, height=int(height_px + margin["t"] + margin["b"]))
    fig.update_layout(margin=margin, hovermode="closest", dragmode=False, showlegend=False)
    axis = {
        "range": [-2, 102],
        "tickvals": [0, 25, 50, 75, 100],
        "showgrid": True,
        "fixedrange": True,
        "tickfont": {"size": 16, "color": MUTED},
    }
    fig.update_xaxes(**axis)
    fig.update_layout(xaxis2={**axis, "overlaying": "x", "side": "top", "matches": "x", "showgrid": False})
    fig.add_trace(
        go.Scatter(
            x=[0, 100],
            y=[0, 0],
            xaxis="x2",
            mode="markers",
            marker={"opacity": 0},
            hoverinfo="skip",
            showlegend=False,
            meta={"role": "axis"},
        )
    )
    fig.update_yaxes(range=[height_px, 0], visible=False, fixedrange=True)
    return fig


def scale_figure(
    ds: Dataset,
    current: pd.DataFrame,
    issue_gaps_frame: pd.DataFrame,
    parties: list[str],
    colors: dict[str, str],
    issues: list[str] | None = None,
) -> go.Figure:
    """One row per issue: the 0-100 scale, each party's point and range, overlap or distance."""
    from parley.tables import issues_frame

    frame = issues_frame(ds)
    if issues:
        frame = frame[frame["issue"].isin(issues)]
    names = {p.id: p.name for p in ds.parties}
    shorts = {p.id: p.short for p in ds.parties}
    chosen = _frame(current, parties)
    by_issue = dict(tuple(chosen.groupby("issue", sort=False)))
    gaps_by_issue = issue_gaps_frame.set_index("issue") if not issue_gaps_frame.empty else None
    empty = chosen.iloc[0:0]
    canvas = _Canvas()
    y = 0.0
    for _, issue in frame.iterrows():
        gaps_row = None
        if gaps_by_issue is not None and issue["issue"] in gaps_by_issue.index:
            gaps_row = gaps_by_issue.loc[issue["issue"]]
        y = _row(
            canvas, y, issue, by_issue.get(issue["issue"], empty), gaps_row, parties, names, shorts, colors, NORMAL
        )
    return _finish(canvas, parties, shorts, colors, NORMAL, max(y, 60), None, top_margin=40)


def issue_figure(
    ds: Dataset, current: pd.DataFrame, issue_id: str, parties: list[str], colors: dict[str, str]
) -> go.Figure:
    """A single issue's scale, larger, titled with the issue's question, for briefing mode."""
    from parley.tables import issues_frame

    frame = issues_frame(ds)
    issue = frame[frame["issue"] == issue_id].iloc[0]
    names = {p.id: p.name for p in ds.parties}
    shorts = {p.id: p.short for p in ds.parties}
    rows = _frame(current, parties)
    rows = rows[rows["issue"] == issue_id]
    canvas = _Canvas()
    y = _row(canvas, 0, issue, rows, None, parties, names, shorts, colors, LARGE, show_name=False)
    question = few_words(issue["question"], 90, 2)
    title = f"<b>{plotly_safe(issue['name'])}</b><br><span style='font-size:20px'>{question}</span>"
    fig = _finish(canvas, parties, shorts, colors, LARGE, y, title, top_margin=130)
    fig.update_layout(
        title={"font": {"size": 26}, "y": 1 - 18 / fig.layout.height, "yref": "container", "yanchor": "top"}
    )
    return fig


def distance_heatmap(
    matrix: pd.DataFrame,
    parties: list[str],
    shorts: dict[str, str] | None = None,
    colors: dict[str, str] | None = None,
) -> go.Figure:
    """Mean salience-weighted gap between each pair; "no common issue" where there is none, never 0.

    The diagonal is a dash: a party compared with itself says nothing, and a 0 there would read
    as agreement.
    """
    shorts = shorts or {}
    labels = [
        f"<span style='color:{text_color(colors[p])}'>{plotly_safe(shorts.get(p, p))}</span>"
        if colors
        else plotly_safe(shorts.get(p, p))
        for p in parties
    ]
    m = matrix.reindex(index=parties, columns=parties).astype("float64")
    counts = m.attrs.get("counts", matrix.attrs.get("counts"))
    z = m.to_numpy().copy()
    for i in range(len(parties)):
        z[i][i] = math.nan
    text = [
        ["—" if i == j else "no common issue" if math.isnan(v) else f"{v:.0f}" for j, v in enumerate(row)]
        for i, row in enumerate(z)
    ]
    hover = []
    for a, row in zip(parties, z, strict=True):
        line = []
        for b, v in zip(parties, row, strict=True):
            if a == b:
                line.append(f"{plotly_safe(shorts.get(a, a))}: the same party")
                continue
            n = int(counts.loc[a, b]) if counts is not None and a in counts.index and b in counts.columns else None
            shared = f" over {n} shared issue{'s' if n != 1 else ''}" if n is not None else ""
            pair = f"{plotly_safe(shorts.get(a, a))} – {plotly_safe(shorts.get(b, b))}"
            line.append(f"{pair}: no common issue" if math.isnan(v) else f"{pair}: mean gap {v:.0f}{shared}")
        hover.append(line)
    fig = go.Figure(
        go.Heatmap(
            z=[[None if math.isnan(v) else float(v) for v in row] for row in z],
            x=list(range(len(parties))),
            y=list(range(len(parties))),
            zmin=0,
            zmax=100,
            colorscale=[[0, "#F5F7FA"], [1, "#334E68"]],
            showscale=False,
            hoverinfo="text",
            hovertext=hover,
            hoverongaps=True,
            xgap=3,
            ygap=3,
        )
    )
    annotations, shapes = [], []
    for i, row in enumerate(z):
        for j, v in enumerate(row):
            if i == j:
                annotations.append(
                    {"x": j, "y": i, "text": "—", "showarrow": False, "font": {"color": MUTED, "size": 18}}
                )
                continue
            missing = math.isnan(v)
            annotations.append(
                {
                    "x": j,
                    "y": i,
                    "text": f"<i>{text[i][j]}</i>" if missing else text[i][j],
                    "showarrow": False,
                    "font": {
                        "color": MUTED if missing else "#FFFFFF" if v >= 55 else INK,
                        "size": 15 if missing else 18,
                    },
                }
            )
            if missing:
                shapes.append(
                    {
                        "type": "rect",
                        "x0": j - 0.48,
                        "x1": j + 0.48,
                        "y0": i - 0.48,
                        "y1": i + 0.48,
                        "xref": "x",
                        "yref": "y",
                        "line": {"color": MUTED, "width": 1, "dash": "dot"},
                        "layer": "below",
                    }
                )
    fig.update_layout(annotations=annotations, shapes=shapes)
    size = max(260, 70 * len(parties) + 120)
    apply(fig, title="Mean gap between parties (weighted by salience where coded)", height=size)
    fig.update_layout(margin={"l": 16, "r": 16, "t": 56, "b": 16}, dragmode=False, showlegend=False)
    ticks = {"tickvals": list(range(len(parties))), "ticktext": labels, "showgrid": False, "fixedrange": True}
    fig.update_xaxes(side="bottom", tickangle=0, tickfont={"size": 17, "color": INK}, **ticks)
    fig.update_yaxes(autorange="reversed", tickfont={"size": 17, "color": INK}, **ticks)
    return fig


def ranked_gaps_figure(ranked: pd.DataFrame, shorts: dict[str, str] | None = None) -> go.Figure:
    """Issues ranked by gap, widest on top, each bar labelled with the two parties furthest apart."""
    shorts = shorts or {}
    names = [few_words(n, 28, 2) for n in ranked["name"]]
    labels = [
        f"{g:g}  {plotly_safe(shorts.get(lo, lo))} ↔ {plotly_safe(shorts.get(hi, hi))}"
        for g, lo, hi in zip(ranked["gap"], ranked["low_party"], ranked["high_party"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=ranked["gap"].tolist(),
            y=names,
            orientation="h",
            marker={"color": "#829AB1"},
            text=labels,
            textposition="outside",
            cliponaxis=False,
            textfont={"size": 17, "color": INK},
            hoverinfo="text",
            hovertext=[f"{plotly_safe(n)}: gap {t}" for n, t in zip(ranked["name"], labels, strict=True)],
        )
    )
    apply(fig, title="Widest gaps", height=max(220, 52 * len(ranked) + 110))
    fig.update_layout(margin={"l": 16, "r": 200, "t": 56, "b": 40}, bargap=0.35, dragmode=False, showlegend=False)
    fig.update_xaxes(
        range=[0, 100],
        tickvals=[0, 25, 50, 75, 100],
        fixedrange=True,
        tickfont={"size": 16, "color": MUTED},
        title={"text": "gap on the issue's 0–100 scale", "font": {"size": 16, "color": MUTED}},
    )
    fig.update_yaxes(
        autorange="reversed", automargin=True, fixedrange=True, showgrid=False, tickfont={"size": 17, "color": INK}
    )
    if ranked.empty:
        fig.add_annotation(
            text="No issue has two chosen parties placed on its scale",
            showarrow=False,
            x=50,
            y=0.5,
            yref="paper",
            font={"color": MUTED},
        )
    return fig
