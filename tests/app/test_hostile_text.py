"""Hostile text planted in every field, or in the link itself, reaches every page only as inert text."""

import json
import re

import pytest

from tests.support.hostile import IMG, LINK, SCRIPT

PAGES = ["overview", "compare", "gaps", "timeline", "sources", "briefing"]
# Timeline draws one chart at a time: each is opened.
VIEWS = [(page, {}) for page in PAGES] + [("timeline", {"chart": "positions"}), ("timeline", {"chart": "gaps"})]
# Planted markup that would run or render if a markdown or plotly renderer received it unescaped.
LIVE_HTML = re.compile(r"<script|<img|<b>bold|<b>X")
LIVE_MARKDOWN = re.compile(r"\]\(javascript:|\*\*stars\*\*|\]\(x:y\)")
# A link naming things that are not in the data, each with markup in it: the notices quote them.
HOSTILE_LINK = {
    "parties": f"alpha,{SCRIPT}",
    "issues": f"issue-one,{IMG}",
    "focus": LINK,
    "source": "**stars**",
    "groups": "<b>bold</b>",
    "chart": SCRIPT,
}


def _markdown_bodies(at) -> list[str]:
    """Every string Streamlit renders as markdown: bodies of text elements and widget labels."""
    bodies = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success"):
        bodies += [el.proto.body for el in at.get(kind)]
    for kind in ("expander", "tab", "button", "selectbox", "multiselect", "radio", "date_input", "toggle", "metric"):
        bodies += [getattr(el.proto, "label", "") for el in at.get(kind)]
    return bodies


def _figure_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _figure_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _figure_strings(v)]
    return []


def _assert_inert(at) -> None:
    live = [body for body in _markdown_bodies(at) if LIVE_HTML.search(body) or LIVE_MARKDOWN.search(body)]
    assert live == []
    for chart in at.get("plotly_chart"):
        strings = _figure_strings(json.loads(chart.proto.spec))
        assert [s for s in strings if LIVE_HTML.search(s)] == []


@pytest.mark.parametrize(("page", "params"), VIEWS)
def test_planted_markup_is_escaped_on_every_page(open_app, hostile_root, page, params):
    _assert_inert(open_app(page, hostile_root, **params))


@pytest.mark.parametrize("page", PAGES)
def test_markup_in_the_link_is_escaped_on_every_page(open_app, hostile_root, page):
    at = open_app(page, hostile_root, **HOSTILE_LINK)
    assert at.warning  # the link asked for things that are not there, and the page says so
    _assert_inert(at)
    assert not any(SCRIPT in w.proto.body or IMG in w.proto.body for w in at.warning)
