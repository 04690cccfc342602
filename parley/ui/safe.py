"""Showing data text in Streamlit without letting it run or render as markup."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from parley.load import Problem
from parley.text import markdown_safe


def md(template: str, **values: object) -> None:
    """st.markdown with every data value escaped; the template itself is trusted project text."""
    st.markdown(template.format(**{k: markdown_safe(v) for k, v in values.items()}))


def bullets(lines: Iterable[str]) -> None:
    """Data lines as one escaped Markdown list: one element, however long the list."""
    items = [f"- {markdown_safe(line)}" for line in lines]
    if items:
        st.markdown("\n".join(items))


def problem_list(problems: Iterable[Problem]) -> None:
    """Every problem as plain text, one per line, in one element (a file can have many)."""
    st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)
