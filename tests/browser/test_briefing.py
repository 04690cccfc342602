"""Briefing mode in Chromium: walk the screens with next/previous at 1280x720, sidebar hidden, one URL
each, every screen readable whole (nothing clipped, the chart drawn), and the same on a projector."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

from tests.support.browser import (
    exceptions,
    open_app,
    screen_problems,
    screenshot,
    wait_for_app_run,
    wait_for_charts,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ISSUES = [("border", "Border line"), ("trade", "Trade"), ("water", "Water rights")]
STANCES = {
    "border": ["Restore the old line", "Recognise the new line after all", "Freeze the line where it is"],
    "trade": ["Keep restrictions until the border is settled", "Lift all restrictions", "not stated"],
    "water": ["not stated"],
}


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
    assert query["parties"] == ["blue,red,green"]
    assert page.get_by_text(f"{n + 1} / {len(ISSUES)}", exact=True).is_visible()
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stHeader"]').is_visible()
    assert exceptions(page) == []
    main = page.locator('[data-testid="stMain"]').inner_text()
    for stance in STANCES[issue]:
        assert stance in main, (issue, stance)
    for party in ("Blue Republic", "Red Federation", "Green Union"):
        assert party in main
    assert screen_problems(page) == []


def test_walk_briefing_with_next_and_previous(start_app, page):
    url = start_app(FIXTURES)
    # An older link: one parameter per party, by name; the page rewrites it to ids.
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


def test_arrow_keys_and_page_keys_move_between_screens(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "briefing?mode=brief&parties=blue,red,green&issue=border")
    assert_screen(page, 0)
    for key, n in (("ArrowRight", 1), ("PageDown", 2), ("ArrowLeft", 1), ("PageUp", 0)):
        page.locator('[data-testid="stMain"]').click(position={"x": 5, "y": 5})
        page.keyboard.press(key)
        wait_for_app_run(page)
        assert_screen(page, n)


def test_a_screen_link_opens_that_screen_and_exit_returns_to_the_page(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "briefing?mode=brief&parties=blue,red,green&issue=water")
    assert_screen(page, 2)
    page.get_by_role("button", name="Exit").click()
    wait_for_app_run(page)
    page.locator('[data-testid="stSidebar"]').wait_for(state="visible")
    assert "mode" not in params(page.url) and params(page.url)["issue"] == ["water"]
    assert exceptions(page) == []
    assert page.get_by_role("button", name="Prepare HTML pack").is_visible()
    assert screen_problems(page) == []
    # Beside the sidebar too, Page Up and Page Down move between screens, and their buttons stay hidden.
    assert not page.get_by_role("button", name="Previous screen").is_visible()
    page.locator('[data-testid="stMain"] h1').first.click()
    page.keyboard.press("PageUp")
    wait_for_app_run(page)
    assert params(page.url)["issue"] == ["trade"]


def test_briefing_screen_on_a_projector(start_app, page_large):
    url = start_app(FIXTURES)
    # An older link: the screen by its number among the issues chosen.
    open_app(page_large, url, "briefing?mode=brief&parties=Blue&parties=Red&parties=Green&issues=border,trade&slide=2")
    wait_for_charts(page_large)
    assert heading(page_large) == "Trade"
    assert page_large.get_by_text("2 / 2", exact=True).is_visible()
    page_large.wait_for_function("() => !location.search.includes('slide=')")
    assert params(page_large.url) == {
        "dataset": ["mini"],
        "parties": ["blue,red,green"],
        "mode": ["brief"],
        "issue": ["trade"],
        "issues": ["border,trade"],
    }
    assert not page_large.locator('[data-testid="stSidebar"]').is_visible()
    assert screen_problems(page_large) == []
    screenshot(page_large, "briefing-2-trade-1920")


def test_bundled_briefing_screens_read_whole(app_server, page):
    open_app(page, app_server, "briefing?mode=brief&parties=ukraine,russia,united-states,europe,turkiye")
    total = int(page.get_by_text(" / ", exact=False).first.inner_text().split("/")[1])
    assert total >= 10
    for n in range(total):
        wait_for_charts(page)
        assert page.get_by_text(f"{n + 1} / {total}", exact=True).is_visible()
        assert exceptions(page) == []
        assert screen_problems(page) == [], (n + 1, heading(page))
        if n in (0, total - 1):
            page.mouse.move(5, 700)
            screenshot(page, f"briefing-bundled-{n + 1}-1280")
        if n + 1 < total:
            page.get_by_role("button", name="Next").click()
            wait_for_app_run(page)
