"""Gap figures: each issue's 0-100 scale with every party's point and acceptable range.

The gap is the message (Datawrapper's range plots): points are labelled directly with the
party's short name in its colour, ranges are thick translucent bars, the zone all chosen ranges
share is shaded and named, and where ranges miss each other the distance is drawn and labelled.
A party with no position is listed as "not stated", never drawn at 0.

Layout is in pixels: the y axis runs from 0 at the top to the figure's plot height, so rows,
lanes and labels never overlap whatever the number of parties. Everything is collected first
and handed to plotly once (adding items one by one is quadratic, seconds on large datasets).

It is longer than most modules because the rows, lanes, labels and traces share that one pixel
layout (_Canvas), for Gaps, Documents, briefing screens and the packs alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go

from parley.charts.hover import standing_hover
from parley.charts.labels import clip, few_words, text_trace
from parley.charts.theme import apply
from parley.gaps import IssueGap
from parley.palette import GRID, INK, MUTED, text_color
from parley.text import plotly_safe

ZONE_FILL = "#BCCCDC"  # neutral: the overlap belongs to no party
APART_INK = "#7B341E"


@dataclass(frozen=True)
class Size:
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


NORMAL = Size(header=30, ends=24, lane=30, marker=26, gap=22, point=15, bar=14, label=17, title=18, small=16)
LARGE = Size(header=40, ends=32, lane=52, marker=36, gap=10, point=24, bar=24, label=22, title=24, small=20)
# Briefing screens: the same type as LARGE in less height, so the stances fit above a 720px fold.
SCREEN = Size(header=28, ends=26, lane=36, marker=24, gap=0, point=20, bar=20, label=21, title=24, small=18)


# A plain label's side of its point, for a text trace, from the anchor it would have as an annotation.
TEXT_SIDE = {"left": "middle right", "right": "middle left", "center": "middle center"}


@dataclass
class _Canvas:
    """Plain labels become text traces, one per type size, colour and side, and the lanes' lines one
    trace: plotly lays out each annotation and each shape on its own (Documents' chart, 49
    annotations and 35 shapes, drew in 177 ms; as traces in 94 ms). Annotations stay for what only
    they do: a hover over the whole text (a clipped scale end) and a box behind it."""

    size: Size
    annotations: list[dict] = field(default_factory=list)
    shapes: list[dict] = field(default_factory=list)
    labels: dict[tuple[int, str, str], dict[str, list]] = field(default_factory=dict)
    lanes: dict[str, list] = field(default_factory=lambda: {"x": [], "y": []})
    points: dict[str, dict[str, list]] = field(default_factory=dict)
    ranges: dict[str, dict[str, list]] = field(default_factory=dict)

    def note(
        self,
        x: float,
        y: float,
        text: str,
        size: int | None = None,
        color: str = MUTED,
        name: str = "",
        xanchor: str = "center",
        **box,
    ) -> None:
        """A label at (x, y), its `xanchor` side on x; `box` holds what needs an annotation (hovertext, bgcolor)."""
        size = size or self.size.small
        if box:
            self.annotations.append(
                {
                    "x": x,
                    "y": y,
                    "xref": "x",
                    "yref": "y",
                    "text": text,
                    "showarrow": False,
                    "font": {"size": size, "color": color},
                    "xanchor": xanchor,
                    "yanchor": "middle",
                    **({"name": name} if name else {}),
                    **box,
                }
            )
            return
        bucket = self.labels.setdefault((size, color, TEXT_SIDE[xanchor]), {"x": [], "y": [], "text": [], "name": []})
        for key, value in (("x", x), ("y", y), ("text", text), ("name", name)):
            bucket[key].append(value)

    def lane(self, y: float) -> None:
        self.lanes["x"] += [0, 100, None]
        self.lanes["y"] += [y, y, None]

    def line(self, x0: float, x1: float, y0: float, y1: float, **style) -> None:
        name = style.pop("name", None)
        shape = {"type": "line", "xref": "x", "yref": "y", "x0": x0, "x1": x1, "y0": y0, "y1": y1, **style}
        self.shapes.append({**shape, "name": name} if name else shape)

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


def _summary(gap: IssueGap) -> str:
    parts = []
    if gap.gap is not None:
        parts.append(f"gap {gap.gap:g}")
    elif len(gap.standings) >= 2:
        parts.append("gap unknown")
    for label, group in (
        ("not stated", gap.not_stated),
        ("not on scale", gap.unplaced),
        ("left out by filter", gap.left_out),
    ):
        if group:
            parts.append(f"{label}: " + ", ".join(plotly_safe(s.party.short) for s in group))
    return " · ".join(parts)


# A character's average width in ems of its type (measured in Chromium: bold names, then the notes),
# and the width the issue's name and its gap summary share a line up to: the scale charts are
# about 720 px wide at 1280 x 720 with the sidebar open.
TITLE_EM, NOTE_EM = 0.45, 0.43
ONE_LINE_PX = 640
END_CHARS = 44  # a scale end's label; a longer one is clipped and shows in full on hover


def _whole(end: str) -> dict:
    return {"hovertext": plotly_safe(end)} if len(end) > END_CHARS else {}


def _header(canvas: _Canvas, y: float, gap: IssueGap, show_name: bool) -> float:
    size = canvas.size
    summary = _summary(gap)
    name = gap.issue.name[:60]
    # A long name with a long summary ("not stated: " and many parties) would run into each other:
    # the summary then takes a line of its own under the name.
    own_line = show_name and (len(name) * TITLE_EM * size.title + len(summary) * NOTE_EM * size.small > ONE_LINE_PX)
    if show_name:
        canvas.note(
            0,
            y + size.header / 2,
            f"<b>{clip(gap.issue.name, 60)}</b>",
            size.title,
            INK,
            xanchor="left",
        )
    if own_line:
        y += size.header
        canvas.note(100, y + size.ends / 2, summary, xanchor="right")
        y += size.ends
    else:
        canvas.note(100, y + size.header / 2, summary, xanchor="right")
        y += size.header
    scale = gap.issue.scale
    canvas.note(
        0,
        y + size.ends / 2,
        f"<i>◂ {clip(scale.low, END_CHARS)}</i>",
        xanchor="left",
        **_whole(scale.low),
    )
    canvas.note(
        100,
        y + size.ends / 2,
        f"<i>{clip(scale.high, END_CHARS)} ▸</i>",
        xanchor="right",
        **_whole(scale.high),
    )
    return y + size.ends


def _lanes(canvas: _Canvas, top: float, gap: IssueGap, colors: dict[str, str]) -> float:
    """One lane per party shown: its range bar and point (or a note when it is not on the scale)."""
    size = canvas.size
    lanes = [s for s in gap.standings if s.shown]
    lane_y = {s.party.id: top + (n + 0.5) * size.lane for n, s in enumerate(lanes)}
    bottom = top + max(len(lanes), 1) * size.lane
    if gap.overlap is not None:
        canvas.shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "y",
                "x0": gap.overlap.low,
                "x1": gap.overlap.high,
                "y0": top,
                "y1": bottom,
                "fillcolor": ZONE_FILL,
                "opacity": 0.55,
                "line": {"width": 0},
                "layer": "below",
                "name": f"overlap {gap.overlap.low:g}–{gap.overlap.high:g}",
            }
        )
    for s in lanes:
        canvas.lane(lane_y[s.party.id])
    for s in lanes:
        party, y = s.party.id, lane_y[s.party.id]
        hover = standing_hover(s)
        if s.acceptable is not None:
            low, high = s.acceptable
            span = f"{plotly_safe(s.party.name)}: acceptable {low:g}–{high:g} (analyst judgement)"
            canvas.range(party, low, high, y, span, gap.issue.id)
        if s.placed:
            canvas.point(
                party,
                x=s.value,
                y=y,
                text=plotly_safe(s.party.short) + (" ⚑" if s.weakness else ""),
                position="middle left" if s.value > 78 else "middle right",
                hover=hover,
                issue=gap.issue.id,
            )
        else:
            canvas.note(
                50,
                y,
                f"<i>{plotly_safe(s.party.short)}: stated, not placed on the scale</i>",
                color=text_color(colors[party]),
                hovertext=hover,
                bgcolor="#FFFFFF",
            )
    if not lanes:
        canvas.note(50, top + size.lane / 2, "<i>no chosen party has a position shown</i>")
    return bottom


def _relation(canvas: _Canvas, y: float, lanes_top: float, gap: IssueGap) -> None:
    """Name the overlap under the lanes, or draw and name the stretch between ranges that miss."""
    size = canvas.size
    mark_y = y + size.marker / 2

    def anchor(x: float) -> str:
        return "left" if x < 12 else "right" if x > 88 else "center"

    if gap.overlap is not None:
        mid = (gap.overlap.low + gap.overlap.high) / 2
        canvas.note(mid, mark_y, gap.overlap.label(), color=INK, xanchor=anchor(mid), name="overlap")
    elif gap.apart is not None:
        low, high = gap.apart.low, gap.apart.high
        canvas.line(low, high, y + 4, y + 4, line={"color": APART_INK, "width": 2, "dash": "dot"}, name="ranges apart")
        for x in (low, high):
            canvas.line(x, x, lanes_top, y + 8, line={"color": APART_INK, "width": 1, "dash": "dot"})
        mid = (low + high) / 2
        canvas.note(mid, mark_y + 4, gap.apart.label(), color=APART_INK, xanchor=anchor(mid), name="apart")


def _row(canvas: _Canvas, top: float, gap: IssueGap, colors: dict[str, str], show_name: bool = True) -> float:
    """Draw one issue's row starting at pixel `top`; return the pixel where the next row starts."""
    lanes_top = _header(canvas, top, gap, show_name)
    y = _lanes(canvas, lanes_top, gap, colors)
    _relation(canvas, y, lanes_top, gap)
    return y + canvas.size.marker + canvas.size.gap


def _traces(canvas: _Canvas, parties: list[tuple[str, str]], colors: dict[str, str]) -> list[go.Scatter]:
    """The lanes' lines, one range trace and one point trace per party, and the labels: few traces
    keep the browser fast too."""
    size = canvas.size
    traces = [
        go.Scatter(
            **canvas.lanes, mode="lines", line={"color": GRID, "width": 2}, hoverinfo="skip", meta={"role": "lanes"}
        )
    ]
    for party, short in parties:
        if party in canvas.ranges:
            r = canvas.ranges[party]
            traces.append(
                go.Scatter(
                    x=r["x"],
                    y=r["y"],
                    mode="lines",
                    opacity=0.35,
                    hoverinfo="text",
                    line={"color": colors[party], "width": size.bar},
                    hovertext=r["hover"],
                    name=f"{plotly_safe(short)} acceptable",
                    customdata=r["issue"],
                    meta={"role": "range", "party": party},
                )
            )
    for party, short in parties:
        if party in canvas.points:
            pt = canvas.points[party]
            traces.append(
                go.Scatter(
                    x=pt["x"],
                    y=pt["y"],
                    mode="markers+text",
                    text=pt["text"],
                    textposition=pt["position"],
                    marker={"color": colors[party], "size": size.point, "line": {"color": "#FFFFFF", "width": 2}},
                    textfont={"color": text_color(colors[party]), "size": size.label},
                    name=plotly_safe(short),
                    hoverinfo="text",
                    hovertext=pt["hover"],
                    customdata=pt["issue"],
                    meta={"role": "point", "party": party},
                )
            )
    for (size_px, color, side), label in canvas.labels.items():
        traces.append(text_trace(label["x"], label["y"], label["text"], side, color, size_px, label["name"]))
    return traces


def _figure(
    canvas: _Canvas,
    parties: list[tuple[str, str]],
    colors: dict[str, str],
    height_px: float,
    title: str | None,
    top_margin: int,
) -> go.Figure:
    fig = go.Figure(
        data=_traces(canvas, parties, colors), layout={"annotations": canvas.annotations, "shapes": canvas.shapes}
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


def _parties(gaps: Sequence[IssueGap]) -> list[tuple[str, str]]:
    return [(s.party.id, s.party.short) for s in gaps[0].standings] if gaps else []


def scale_figure(gaps: Sequence[IssueGap], colors: dict[str, str]) -> go.Figure:
    """One row per issue: the 0-100 scale, each party's point and range, overlap or distance."""
    canvas = _Canvas(NORMAL)
    y = 0.0
    for gap in gaps:
        y = _row(canvas, y, gap, colors)
    return _figure(canvas, _parties(gaps), colors, max(y, 60), None, top_margin=40)


def issue_figure(gap: IssueGap, colors: dict[str, str], titled: bool = True, size: Size = LARGE) -> go.Figure:
    """A single issue's scale, larger, for briefing mode and the packs; `titled` heads it with the
    issue's name and question (the packs and briefing screens carry them already)."""
    canvas = _Canvas(size)
    y = _row(canvas, 0, gap, colors, show_name=False)
    if not titled:
        fig = _figure(canvas, _parties([gap]), colors, y, None, top_margin=34)
        fig.update_layout(margin={"b": 12}, height=int(y + 34 + 12), xaxis={"showticklabels": False})
        return fig
    question = few_words(gap.issue.question, 90, 2)
    title = f"<b>{plotly_safe(gap.issue.name)}</b><br><span style='font-size:20px'>{question}</span>"
    fig = _figure(canvas, _parties([gap]), colors, y, title, top_margin=130)
    fig.update_layout(
        title={"font": {"size": 26}, "y": 1 - 18 / fig.layout.height, "yref": "container", "yanchor": "top"}
    )
    return fig
