"""Every page on the bundled data: it draws, none of it fails, every chart is drawn."""

from __future__ import annotations

import pytest

from tests.support.browser import exceptions, open_app, screenshot, wait_for_charts

# The charts each page draws on the bundled data with its default choices.
PAGES = [("", 1), ("compare", 0), ("gaps", 2), ("timeline", 3), ("sources", 0), ("briefing", 1)]


@pytest.mark.parametrize(("path", "charts"), PAGES)
def test_page_draws_without_error(app_server, page, path, charts):
    open_app(page, app_server, path)
    assert exceptions(page) == []
    alerts = page.locator('[data-testid="stAlert"]').all_inner_texts()
    assert not [a for a in alerts if "could not be drawn" in a]
    assert wait_for_charts(page, charts) == charts
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    screenshot(page, f"page-{path or 'overview'}-1280")
