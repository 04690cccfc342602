"""Hover text for one position: what a reader needs to trust the point, all escaped.

A quote is shown in quotation marks with its source; a summary is introduced as a summary of
its source and never quoted; values and ranges are marked as analyst coding.
"""

from __future__ import annotations

from parley.charts.labels import date_text, hover_lines
from parley.evidence import Cited
from parley.model import Position
from parley.record import Standing
from parley.text import plotly_safe
from parley.wording import BASIS_LABEL, coding, summary_label, weak_label


def evidence_lines(cited: tuple[Cited, ...], limit: int = 2) -> list[str]:
    lines = []
    for c in cited[:limit]:
        source = plotly_safe(f"{c.source.title}, {c.source.publisher}, {date_text(c.source.date)}")
        if c.is_quote:
            lines += [f"“{plotly_safe(c.text)}”", f"— {source}"]
        else:
            lines += [f"<i>{plotly_safe(summary_label(c.source))}:</i> {plotly_safe(c.text)}"]
    if len(cited) > limit:
        lines.append(f"and {len(cited) - limit} more")
    return lines


def position_lines(position: Position, cited: tuple[Cited, ...], weakness: str = "") -> list[str]:
    lines = [f"<b>{plotly_safe(position.stance)}</b>"]
    if not position.withdrawn:
        lines.append(plotly_safe(coding(position.value, position.acceptable)))
    lines += evidence_lines(cited)
    if position.basis == "assessed":
        lines.append("analyst coding: " + plotly_safe(position.note))
    if weakness:
        lines.append(f"<b>{plotly_safe(weak_label(weakness))}</b>")
    basis = BASIS_LABEL.get(position.basis, position.basis)
    lines.append(
        f"as of {date_text(position.date)} · {plotly_safe(basis)} · {plotly_safe(position.confidence)} confidence"
    )
    return lines


def standing_hover(s: Standing, scale: bool = False) -> str:
    """Stance, coding, evidence, basis; `scale` adds the issue's ends where the chart lacks them."""
    head = f"<b>{plotly_safe(s.party.name)}</b> · {plotly_safe(s.issue.name)}"
    lines = [head, *position_lines(s.position, s.cited, s.weakness)]
    if scale:
        lines.insert(3, f"0 = {plotly_safe(s.issue.scale.low)} · 100 = {plotly_safe(s.issue.scale.high)}")
    return hover_lines(*lines)
