"""Text on charts: cut to fit, wrapped, and always escaped, so data can never render as markup.

Cutting and wrapping work on the raw text before escaping, so an escaped entity (&lt;) is
never split in two.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from parley.text import plotly_safe, wrap


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
