"""One page of a long list of cards, its place in the list said in words, the page number in the URL.

A long negotiation's lists (the matrix's issues on Overview, issues on Compare and Documents,
quotes on Sources, matches on Search, changes and gap rows on Timeline) would be thousands of
elements on one page: slow to send and to draw, and too long to read on a shared screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import streamlit as st

from parley.ui.url_state import bound, writes

T = TypeVar("T")


def page_of(items: Sequence[T], per_page: int, asked: int) -> tuple[Sequence[T], int, int]:
    """The items on the page the link asks for (the last page if it asks for one past the end),
    with that page's number and how many pages there are."""
    pages = max(-(-len(items) // per_page), 1)
    at = min(max(asked, 1), pages)
    return items[(at - 1) * per_page : at * per_page], at, pages


def one_page(items: Sequence[T], per_page: int, asked: int, what: str, field: str = "page_number") -> Sequence[T]:
    """page_of, under a caption such as "Records 31–60 of 600" and the page buttons; `what` names
    the items, optionally with more words after a comma: "Records, grouped by issue and party".
    `field` is the view's field (and URL parameter) the page number is kept in."""
    if len(items) <= per_page:
        return items
    shown, at, pages = page_of(items, per_page, asked)
    first = (at - 1) * per_page
    noun, comma, rest = what.partition(",")
    st.caption(f"{noun} {first + 1}–{first + len(shown)} of {len(items)}{comma}{rest}.")
    key = f"w_{field}"
    st.pagination(pages, key=bound(key, at), on_change=writes(field, key))
    return shown
