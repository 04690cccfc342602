"""Every page on the bundled data: it draws, none of it fails, every chart is drawn, and a reader at
1280x720 can read all of it (no text clipped or cut, nothing outside the window)."""

from __future__ import annotations

import pytest

from tests.support.browser import CHART_SELECTOR, exceptions, open_app, screen_problems, screenshot, wait_for_charts

# The charts each page draws on the bundled data with its default choices (two parties), and its heading.
PAGES = [
    ("", 1, "Overview"),
    ("compare", 0, "Compare"),
    ("gaps", 2, "Gaps"),
    ("timeline", 3, "Timeline"),
    ("sources", 0, "Sources"),
    ("briefing", 1, "Briefing"),
]


@pytest.mark.parametrize(("path", "charts", "title"), PAGES)
def test_page_draws_without_error(app_server, page, path, charts, title):
    open_app(page, app_server, path)
    assert exceptions(page) == []
    assert page.locator('[data-testid="stAlert"]').all_inner_texts() == []  # no notice, no "could not be drawn"
    if charts:
        assert wait_for_charts(page, charts) == charts
    else:
        assert page.locator(CHART_SELECTOR).count() == 0
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.get_by_role("heading", name=title, exact=True).first.is_visible()
    assert "Russia–Ukraine peace talks, 2025–2026" in page.locator('[data-testid="stSidebar"]').inner_text()
    assert screen_problems(page) == []
    screenshot(page, f"page-{path or 'overview'}-1280")
