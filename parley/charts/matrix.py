"""The overview matrix: issues (rows, grouped) by parties (columns), each cell the stance in a few words.

Cells are shaded by the position's value on the issue's own 0-100 scale with one neutral
sequential ramp (never party colours: a shade says "how far towards the high end", not who).
"Not stated" cells are hatched and say so in grey italics; a stance the analysts could not
place on the scale is left unshaded with a solid frame; a weakly sourced one gets a dashed
frame and says so in its last line; one the evidence filter leaves out says that instead.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from parley.charts.hover import standing_hover
from parley.charts.labels import few_words, margin_for, text_trace
from parley.charts.theme import apply
from parley.palette import INK, MUTED, text_color
from parley.record import Standing, Table
from parley.text import plotly_safe
from parley.wording import LEFT_OUT, NOT_STATED

SHADE = [[0.0, "#F0F4F8"], [1.0, "#334E68"]]
HATCH = "#BCC3CA"
WEAK_INK = "#7B341E"
DARK_FROM = 55  # values at or above this get white text on the darker shade
ISSUE_FONT = 16  # the row names
ISSUE_STANDOFF = 8
LINE_PX = 21  # one line of 16px stance text
GROUP_PX = 40
# The width the cells share on a 1280px screenshare with the sidebar open (measured in Chromium:
# the row names take the rest), so a stance's lines fit inside its cell and never run into the next.
CELLS_PX = 570
CHAR_PX = 8.6  # an average character of 16px text
# The widest tag, "⚑ weakly sourced", is 119 px wide in 16px type (measured in Chromium): 7.5 px per
# pixel of type. Cells too narrow for it in 16px (five parties or more) get smaller type.
TAG_PX = 7.5
# Rows drawn at a time: a screenful or two to read; a negotiation of 60 issues is shown in pages.
ROWS_PER_PAGE = 20


def font_px(parties: int) -> int:
    """The type size of a stance cell: 16px, or as large as lets its tags fit on one line in the cell."""
    cell = CELLS_PX / max(parties, 1) * 0.96 - 4
    return max(11, min(16, int(cell / TAG_PX)))


def lines_per_cell(parties: int) -> int:
    """Narrower columns (four parties or more) get a fourth line, five or more a fifth."""
    return 3 if parties <= 3 else 4 if parties == 4 else 5


def chars_per_line(parties: int) -> int:
    return max(8, min(40, int(CELLS_PX / max(parties, 1) / (CHAR_PX * font_px(parties) / 16)) - 2))


def _shade(value: float | None) -> str:
    """Hex colour of a value on the neutral ramp; white where the stance has no value."""
    if value is None:
        return "#FFFFFF"
    lo = np.array([int(SHADE[0][1][i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    hi = np.array([int(SHADE[1][1][i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    r, g, b = (lo + (hi - lo) * min(max(value / 100, 0), 1)).round()
    return f"#{int(r):02X}{int(g):02X}{int(b):02X}"


def _cell_text(s: Standing, width: int, lines: int) -> tuple[str, str]:
    """(text, colour) of a stated cell: the stance in as many lines as are left after its tags."""
    tags = []
    if not s.placed:
        tags.append("<i>(not on the scale)</i>")
    if s.weakness:
        tags.append("<i>⚑ weakly sourced</i>")
    text = "<br>".join([few_words(s.position.stance, width, max(lines - len(tags), 1)), *tags])
    dark = s.placed and s.value >= DARK_FROM
    return text, "#FFFFFF" if dark else INK


def matrix_figure(table: Table, colors: dict[str, str]) -> go.Figure:
    parties = [p.id for p in table.parties]
    lines = lines_per_cell(len(parties))
    width = chars_per_line(len(parties))
    row_px = LINE_PX * lines + 13
    ys, headers, y, last = {}, [], 0.0, None
    for issue in table.issues:
        if issue.group != last:
            headers.append((issue.group, y + GROUP_PX / 2))
            y += GROUP_PX
            last = issue.group
        ys[issue.id] = y + row_px / 2
        y += row_px
    height_px = y
    col = {p: n for n, p in enumerate(parties)}
    cells = [(s, col[s.party.id], ys[s.issue.id]) for s in table.cells.values()]
    stated = [c for c in cells if c[0].shown]
    missing = [c for c in cells if not c[0].shown]

    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=[0.96] * len(stated),
            base=[x - 0.48 for _, x, _ in stated],
            y=[y for _, _, y in stated],
            width=row_px - 6,
            orientation="h",
            marker={
                "color": [_shade(s.value) for s, _, _ in stated],
                "line": {"color": [MUTED if not s.placed else "#FFFFFF" for s, _, _ in stated], "width": 1},
            },
            hoverinfo="text",
            hovertext=[standing_hover(s, scale=True) for s, _, _ in stated],
            name="stated",
            meta={"role": "stated"},
        )
    )
    fig.add_trace(
        go.Bar(
            x=[0.96] * len(missing),
            base=[x - 0.48 for _, x, _ in missing],
            y=[y for _, _, y in missing],
            width=row_px - 6,
            orientation="h",
            marker={
                "color": "#FFFFFF",
                "line": {"color": HATCH, "width": 1},
                "pattern": {"shape": "/", "fgcolor": HATCH, "bgcolor": "#FFFFFF", "size": 10, "solidity": 0.15},
            },
            hoverinfo="text",
            hovertext=[
                f"{plotly_safe(s.party.name)} · {plotly_safe(s.issue.name)}<br>"
                + (
                    f"<i>{NOT_STATED}</i>: no position on record"
                    if s.state == "not stated"
                    else f"<i>{LEFT_OUT}</i>: {plotly_safe(s.left_out)}"
                )
                for s, _, _ in missing
            ],
            name=NOT_STATED,
            meta={"role": "not stated"},
        )
    )
    annotations: list[dict] = []
    shapes: list[dict] = []
    # The stances are text traces, one per ink (plotly lays out each annotation on its own: 29 ms
    # more for a page of 22 cells); "not stated" keeps an annotation for the white box behind it.
    stances: dict[str, dict[str, list]] = {}
    for s, x, y in stated:
        text, color = _cell_text(s, width, lines)
        ink = stances.setdefault(color, {"x": [], "y": [], "text": []})
        for key, value in (("x", x), ("y", y), ("text", text)):
            ink[key].append(value)
        if s.weakness:
            shapes.append(
                {
                    "type": "rect",
                    "xref": "x",
                    "yref": "y",
                    "x0": x - 0.47,
                    "x1": x + 0.47,
                    "y0": y - row_px / 2 + 4,
                    "y1": y + row_px / 2 - 4,
                    "name": "weakly sourced",
                    "line": {"color": WEAK_INK, "width": 2, "dash": "dash"},
                }
            )
    for s, x, y in missing:
        label = NOT_STATED if s.state == "not stated" else LEFT_OUT
        annotations.append(
            {
                "x": x,
                "y": y,
                "text": f"<i>{label}</i>",
                "showarrow": False,
                "bgcolor": "#FFFFFF",
                "font": {"size": 16, "color": MUTED},
                "name": label,
            }
        )
    for group, y in headers:
        annotations.append(
            {
                "x": 0,
                "xref": "paper",
                "xanchor": "left",
                "y": y,
                "showarrow": False,
                "text": f"<b>{plotly_safe(str(group).upper())}</b>",
                "font": {"size": 15, "color": MUTED},
                "name": "group",
            }
        )
    size = font_px(len(parties))
    for color, ink in stances.items():
        fig.add_trace(text_trace(ink["x"], ink["y"], ink["text"], "middle center", color, size, role="stance"))
    fig.update_layout(annotations=annotations, shapes=shapes)
    apply(fig, height=int(height_px + 60))
    issue_labels = [few_words(i.name, 26, 2) for i in table.issues]
    fig.update_layout(
        margin={"l": margin_for(issue_labels, ISSUE_FONT, ISSUE_STANDOFF), "r": 16, "t": 44, "b": 8},
        barmode="overlay",
        dragmode=False,
        hovermode="closest",
    )
    fig.update_xaxes(
        side="top",
        range=[-0.5, len(parties) - 0.5],
        tickvals=list(range(len(parties))),
        ticktext=[
            f"<span style='color:{text_color(colors[p.id])}'><b>{plotly_safe(p.short)}</b></span>"
            for p in table.parties
        ],
        tickfont={"size": 18, "color": INK},
        showgrid=False,
        fixedrange=True,
        zeroline=False,
    )
    fig.update_yaxes(
        range=[height_px, 0],
        tickvals=[ys[i.id] for i in table.issues],
        ticktext=issue_labels,
        tickfont={"size": ISSUE_FONT, "color": INK},
        showgrid=False,
        fixedrange=True,
        automargin=True,
        ticklabelstandoff=ISSUE_STANDOFF,
    )
    return fig
