"""Widgets whose values live in the URL, written by parley.urls and never as display labels.

A widget is given the value the URL asks for before it is drawn (`bound`), and its on_change
callback writes the new value into the URL (`writes`); the next run reads the URL again. So
the URL is the one place a view's state lives, and a copied link reopens the same view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from parley import urls

VIEW_KEY = "_parley_view"


def bound(key: str, value: Any) -> str:
    """Give the widget `key` the value the URL asks for, before it is drawn; returns the key."""
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value
    return key


def current_link() -> urls.Link:
    return st.session_state[VIEW_KEY].link


def go(link: urls.Link) -> None:
    st.query_params.from_dict(urls.query(link))


def writes(
    field: str, key: str, convert: Callable[[Any], Any] = lambda value: value, **reset: Any
) -> Callable[[], None]:
    """An on_change callback: the widget's new value goes into the URL as `field`; `reset` puts
    other fields back to their defaults (a new dataset starts with its own parties)."""

    def callback() -> None:
        go(current_link().but(**{field: convert(st.session_state[key])}, **reset))

    return callback


def sync(link: urls.Link) -> None:
    """Rewrite the URL to the view's canonical form (ids, defaults left out) when it differs."""
    wanted = urls.query(link)
    if {k: st.query_params.get_all(k) for k in st.query_params} != {k: [v] for k, v in wanted.items()}:
        st.query_params.from_dict(wanted)
