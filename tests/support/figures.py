"""The words a plotly figure writes on its canvas, whether plotly draws them as annotations or as a
text trace's labels (the scale charts and the matrix draw their plain labels as text traces)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    x: object
    y: object
    text: str
    color: str
    size: float | None
    name: str  # the annotation's name, or the text trace's name for it (its customdata or meta role)


def chart_labels(fig: dict) -> list[Label]:
    """Every annotation, then every label of the text-only traces."""
    found = []
    for a in fig["layout"].get("annotations", []):
        font = a.get("font", {})
        found.append(
            Label(a.get("x"), a.get("y"), a["text"], font.get("color", ""), font.get("size"), a.get("name", ""))
        )
    for trace in fig.get("data", []):
        if trace.get("mode") != "text":
            continue
        font, role, count = trace.get("textfont", {}), (trace.get("meta") or {}).get("role", ""), len(trace["text"])
        names = trace.get("customdata") or [role] * count
        inks, sizes = (_each(font.get(key), count) for key in ("color", "size"))
        for n, (x, y, text) in enumerate(zip(trace["x"], trace["y"], trace["text"], strict=True)):
            found.append(Label(x, y, text, inks[n] or "", sizes[n], names[n] or role))
    return found


def _each(value: object, count: int) -> list:
    """A text trace's font setting per label: plotly takes one value for all or a list of them."""
    return list(value) if isinstance(value, list | tuple) else [value] * count


def chart_texts(fig: dict) -> list[str]:
    """Every annotation's text, then every label of the text-only traces, as plotly is given them."""
    return [label.text for label in chart_labels(fig)]
