"""Hostile text planted in every field reaches every page only as inert text."""

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.hostile import write_hostile_dataset

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")
PAGES = ["overview", "compare", "gaps", "timeline", "sources", "briefing"]
# Planted markup that would run or render if a markdown or plotly renderer received it unescaped.
LIVE_HTML = re.compile(r"<script|<img|<b>bold|<b>X")
LIVE_MARKDOWN = re.compile(r"\]\(javascript:|\*\*stars\*\*|\]\(x:y\)")


def _markdown_bodies(at: AppTest) -> list[str]:
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


@pytest.fixture
def hostile_app(tmp_path, monkeypatch):
    write_hostile_dataset(tmp_path)
    monkeypatch.setenv("PARLEY_DATA_DIR", str(tmp_path))
    return AppTest.from_file(DASHBOARD, default_timeout=60)


@pytest.mark.parametrize("page", PAGES)
def test_planted_markup_is_escaped_on_every_page(hostile_app, page):
    at = hostile_app.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    live = [body for body in _markdown_bodies(at) if LIVE_HTML.search(body) or LIVE_MARKDOWN.search(body)]
    assert live == []
    for chart in at.get("plotly_chart"):
        strings = _figure_strings(json.loads(chart.proto.spec))
        assert [s for s in strings if LIVE_HTML.search(s)] == []
