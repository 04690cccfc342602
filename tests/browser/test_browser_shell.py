"""The app starts under `streamlit run` and draws in Chromium without a traceback."""

from __future__ import annotations

from pathlib import Path

from tests.support.browser import exceptions, open_app, screenshot

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_bundled_app_opens(app_server, page):
    open_app(page, app_server)
    assert exceptions(page) == []
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    screenshot(page, "shell-bundled-1280")


def test_deep_link_on_a_fresh_server_serves_the_fixture_dataset(start_app, page_large):
    url = start_app(FIXTURES)  # a new server: this deep link is its very first script run
    open_app(page_large, url, "sources")
    assert exceptions(page_large) == []
    chosen = page_large.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input')
    assert chosen.input_value() == "mini"
    assert page_large.get_by_role("heading", name="Sources").is_visible()
    assert start_app(FIXTURES) == url  # one server per data folder per session
    screenshot(page_large, "shell-fixture-sources-1920")
