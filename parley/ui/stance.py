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


def cited_markdown(c: Cited, footnote: int | None = None, with_source: bool = True) -> list[str]:
    """A quote in quotation marks with its source, or a summary labelled as one: markdown paragraphs."""
    ref = f" \\[{footnote}\\]" if footnote is not None else ""
    link = f" · [open source]({link_target(c.source.url)})" if with_source and c.source.url else ""
    if c.is_quote:
        parts = [f"> “{markdown_safe(c.text)}”{ref}"]
        if with_source:
            where = f"{c.source.title}, {c.source.publisher}, {day(c.source.date)} ({source_kind(c.source)})"
            parts.append(f"— {markdown_safe(where)}{link}")
        return parts
    return [f"*{markdown_safe(summary_label(c.source))}:* {markdown_safe(c.text)}{ref}{link}"]


def cited_item(c: Cited, footnote: int | None = None, with_source: bool = True) -> None:
    st.markdown("\n\n".join(cited_markdown(c, footnote, with_source)))


def position_markdown(
    position: Position,
    cited: tuple[Cited, ...],
    footnotes: dict[str, int] | None = None,
    limit: int | None = None,
    with_sources: bool = True,
) -> str:
    """The stance with its evidence and coding as one markdown text (one element, not ten: a page of
    many positions stays cheap to send). `footnotes` numbers sources instead of naming them."""
    parts = [f"**{markdown_safe(position.stance)}**"]
    weak = weakness(cited)
    if weak:
        # The badge stays short enough for a narrow column; the reason after it wraps like text.
        label, _, reason = weak_label(weak).partition(": ")
        parts.append(f":gray-badge[⚑ {markdown_safe(label)}] {markdown_safe(reason)}")
    if position.detail and with_sources:
        parts.append(markdown_safe(position.detail))
    for c in cited[:limit]:
        parts += cited_markdown(c, footnotes.get(c.source.id) if footnotes else None, with_sources and not footnotes)
    if limit is not None and len(cited) > limit:
        parts.append(f":gray[and {len(cited) - limit} more piece(s) of evidence in Compare]")
    if position.basis == "assessed":
        parts.append(f"*Assessed (analyst coding, not the party's words)*: {markdown_safe(position.note)}")
    elif position.note:
        parts.append(f"*Analyst note*: {markdown_safe(position.note)}")
    if position.value_reason and with_sources:
        parts.append(f"*Placing on the scale*: {markdown_safe(position.value_reason)}")
    basis = BASIS_LABEL.get(position.basis, position.basis)
    meta = f"{day(position.date)} · {basis} · {position.confidence} confidence · "
    parts.append(f":gray[{markdown_safe(meta)}{markdown_safe(coding(position.value, position.acceptable))}]")
    return "\n\n".join(parts)


def position_body(
    position: Position,
    cited: tuple[Cited, ...],
    footnotes: dict[str, int] | None = None,
    limit: int | None = None,
    with_sources: bool = True,
) -> None:
    st.markdown(position_markdown(position, cited, footnotes, limit, with_sources))


def not_shown(state: str, left_out: str = "") -> None:
    if state == "left out":
        md("*{text}*", text=LEFT_OUT)
        st.caption(f"A position is in force, but the evidence filter leaves it out: {markdown_safe(left_out)}.")
    else:
        md("*{text}*", text=NOT_STATED)
        st.caption(NOT_STATED_NOTE)
