"""The overview matrix: issues (rows, grouped) by parties (columns), each cell the stance in a few words.

Cells are shaded by the position's value on the issue's own 0-100 scale with one neutral
sequential ramp (never party colours: a shade says "how far towards the high end", not who).
"Not stated" cells are hatched and say so in grey italics; a stance the analysts could not
place on the scale is left unshaded with a solid frame.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from parley.charts.hover import position_hover
from parley.charts.theme import apply
from parley.model import Dataset
from parley.palette import INK, MUTED, party_colors, text_color
from parley.tables import NOT_STATED
from parley.text import plotly_safe

SHADE = [[0.0, "#F0F4F8"], [1.0, "#334E68"]]
HATCH = "#BCC3CA"
DARK_FROM = 55  # values at or above this get white text on the darker shade
LINE_PX = 21  # one line of 16px stance text
GROUP_PX = 40


def few_words(text: str, width: int, lines: int = 3) -> str:
    """Wrap to `width` characters, keep at most `lines` lines ending in … when cut, then escape.

    Wrapping and cutting work on the raw text so an escaped entity (&lt;) is never split.
    """
    wrapped = textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1].rstrip(".,;: ") + "…"
    return "<br>".join(plotly_safe(line) for line in wrapped)


def _lines_per_cell(parties: int) -> int:
    """Narrower columns (four parties or more) get a fourth line, so stances stay readable."""
    return 3 if parties <= 3 else 4


def _layout_rows(frame: pd.DataFrame, row_px: float) -> tuple[pd.DataFrame, list[tuple[str, float]], float]:
    """Pixel y of each issue row and each group header, top to bottom."""
    issues = frame.drop_duplicates("issue").sort_values(["group_order", "order"])[["issue", "name", "group"]]
    ys, headers, y, last = [], [], 0.0, None
    for group in issues["group"]:
        if group != last:
            headers.append((group, y + GROUP_PX / 2))
            y += GROUP_PX
            last = group
        ys.append(y + row_px / 2)
        y += row_px
    return issues.assign(y=ys), headers, y


def matrix_figure(ds: Dataset, grid: pd.DataFrame, parties: list[str]) -> go.Figure:
    """`grid` is tables.matrix(): one row per issue and party, "not stated" rows included."""
    shorts = {p.id: p.short for p in ds.parties}
    names = {p.id: p.name for p in ds.parties}
    colors = party_colors(ds.parties)
    lines = _lines_per_cell(len(parties))
    row_px = LINE_PX * lines + 13
    issues, headers, height_px = _layout_rows(grid, row_px)
    col = {p: n for n, p in enumerate(parties)}
    frame = grid[grid["party"].isin(parties)].merge(issues[["issue", "y"]], on="issue")
    frame = frame.assign(x=frame["party"].map(col))
    stated = frame[frame["stated"]]
    missing = frame[~frame["stated"]]
    # Characters per line: a 1280px screenshare leaves about 560px for the cells.
    width = max(10, min(34, 64 // max(len(parties), 1)))

    fig = go.Figure()
    scales = {i.id: (i.scale.low, i.scale.high) for i in ds.issues}
    hover = [position_hover(r, names[r["party"]], r["name"], scales[r["issue"]]) for r in stated.to_dict("records")]
    # One bar per stated cell: a rectangle shaded by value on the neutral ramp, hover with the evidence.
    fig.add_trace(
        go.Bar(
            x=[0.96] * len(stated),
            base=(stated["x"] - 0.48).tolist(),
            y=stated["y"].tolist(),
            width=row_px - 6,
            orientation="h",
            marker={
                "color": _shade(stated["value"]),
                "line": {"color": [MUTED if math.isnan(v) else "#FFFFFF" for v in stated["value"]], "width": 1},
            },
            hoverinfo="text",
            hovertext=hover,
            name="stated",
            meta={"role": "stated"},
        )
    )
    fig.add_trace(
        go.Bar(
            x=[0.96] * len(missing),
            base=(missing["x"] - 0.48).tolist(),
            y=missing["y"].tolist(),
            width=row_px - 6,
            orientation="h",
            marker={
                "color": "#FFFFFF",
                "line": {"color": HATCH, "width": 1},
                "pattern": {"shape": "/", "fgcolor": HATCH, "bgcolor": "#FFFFFF", "size": 10, "solidity": 0.15},
            },
            hoverinfo="text",
            hovertext=[
                f"{plotly_safe(names[p])} · {plotly_safe(n)}<br><i>{NOT_STATED}</i>: no position on record"
                for p, n in zip(missing["party"], missing["name"], strict=True)
            ],
            name=NOT_STATED,
            meta={"role": "not stated"},
        )
    )

    annotations: list[dict] = []

    def add(**annotation: object) -> None:
        annotations.append(annotation)

    for r in stated.itertuples():
        dark = not math.isnan(r.value) and r.value >= DARK_FROM
        text = few_words(r.stance, width, lines)
        if math.isnan(r.value):
            text += "<br><i>(not on the scale)</i>"
        add(
            x=r.x,
            y=r.y,
            text=text,
            showarrow=False,
            font={"size": 16, "color": "#FFFFFF" if dark else INK},
            name="stance",
        )
    for r in missing.itertuples():
        add(
            x=r.x,
            y=r.y,
            text=f"<i>{NOT_STATED}</i>",
            showarrow=False,
            bgcolor="#FFFFFF",
            font={"size": 16, "color": MUTED},
            name=NOT_STATED,
        )
    for group, y in headers:
        add(
            x=0,
            xref="paper",
            xanchor="left",
            y=y,
            text=f"<b>{plotly_safe(str(group).upper())}</b>",
            showarrow=False,
            font={"size": 15, "color": MUTED},
            name="group",
        )

    fig.update_layout(annotations=annotations)
    apply(fig, height=int(height_px + 60))
    fig.update_layout(
        margin={"l": 16, "r": 16, "t": 44, "b": 8}, barmode="overlay", dragmode=False, hovermode="closest"
    )
    fig.update_xaxes(
        side="top",
        range=[-0.5, len(parties) - 0.5],
        tickvals=list(range(len(parties))),
        ticktext=[
            f"<span style='color:{text_color(colors[p])}'><b>{plotly_safe(shorts[p])}</b></span>" for p in parties
        ],
        tickfont={"size": 18, "color": INK},
        showgrid=False,
        fixedrange=True,
        zeroline=False,
    )
    fig.update_yaxes(
        range=[height_px, 0],
        tickvals=issues["y"].tolist(),
        ticktext=[few_words(n, 26, 2) for n in issues["name"]],
        tickfont={"size": 16, "color": INK},
        showgrid=False,
        fixedrange=True,
        automargin=True,
        ticklabelstandoff=8,
    )
    return fig


def _header(short: str, color: str) -> str:
    """A column header: the party's short name in bold, in its colour (darkened for legibility)."""
    return f"<span style='color:{text_color(color)}'><b>{plotly_safe(short)}</b></span>"


def _shade(values: pd.Series) -> list[str]:
    """Hex colour of each value on the neutral ramp; white where the stance has no value."""
    lo = np.array([int(SHADE[0][1][i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    hi = np.array([int(SHADE[1][1][i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    t = (values.to_numpy(dtype=float) / 100.0).clip(0, 1)
    rgb = lo + (hi - lo) * np.nan_to_num(t)[:, None]
    out = [f"#{int(r):02X}{int(g):02X}{int(b):02X}" for r, g, b in rgb.round()]
    return ["#FFFFFF" if math.isnan(v) else c for v, c in zip(values, out, strict=True)]
