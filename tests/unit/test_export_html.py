"""The HTML briefing pack: a well-formed, self-contained page with one section and chart per issue."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from parley.export.html_pack import html_bytes, render_html
from parley.filters import Filters
from tests.support.packs import (
    ALERT,
    BLUE_SUMMARY,
    CODING,
    RED_SUMMARY,
    brief_for,
    edge_datasets,
    hostile_mini,
    quote_texts,
    sourced_mini,
)

SUMMARY_OF_BRIEFING = "Summary of Green mediator briefing (Green Gazette, 01 Feb 2025), not the source's words"


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
        self.quotes: list[str] = []  # the text of each <blockquote>
        self.summaries: list[str] = []  # the text of each summary paragraph, its label included
        self.weak: list[str] = []  # the text of each weakly-sourced tag
        self._open: list[tuple[str, list[str], int]] = []  # (kind, collected, depth) of the elements above
        self.unclosed_ok = {"meta", "br", "img", "link", "input", "hr"}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag not in self.unclosed_ok:
            self.stack.append(tag)
        if tag == "section" and "issue" in classes:
            self.sections.append(a.get("id", ""))
        if tag == "div" and (a.get("id") or "").startswith("chart-") and "plotly-graph-div" in classes:
            self.charts.append(a["id"])
        if tag == "li" and (a.get("id") or "").startswith("fn-"):
            self.footnotes.append(a["id"])
        if tag == "a" and (a.get("href") or "").startswith("#fn-"):
            self.footnote_links.append(a["href"][1:])
        kind = (
            "quotes"
            if tag == "blockquote"
            else "summaries"
            if "summary" in classes
            else "weak"
            if "weak" in classes
            else None
        )
        if kind:
            self._open.append((kind, [], len(self.stack)))

    def handle_endtag(self, tag):
        if tag in self.unclosed_ok:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        if self._open and self._open[-1][2] == len(self.stack):
            kind, collected, _ = self._open.pop()
            getattr(self, kind).append("".join(collected))
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "title":
            self.title += data
        elif self.stack and self.stack[-1] == "script":
            self.scripts.append(data)
        else:
            self.text.append(data)
            for _, collected, _ in self._open:
                collected.append(data)


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    parser.close()
    assert parser.stack == [], f"unclosed tags: {parser.stack}"
    return parser


def quoted(text: str) -> set[str]:
    return set(re.findall(r"“([^”]*)”", text))


@pytest.fixture(scope="module")
def mini_html(mini) -> str:
    return render_html(brief_for(mini, ["blue", "red", "green"]))


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


def test_an_earlier_as_of_date_shows_the_positions_then(mini):
    html = render_html(brief_for(mini, ["blue", "red"], as_of=dt.date(2025, 2, 5)))
    assert "Freeze the line, then talk" in html
    assert "Recognise the new line after all" not in html
    assert "Positions as of 05 February 2025 · dataset as of 01 March 2025" in html


def test_hostile_text_is_escaped_everywhere(mini):
    html = render_html(brief_for(hostile_mini(sourced_mini(mini)), ["blue", "red", "green"]))
    page = outline(html)
    assert ALERT not in html
    assert "<b><script" not in html
    assert not any("alert(1)" in s and "&lt;" not in s and "\\u003c" not in s for s in page.scripts)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert any(ALERT in t for t in page.text)  # the text survives, as text
    assert any(f"{BLUE_SUMMARY} {ALERT}" in s for s in page.summaries)  # summaries are escaped too


def test_values_and_ranges_are_labelled_as_analyst_coding(mini_html):
    assert "value 90 · acceptable 70–100 (analyst coding)" in mini_html
    assert "value 20 (analyst coding)" in mini_html  # Blue on trade: a value, no range


# --- summaries, weakly sourced positions, coding notes, the filter -------------------------------


@pytest.fixture(scope="module")
def sourced(mini):
    return sourced_mini(mini)


@pytest.fixture(scope="module")
def sourced_page(sourced) -> Outline:
    return outline(render_html(brief_for(sourced, ["blue", "red", "green"])))


def test_summaries_are_labelled_as_summaries_of_their_source_and_never_quoted(sourced, sourced_page):
    page = sourced_page
    assert sorted(page.summaries) == sorted(
        [f"{SUMMARY_OF_BRIEFING} {BLUE_SUMMARY}2", f"{SUMMARY_OF_BRIEFING} {RED_SUMMARY}2"]  # 2: the footnote
    )
    assert not any(BLUE_SUMMARY in q or RED_SUMMARY in q for q in page.quotes)
    assert "“We want the old line restored”1" in page.quotes  # Blue's quote stays a quote next to the summary
    text = " ".join(page.text)
    assert quoted(text) <= quote_texts(sourced) | {sourced.id}  # the footer names the dataset in quotes
    assert "only quotes are in quotation marks" in text


def test_weakly_sourced_positions_are_marked(sourced_page):
    assert sorted(sourced_page.weak) == [
        "⚑ Weakly sourced: only low-reliability sources",  # Red on trade
        "⚑ Weakly sourced: only summaries, no verbatim quote",  # Red on the border
    ]


def test_nothing_in_mini_is_marked_weakly_sourced_or_summarised(mini_html):
    page = outline(mini_html)
    assert page.weak == [] and page.summaries == []


def test_coding_notes_never_reach_the_pack(sourced):
    html = html_bytes(brief_for(sourced, ["blue", "red", "green"])).decode("utf-8")
    assert CODING not in html
    assert "Restore the old line" in html  # the positions carrying the notes are in the pack


def test_a_filtered_pack_says_so_and_shows_left_out_positions(sourced):
    brief = brief_for(sourced, ["blue", "red"], filters=Filters(reliability=frozenset({"high"})))
    page = outline(render_html(brief))
    text = " ".join(page.text)
    assert "Filter: only positions backed by a high-reliability source." in text
    assert "left out by the filter" in text and "low-reliability sources only" in text  # Red on trade
    assert "Lift all restrictions" not in text


# --- datasets at the edges ----------------------------------------------------------------------


@pytest.mark.parametrize("case", ["no positions", "one party", "one issue", "calendar ends"])
def test_the_pack_renders_for_datasets_at_the_edges(mini, case):
    ds = edge_datasets(mini)[case]
    brief = brief_for(ds, [p.id for p in ds.parties])
    page = outline(render_html(brief))
    assert page.sections == [f"issue-{i.id}" for i in ds.issues]
    assert page.charts == [f"chart-{i.id}" for i in ds.issues]
    assert set(page.footnote_links) <= set(page.footnotes)
    text = " ".join(page.text)
    if case == "no positions":
        assert text.count("No source cited for this issue.") == len(ds.issues)
        assert text.count("No position on record as of this date.") == len(ds.parties) * len(ds.issues)
    if case == "calendar ends":
        assert "Positions as of 31 December 9999 (the dataset's latest information)" in text
        assert "Recognise the new line after all" in text
