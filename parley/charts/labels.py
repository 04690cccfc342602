"""Text on charts: cut to fit, wrapped, and always escaped, so data can never render as markup.

Cutting and wrapping work on the raw text before escaping, so an escaped entity (&lt;) is
never split in two.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import textwrap
from collections.abc import Iterable, Sequence

import plotly.graph_objects as go

from parley.text import plotly_safe, wrap

LABEL_PAD = 14  # from the figure's edge to a tick label, and from the label to the axis


# Advance widths in em of Source Sans, the charts' face, by kind of character: an estimate is at or a
# little over what Chromium draws (0.99 to 1.16 of it on every issue name and axis label of the
# bundled and test datasets).
_NARROW = frozenset("iljtfrI.,:;'!|()[]-/")
_WIDE = frozenset("mwMW")
BOLD = 1.06
_TAG = re.compile(r"<[^>]*>")


def _em(line: str) -> float:
    width = 0.0
    for ch in line:
        if ch == " ":
            width += 0.22
        elif ch in _NARROW:
            width += 0.30
        elif ch.isdigit():
            width += 0.50
        elif ch in _WIDE:
            width += 0.85
        elif ch.isupper():
            width += 0.62
        elif ch.islower():
            width += 0.52
        else:
            width += 0.65
    return width


def text_px(label: str, size: float) -> float:
    """Width in pixels of a chart label's widest line (plotly markup: <br>, <b>, entities) at `size` px.

    Plotly's automargin measures labels after a first draw and, when they need more room than the
    margin gives, lays the whole chart out and draws it again: about half of a Timeline chart's
    drawing time. A margin sized from this estimate lets it draw once; automargin stays on, so a
    label wider than estimated still fits, at the cost of that second draw."""
    factor = BOLD if "<b>" in label else 1.0
    widest = 0.0
    for line in label.split("<br>"):
        widest = max(widest, _em(html.unescape(_TAG.sub("", line))) * factor)
    return widest * size


def margin_for(labels: Iterable[str], size: float, standoff: float = 0) -> int:
    """A left (or right) margin that holds the widest of an axis's tick labels, and the gap before them."""
    return math.ceil(max((text_px(label, size) for label in labels), default=0) + standoff + LABEL_PAD)


def clip(text: object, limit: int) -> str:
    """Escaped text cut to `limit` characters with an ellipsis, so long labels cannot collide."""
    raw = "" if text is None else str(text)
    return plotly_safe(raw if len(raw) <= limit else raw[: limit - 1].rstrip() + "…")


def _at_hyphen(word: str, width: int) -> str:
    """A word too long for a line breaks after its last hyphen that fits ("800,000-" / "strong"),
    not between two letters. The space added is never seen: the two parts are longer than a line
    together, so they never share one."""
    if len(word) <= width:
        return word
    head, hyphen, _ = word[:width].rpartition("-")
    return f"{head}- {word[len(head) + 1 :]}" if hyphen and head else word


def few_words(text: str, width: int, lines: int = 3) -> str:
    """Wrap to `width` characters, keep at most `lines` lines ending in … when cut, then escape."""
    wrapped = textwrap.wrap(
        " ".join(_at_hyphen(w, width) for w in str(text).split()), width, break_long_words=True, break_on_hyphens=False
    )
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1].rstrip(".,;: ")[: max(width - 1, 1)] + "…"
    return "<br>".join(plotly_safe(line) for line in wrapped)


def hover_lines(*lines: str, width: int = 56) -> str:
    """Hover text from already-escaped lines, each wrapped; empty lines are dropped."""
    return "<br>".join(wrap(line, width) for line in lines if line)


def date_text(d: dt.date | None) -> str:
    return f"{d:%Y-%m-%d}" if d else ""


def text_trace(
    x: Sequence,
    y: Sequence,
    text: Sequence[str],
    side: str | Sequence[str],
    color: str | Sequence[str],
    size: float | Sequence[float],
    names: Sequence[str] | None = None,
    role: str = "label",
) -> go.Scatter:
    """Plain labels as one text-only trace: plotly lays out each annotation on its own, with a
    measurement of its text each, and a trace's texts together. `names` say what each label is
    (its customdata). Nothing on it hovers: the marks under the labels keep their own hovers."""
    return go.Scatter(
        x=x,
        y=y,
        text=text,
        customdata=names,
        mode="text",
        textposition=side,
        textfont={"color": color, "size": size},
        cliponaxis=False,
        hoverinfo="skip",
        meta={"role": role},
    )
