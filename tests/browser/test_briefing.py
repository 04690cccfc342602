"""Briefing mode in Chromium: walk the screens with next/previous at 1280x720, sidebar hidden, one URL each."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

from tests.support.browser import exceptions, open_app, screenshot, wait_for_app_run, wait_for_charts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ISSUES = [("border", "Border line"), ("trade", "Trade"), ("water", "Water rights")]


def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def heading(page) -> str:
    return page.locator('[data-testid="stMain"] h1').last.inner_text().strip()


def assert_screen(page, n: int) -> None:
    issue, name = ISSUES[n]
    page.wait_for_function(
        "name => [...document.querySelectorAll('[data-testid=\"stMain\"] h1')].some(h => h.innerText.trim() === name)",
        arg=name,
    )
    wait_for_charts(page)
    assert heading(page) == name
    query = params(page.url)
    assert urlparse(page.url).path == "/briefing"
    assert query["mode"] == ["brief"] and query["issue"] == [issue]
    assert query["parties"] == ["Blue", "Red", "Green"]
    assert page.get_by_text(f"{n + 1} / {len(ISSUES)}", exact=True).is_visible()
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stHeader"]').is_visible()
    assert exceptions(page) == []


def test_walk_briefing_with_next_and_previous(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "?mode=brief&parties=Blue&parties=Red&parties=Green&issue=border")
    for n in range(len(ISSUES)):
        assert_screen(page, n)
        page.mouse.move(5, 700)  # no hover state in the picture
        screenshot(page, f"briefing-{n + 1}-{ISSUES[n][0]}-1280")
        if n + 1 < len(ISSUES):
            page.get_by_role("button", name="Next").click()
            wait_for_app_run(page)
    assert page.get_by_role("button", name="Next").is_disabled()
    for n in reversed(range(len(ISSUES) - 1)):
        page.get_by_role("button", name="Previous").click()
        wait_for_app_run(page)
        assert_screen(page, n)
    assert page.get_by_role("button", name="Previous").is_disabled()


def test_a_screen_link_opens_that_screen_and_exit_returns_to_the_page(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "briefing?mode=brief&parties=Blue&parties=Red&parties=Green&issue=water")
    assert_screen(page, 2)
    page.get_by_role("button", name="Exit briefing").click()
    wait_for_app_run(page)
    page.locator('[data-testid="stSidebar"]').wait_for(state="visible")
    assert "mode" not in params(page.url) and params(page.url)["issue"] == ["water"]
    assert exceptions(page) == []


def test_briefing_screen_on_a_projector(start_app, page_large):
    url = start_app(FIXTURES)
    open_app(page_large, url, "briefing?mode=brief&parties=Blue&parties=Red&parties=Green&slide=1")
    wait_for_charts(page_large)
    assert heading(page_large) == "Border line"
    assert not page_large.locator('[data-testid="stSidebar"]').is_visible()
    screenshot(page_large, "briefing-1-border-1920")
