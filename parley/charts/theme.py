"""The one look every Parley chart shares.

Sized for a screenshared 1280x720 window: 16px base type, 18px+ labels, light grid, no
legend where a direct label can say the same thing.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from parley.palette import GRID, INK, MUTED, OKABE_ITO

# Streamlit's own face first ("Source Sans"), so charts match the page; names are quoted because an
# unquoted name with a digit ("Source Sans 3") invalidates the whole CSS list.
FONT_FAMILY = "'Source Sans', 'Source Sans 3', 'Source Sans Pro', 'Liberation Sans', Arial, sans-serif"
BASE_FONT = 16
LABEL_FONT = 18
TITLE_FONT = 22

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": BASE_FONT, "color": INK},
        title={"font": {"size": TITLE_FONT, "color": INK}, "x": 0, "xref": "paper", "xanchor": "left"},
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        colorway=OKABE_ITO,
        showlegend=False,
        hoverlabel={"font": {"size": BASE_FONT, "family": FONT_FAMILY}, "bgcolor": "#FFFFFF", "align": "left"},
        xaxis={
            "gridcolor": GRID,
            "zeroline": False,
            "linecolor": GRID,
            "tickfont": {"size": BASE_FONT, "color": MUTED},
        },
        yaxis={"gridcolor": GRID, "zeroline": False, "linecolor": GRID, "tickfont": {"size": BASE_FONT, "color": INK}},
        margin={"l": 16, "r": 24, "t": 56, "b": 40},
    )
)
pio.templates["parley"] = TEMPLATE


def apply(fig: go.Figure, title: str | None = None, height: int | None = None) -> go.Figure:
    fig.update_layout(template="parley")
    if title is not None:
        fig.update_layout(title={"text": title})
    if height is not None:
        fig.update_layout(height=height)
    return fig
