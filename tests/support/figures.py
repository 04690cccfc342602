"""The words a plotly figure writes on its canvas, whether plotly draws them as annotations or as a
text trace's labels (the scale charts draw their plain labels as text traces)."""

from __future__ import annotations


def chart_texts(fig: dict) -> list[str]:
    """Every annotation's text, then every label of the text-only traces, as plotly is given them."""
    found = [a["text"] for a in fig["layout"].get("annotations", [])]
    for trace in fig.get("data", []):
        if trace.get("mode") == "text":
            found += trace["text"]
    return found
