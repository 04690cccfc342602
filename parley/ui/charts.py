"""Drawing figures in pages with one set of options, so every chart exports the same way."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import streamlit as st

from parley.selection import View


def export_name(view_name: str, view: View) -> str:
    """PNG file name: the view and the as-of date, e.g. parley-gaps-russia-ukraine-2025-2026-02-26."""
    slug = re.sub(r"[^a-z0-9]+", "-", view_name.lower()).strip("-")
    return f"parley-{slug}-{view.dataset_id}-{view.as_of.isoformat()}"


def show(fig: go.Figure, view_name: str, view: View, key: str | None = None, toolbar: bool = True) -> None:
    st.plotly_chart(
        fig,
        width="stretch",
        theme=None,  # the figure's own "parley" template: Streamlit's theme would shrink and grey its type
        key=key,
        config={
            "displaylogo": False,
            "displayModeBar": "hover" if toolbar else False,
            "modeBarButtonsToRemove": [
                "lasso2d",
                "select2d",
                "autoScale2d",
                "zoom2d",
                "pan2d",
                "zoomIn2d",
                "zoomOut2d",
                "resetScale2d",
            ],
            "toImageButtonOptions": {"format": "png", "filename": export_name(view_name, view), "scale": 2},
        },
    )
