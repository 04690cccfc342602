"""Timeline in Chromium: a deep link opens the period, issue and "what changed" window it names,
each chart's tab opens its chart and puts it in the URL, the charts and the list say what the data
says, and the page reads whole at 1280x720."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

from tests.support.browser import (
    chart_phrases,
    exceptions,
    open_app,
    screen_problems,
    screenshot,
    wait_for_app_run,
    wait_for_charts,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def open_tab(page, label: str, chart_key: str) -> None:
    """Click one of the "Over time" tabs and wait for its chart (each chart has its own key)."""
    page.get_by_role("tab", name=label).click()
    page.locator(f".st-key-{chart_key} .main-svg").first.wait_for(timeout=30_000)
    wait_for_app_run(page)


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_timeline_deep_link_shows_steps_and_what_changed(start_app, page):
    url = start_app(FIXTURES)
    # An older link: parties by name, one parameter each, and the charted issue by name as `issue`.
    open_app(page, url, "timeline?parties=Blue&parties=Red&parties=Green&issue=Border+line&since=2025-01-20")
    assert wait_for_charts(page, 1) == 1  # the link names an issue: its positions, the one chart drawn
    assert exceptions(page) == []
    assert query(page) == {
        "dataset": ["mini"],
        "parties": ["blue,red,green"],
        "since": ["2025-01-20"],
        "focus": ["border"],
    }
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "What changed" in main
    assert "Red · Border line: changed (100 → 60, -40)" in main
    assert "Red · Border line: changed (60 → 90, +30)" in main
    assert "Green · Border line: newly stated" in main
    assert "Red hardened again." in main and "Red would accept a freeze before talks." in main
    assert "Green briefs the press" in main  # the event in the window
    steps = chart_phrases(page)
    for expected in ("Blue", "Red", "Green", "▲ 100: New line recognised", "▼ 0: Old line restored"):
        assert expected in steps, (expected, steps)
    # three step lines, and one marker per dated record: Blue 1, Red 3, Green 1
    chart = page.locator('[data-testid="stPlotlyChart"]').nth(0)
    assert chart.locator(".scatterlayer .trace .js-line").count() >= 3
    assert chart.locator(".scatterlayer .trace .points path").count() == 5
    assert screen_problems(page) == []
    screenshot(page, "timeline-fixture-positions-1280")

    open_tab(page, "Events", "timeline-events")
    assert query(page)["chart"] == ["events"] and query(page)["focus"] == ["border"]
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 1
    events = chart_phrases(page)
    assert "First round of talks" in events and "Green briefs the press" in events
    assert screen_problems(page) == []

    open_tab(page, "Gaps between two parties", "timeline-gaps")
    assert query(page)["chart"] == ["gaps"]
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 1
    # Blue and Red: 90 apart on 12 Jan, 50 on 1 Feb, 80 from 20 Feb.
    gaps = " | ".join(chart_phrases(page))
    assert "newly stated, then narrowed 90 → 80" in gaps, gaps
    assert "newly stated · now 80" in gaps and "gap unknown" in gaps
    assert screen_problems(page) == []
    screenshot(page, "timeline-fixture-gaps-1280")
    page.reload()
    assert wait_for_charts(page, 1) == 1 and "newly stated · now 80" in " | ".join(chart_phrases(page))


def test_timeline_hover_shows_the_new_stance_and_quote(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "timeline?parties=blue,red&focus=border")
    wait_for_charts(page, 1)
    chart = page.locator('[data-testid="stPlotlyChart"]').nth(0)
    chart.scroll_into_view_if_needed()
    points = chart.locator(".scatterlayer .trace .points path")
    # the last Red marker is the 20 Feb change
    last = points.nth(points.count() - 1)
    last.hover(force=True)
    page.wait_for_selector(".hoverlayer .hovertext", timeout=10_000)
    hover = " ".join(page.locator(".hoverlayer .hovertext").all_text_contents())
    assert "Recognise the new line after all" in hover and "Red hardened again." in hover


def test_timeline_bundled_dataset(app_server, page):
    open_app(page, app_server, "timeline")
    assert wait_for_charts(page, 1) == 1
    assert exceptions(page) == []
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "What changed" in main and "Over time" in main and "Gaps between two parties" in main
    assert screen_problems(page) == []
    screenshot(page, "timeline-bundled-1280")
    for label, key in (("Positions on one issue", "timeline-positions"), ("Gaps between two parties", "timeline-gaps")):
        open_tab(page, label, key)
        assert exceptions(page) == [] and screen_problems(page) == []
        screenshot(page, f"{key}-bundled-1280")
