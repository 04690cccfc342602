"""The Sources page lists what backs the positions as of the chosen date, with their quotes."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("PARLEY_DATA_DIR", str(ROOT / "tests" / "fixtures"))
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)


def _titles(at):
    return at.dataframe[0].value["title"].tolist()


def test_sources_published_after_the_as_of_date_are_left_out(app):
    app.query_params["as_of"] = "2025-01-20"
    at = app.switch_page("pages/sources.py").run()
    assert not at.exception
    assert _titles(at) == ["Blue foreign ministry note", "Red position paper"]
    assert at.caption[0].value.startswith("2 sources published on or before 20 January 2025")


def test_reliability_filter_from_the_url(app):
    app.query_params["reliability"] = "high"
    at = app.switch_page("pages/sources.py").run()
    assert _titles(at) == ["Blue foreign ministry note", "Green mediator briefing"]


def test_opens_on_the_source_with_most_quotes_for_the_parties_shown(app):
    at = app.switch_page("pages/sources.py").run()
    assert at.selectbox(key="source").value == "green-brief"  # two of Red's quotes and an event's


def test_quotes_of_the_chosen_source_are_shown_as_text(app):
    app.query_params["source"] = "Blue foreign ministry note"
    at = app.switch_page("pages/sources.py").run()
    texts = [t.value for t in at.text]
    assert "Blue Foreign Ministry · 10 January 2025 · high reliability" in texts
    assert "“We want the old line restored”" in texts
    assert "10 Jan 2025 · Blue · Border line" in texts


def test_quote_counts_follow_the_parties_shown(app):
    app.query_params["parties"] = "Blue"
    at = app.switch_page("pages/sources.py").run()
    table = at.dataframe[0].value
    assert dict(zip(table["title"], table["quotes"], strict=True)) == {
        "Blue foreign ministry note": 2,
        "Red position paper": 0,
        "Green mediator briefing": 1,  # the press briefing event it reports
    }
