"""Overview, Compare and Gaps in Chromium: deep links open the view they name, the charts say what
the data says (text in the SVG), and each page is screenshotted at 1280x720 and 1920x1080."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.support.browser import exceptions, open_app, screenshot, wait_for_app_run, wait_for_charts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def chart_texts(page, index: int = 0) -> list[str]:
    return page.locator('[data-testid="stPlotlyChart"]').nth(index).locator("svg text").all_text_contents()


def test_overview_deep_link_shows_matrix_for_parties_and_date(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "?parties=Blue&parties=Red&parties=Green&as_of=2025-02-05")
    wait_for_charts(page, 1)
    assert exceptions(page) == []
    texts = chart_texts(page)
    joined = " ".join(texts)
    for expected in (
        "Blue",
        "Red",
        "Green",
        "Border line",
        "Restore the old line",
        "not stated",
        "TERRITORY",
        "ECONOMY",
    ):
        assert expected in texts, expected
    assert "Freeze the line, then" in joined  # Red's border position on 5 Feb (wrapped over two lines)
    assert "Recognise the new" not in joined  # dated after 5 Feb
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "05 February 2025" in body and "Widest gaps" in body
    screenshot(page, "views-overview-fixture-1280")


def test_gaps_deep_link_draws_points_overlap_and_rankings(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "gaps?parties=Blue&parties=Green&parties=Red")
    assert wait_for_charts(page, 3) == 3
    assert exceptions(page) == []
    scale = " | ".join(chart_texts(page, 0))
    for expected in ("Border line", "Blue", "Green", "Red", "◂ Old line restored", "not stated: Green"):
        assert expected in scale, (expected, scale)
    assert any("Blue ↔ Red" in t for t in chart_texts(page, 1))
    assert "80" in chart_texts(page, 2) and "—" in chart_texts(page, 2)
    open_app(page, url, "gaps?parties=Blue&parties=Green")
    assert wait_for_charts(page, 2) == 2
    assert "overlap 40–50" in " | ".join(chart_texts(page, 0))
    assert "Blue and Green are 40 points apart on average" in page.locator('[data-testid="stMain"]').inner_text()
    screenshot(page, "views-gaps-fixture-1280")


def test_gaps_issue_filter_round_trips_through_the_url(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "gaps?issues=Trade")
    wait_for_charts(page, 1)
    scale = chart_texts(page, 0)
    assert "Trade" in scale and "Border line" not in scale
    # Removing the chip in the widget updates the URL, so a copied link reopens the same view.
    page.locator('[data-testid="stMain"]').get_by_role("button", name="Remove Trade").click()
    page.wait_for_function("() => !location.search.includes('issues=')")
    wait_for_app_run(page)
    wait_for_charts(page, 1)
    assert "issues" not in parse_qs(urlparse(page.url).query)
    assert "Border line" in chart_texts(page, 0)


def test_compare_deep_link_shows_quotes_side_by_side(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "compare?parties=Blue&parties=Red&group=Territory")
    assert exceptions(page) == []
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "Border line" in main and "Trade" not in main
    assert "We want the old line restored" in main and "Red hardened again." in main
    assert "Gap 80 points: Blue 10 ↔ Red 90" in main
    screenshot(page, "views-compare-fixture-1280")


def test_planted_markup_never_runs(start_app, page, tmp_path_factory):
    from tests.support.hostile import write_hostile_dataset

    root = tmp_path_factory.mktemp("hostile-views")
    write_hostile_dataset(root)
    url = start_app(root)
    for path, charts in (("", 1), ("compare", 0), ("gaps", 2)):
        open_app(page, url, path)
        if charts:
            wait_for_charts(page, charts)
        assert exceptions(page) == []
        assert page.evaluate("() => window.__pwned") is None
        shown = page.locator('[data-testid="stMain"]').inner_text() + " ".join(chart_texts(page, 0) if charts else [])
        assert "<b>bold</b>" in shown or "<b>X</b>" in shown  # the tags show as text
        screenshot(page, f"views-hostile-{path or 'overview'}-1280")


@pytest.mark.parametrize("path,charts", [("", 1), ("compare", 0), ("gaps", 2)])
@pytest.mark.parametrize("size", ["1280", "1920"])
def test_bundled_views_screenshots(app_server, page, page_large, path, charts, size):
    tab = page if size == "1280" else page_large
    open_app(tab, app_server, path + ("?" if "?" not in path else "&") + "parties=Ukraine&parties=Russia&parties=US")
    if charts:
        assert wait_for_charts(tab, charts) >= charts
    assert exceptions(tab) == []
    screenshot(tab, f"views-{path or 'overview'}-bundled-{size}")
