"""The HTML briefing pack: a well-formed, self-contained page with one section and chart per issue."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from parley.export.html_pack import render_html
from parley.export.pack import build_pack
from tests.support.packs import ALERT, hostile_mini, mini


class Outline(HTMLParser):
    """Collects what the tests look at: title, sections, chart divs, footnotes, scripts, text."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.title = ""
        self.sections: list[str] = []
        self.charts: list[str] = []
        self.footnotes: list[str] = []
        self.footnote_links: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.unclosed_ok = {"meta", "br", "img", "link", "input", "hr"}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in self.unclosed_ok:
            self.stack.append(tag)
        if tag == "section" and "issue" in (a.get("class") or ""):
            self.sections.append(a.get("id", ""))
        if tag == "div" and (a.get("id") or "").startswith("chart-") and "plotly-graph-div" in (a.get("class") or ""):
            self.charts.append(a["id"])
        if tag == "li" and (a.get("id") or "").startswith("fn-"):
            self.footnotes.append(a["id"])
        if tag == "a" and (a.get("href") or "").startswith("#fn-"):
            self.footnote_links.append(a["href"][1:])

    def handle_endtag(self, tag):
        if tag in self.unclosed_ok:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "title":
            self.title += data
        elif self.stack and self.stack[-1] == "script":
            self.scripts.append(data)
        else:
            self.text.append(data)


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    parser.close()
    assert parser.stack == [], f"unclosed tags: {parser.stack}"
    return parser


@pytest.fixture(scope="module")
def mini_html() -> str:
    return render_html(build_pack(mini(), ["blue", "red", "green"]))


def test_pack_parses_with_a_dated_title_and_one_section_and_chart_per_issue(mini_html):
    page = outline(mini_html)
    assert page.title == "Mini negotiation (test fixture): briefing as of 01 March 2025"
    assert page.sections == ["issue-border", "issue-trade", "issue-water"]
    assert page.charts == ["chart-border", "chart-trade", "chart-water"]
    text = " ".join(page.text)
    assert "Positions as of 01 March 2025" in text
    assert "assessed = analyst coding" in text  # what is assessed rather than stated is said


def test_plotly_js_is_inlined_once_so_the_file_opens_offline(mini_html):
    page = outline(mini_html)
    assert sum("plotly.js v" in s or "Plotly=" in s.replace(" ", "") for s in page.scripts) >= 1
    bundles = [s for s in page.scripts if len(s) > 500_000]
    assert len(bundles) == 1
    assert "<script src=" not in mini_html and '<link rel="stylesheet"' not in mini_html


def test_quotes_carry_numbered_footnotes_that_resolve(mini_html):
    page = outline(mini_html)
    assert page.footnotes, "no footnotes"
    assert set(page.footnote_links) <= set(page.footnotes)
    assert "fn-border-1" in page.footnotes and "fn-border-2" in page.footnotes
    text = " ".join(page.text)
    assert "Blue foreign ministry note, Blue Foreign Ministry, 10 Jan 2025" in text
    assert "“We want the old line restored”" in text


def test_missing_positions_read_not_stated_and_stances_sit_side_by_side(mini_html):
    assert mini_html.count('class="stance not-stated"') == 4  # green on trade; everyone on water
    assert mini_html.count('<div class="stances">') == 3


def test_an_earlier_as_of_date_shows_the_positions_then():
    html = render_html(build_pack(mini(), ["blue", "red"], as_of=dt.date(2025, 2, 5)))
    assert "Freeze the line, then talk" in html
    assert "Recognise the new line after all" not in html
    assert "Positions as of 05 February 2025 · dataset as of 01 March 2025" in html


def test_hostile_text_is_escaped_everywhere():
    html = render_html(build_pack(hostile_mini(), ["blue", "red", "green"]))
    page = outline(html)
    assert ALERT not in html
    assert "<b><script" not in html
    assert not any("alert(1)" in s and "&lt;" not in s and "\\u003c" not in s for s in page.scripts)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert any(ALERT in t for t in page.text)  # the text survives, as text


def test_values_and_ranges_are_labelled_as_analyst_coding(mini_html):
    assert "value 90 · acceptable 70–100 (analyst coding)" in mini_html
    assert "value 20 (analyst coding)" in mini_html  # Blue on trade: a value, no range
