"""Hover text for one position: what a reader needs to trust the point, all escaped."""

from __future__ import annotations

import math

import pandas as pd

from parley.text import plotly_safe, wrap


def _num(x: object) -> str:
    return f"{float(x):g}"


def _has(x: object) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x)) and x is not pd.NaT and x == x


def _date(x: object) -> str:
    return f"{pd.Timestamp(x):%Y-%m-%d}" if _has(x) else ""


def position_hover(
    row: pd.Series | dict, party_name: str, issue_name: str, scale: tuple[str, str] | None = None
) -> str:
    """Stance, value, range, quote, source, date and basis of one position in force.

    Values and ranges are marked as analyst coding; `scale` (the issue's low and high labels)
    is added where the chart itself does not show the scale's ends.
    """
    get = row.get
    lines = [f"<b>{plotly_safe(party_name)}</b> · {plotly_safe(issue_name)}", wrap(plotly_safe(get("stance")), 56)]
    value = get("value")
    coded = f"value {_num(value)} (analyst coding)" if _has(value) else "not placed on the scale"
    if _has(get("acc_low")) and _has(get("acc_high")):
        coded += f" · acceptable {_num(get('acc_low'))}–{_num(get('acc_high'))} (analyst judgement)"
    lines.append(coded)
    if scale is not None:
        lines.append(wrap(f"0 = {plotly_safe(scale[0])} · 100 = {plotly_safe(scale[1])}", 56))
    quote = get("quote")
    if quote:
        lines.append(wrap(f"“{plotly_safe(quote)}”", 56))
        source = ", ".join(
            part
            for part in (
                plotly_safe(get("source_title")),
                plotly_safe(get("source_publisher")),
                _date(get("source_date")),
            )
            if part
        )
        lines.append(wrap(source, 56))
    if get("basis") == "assessed":
        lines.append(wrap("analyst coding: " + plotly_safe(get("note")), 56))
    lines.append(
        f"as of {_date(get('date'))} · {plotly_safe(get('basis'))} · {plotly_safe(get('confidence'))} confidence"
    )
    return "<br>".join(line for line in lines if line)
