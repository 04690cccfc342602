"""One party's position as the views show it: stance, evidence of each kind, coding, basis.

Shared by Compare, the briefing screens and Timeline's "what changed", so a quote looks like a
quote, a summary like a summary and a weak source like a weak source wherever a position shows.
"""

from __future__ import annotations

import html

import streamlit as st

from parley.evidence import Cited, weakness
from parley.model import Party, Position
from parley.palette import text_color
from parley.text import link_target, markdown_safe
from parley.ui.safe import md
from parley.wording import (
    BASIS_LABEL,
    LEFT_OUT,
    NOT_STATED,
    NOT_STATED_NOTE,
    coding,
    day,
    source_kind,
    summary_label,
    weak_label,
)


def party_header(party: Party, color: str, label: str | None = None, meta: str = "") -> None:
    """A bar in the party's colour, then its name in a shade of that colour that reads on white, and
    `meta` (plain text: a date, a basis) after it in grey."""
    name = html.escape(label or party.short)
    after = (
        f"<span style='font-weight:400;font-size:0.72em;color:#52606D'> · {html.escape(meta)}</span>" if meta else ""
    )
    st.html(
        f"<div style='border-top:6px solid {color};padding-top:6px;font-weight:700;font-size:1.3em;"
        f"color:{text_color(color)}' title='{html.escape(party.name)}'>{name}{after}</div>"
    )


def cited_item(c: Cited, footnote: int | None = None, with_source: bool = True) -> None:
    ref = f" \\[{footnote}\\]" if footnote is not None else ""
    if c.is_quote:
        st.markdown(f"> “{markdown_safe(c.text)}”{ref}")
        if with_source:
            where = f"{c.source.title}, {c.source.publisher}, {day(c.source.date)} ({source_kind(c.source)})"
            if c.source.url:
                st.markdown(f"— {markdown_safe(where)} · [open source]({link_target(c.source.url)})")
            else:
                md("— {where}", where=where)
    else:
        md("*{label}:* {text}" + ref, label=summary_label(c.source), text=c.text)
        if with_source and c.source.url:
            st.markdown(f"[open source]({link_target(c.source.url)})")


def position_body(
    position: Position,
    cited: tuple[Cited, ...],
    footnotes: dict[str, int] | None = None,
    limit: int | None = None,
    with_sources: bool = True,
) -> None:
    """The stance with its evidence and coding; `footnotes` numbers sources instead of naming them."""
    md("**{stance}**", stance=position.stance)
    weak = weakness(cited)
    if weak:
        # The badge stays short enough for a narrow column; the reason after it wraps like text.
        label, _, reason = weak_label(weak).partition(": ")
        md(":gray-badge[⚑ {label}] {reason}", label=label, reason=reason)
    if position.detail and with_sources:
        st.text(position.detail)
    for c in cited[:limit]:
        cited_item(c, footnotes.get(c.source.id) if footnotes else None, with_source=with_sources and not footnotes)
    if limit is not None and len(cited) > limit:
        st.caption(f"and {len(cited) - limit} more piece(s) of evidence in Compare")
    if position.basis == "assessed":
        md("*Assessed (analyst coding, not the party's words)*: {note}", note=position.note)
    elif position.note:
        md("*Analyst note*: {note}", note=position.note)
    if position.value_reason and with_sources:
        md("*Placing on the scale*: {reason}", reason=position.value_reason)
    basis = BASIS_LABEL.get(position.basis, position.basis)
    st.caption(
        markdown_safe(f"{day(position.date)} · {basis} · {position.confidence} confidence · ")
        + markdown_safe(coding(position.value, position.acceptable))
    )


def not_shown(state: str, left_out: str = "") -> None:
    if state == "left out":
        md("*{text}*", text=LEFT_OUT)
        st.caption(f"A position is in force, but the evidence filter leaves it out: {markdown_safe(left_out)}.")
    else:
        md("*{text}*", text=NOT_STATED)
        st.caption(NOT_STATED_NOTE)
