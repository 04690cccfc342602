"""Overview, Compare and Gaps in Chromium: deep links open the view they name (ids, and the names
older links carried), the charts say what the data says (text in the SVG), each screen reads
whole at 1280x720 and 1920x1080, and every party keeps its colour from page to page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.support.browser import (
    chart_phrases,
    exceptions,
    open_app,
    screen_problems,
    screenshot,
    wait_for_app_run,
    wait_for_charts,
)
from tests.support.hostile import write_hostile_dataset

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
INK = {"rgb(31, 41, 51)"}  # the neutral text colour, used for names in running text


def chart_texts(page, index: int = 0) -> list[str]:
    return page.locator('[data-testid="stPlotlyChart"]').nth(index).locator("svg text").all_text_contents()


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_overview_deep_link_shows_matrix_for_parties_and_date(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "?parties=Blue&parties=Red&parties=Green&as_of=2025-02-05")  # an older link's form
    wait_for_charts(page, 1)
    assert exceptions(page) == []
    texts = chart_texts(page)
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
    phrases = chart_phrases(page)
    assert "Freeze the line, then talk" in phrases  # Red's border position on 5 Feb (wrapped over two lines)
    assert not [p for p in phrases if "Recognise the new" in p]  # dated after 5 Feb
    body = main_text(page)
    assert "05 February 2025" in body and "Widest gaps" in body
    assert query(page) == {"dataset": ["mini"], "parties": ["blue,red,green"], "as_of": ["2025-02-05"]}
    assert screen_problems(page) == []
    screenshot(page, "views-overview-fixture-1280")


def test_a_link_to_overview_by_name_opens_it_at_the_root_with_the_links_choices(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "overview?parties=red,green&as_of=2025-02-05")
    wait_for_charts(page, 1)
    assert page.get_by_role("dialog").count() == 0  # Streamlit's "Page not found" before
    assert urlparse(page.url).path == "/"
    assert query(page) == {"dataset": ["mini"], "parties": ["red,green"], "as_of": ["2025-02-05"]}
    assert "05 February 2025" in main_text(page)
    assert {"Red", "Green"} <= set(chart_texts(page)) and "Blue" not in chart_texts(page)


def test_gaps_deep_link_draws_points_overlap_and_rankings(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "gaps?parties=blue,green,red")
    assert wait_for_charts(page, 3) == 3
    assert exceptions(page) == []
    scale = " | ".join(chart_texts(page, 0))
    for expected in ("Border line", "Blue", "Green", "Red", "◂ Old line restored", "not stated: Green"):
        assert expected in scale, (expected, scale)
    assert any("Blue ↔ Red" in t for t in chart_texts(page, 1))
    assert "80" in chart_texts(page, 2) and "—" in chart_texts(page, 2)
    open_app(page, url, "gaps?parties=blue,green")
    assert wait_for_charts(page, 2) == 2
    assert "overlap 40–50" in " | ".join(chart_texts(page, 0))
    assert "Blue and Green are 40 points apart on average" in main_text(page)
    assert screen_problems(page) == []
    screenshot(page, "views-gaps-fixture-1280")


def test_gaps_issue_filter_round_trips_through_the_url(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "gaps?issues=Trade")  # an older link names the issue
    wait_for_charts(page, 1)
    page.wait_for_function("() => location.search.includes('issues=trade')")  # rewritten to the id
    scale = chart_texts(page, 0)
    assert "Trade" in scale and "Border line" not in scale
    assert page.locator('[data-testid="stAlert"]').count() == 0
    # Removing the chip in the widget updates the URL, so a copied link reopens the same view.
    page.locator('[data-testid="stMain"]').get_by_role("button", name="Remove Trade").click()
    page.wait_for_function("() => !location.search.includes('issues=')")
    wait_for_app_run(page)
    wait_for_charts(page, 1)
    assert "issues" not in query(page)
    assert "Border line" in chart_texts(page, 0)
    # Choosing issues writes their ids, comma-separated.
    picker = page.locator('[data-testid="stMain"] [data-testid="stMultiSelect"]')
    for name in ("Water rights", "Border line"):
        picker.click()
        page.get_by_role("option", name=name).click()
        wait_for_app_run(page)
    page.wait_for_function("() => location.search.includes('issues=')")
    assert query(page)["issues"] == ["border,water"]
    wait_for_charts(page, 1)
    scale = chart_texts(page, 0)
    assert "Water rights" in scale and "Border line" in scale and "Trade" not in scale


def test_compare_deep_link_shows_quotes_side_by_side(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "compare?parties=Blue&parties=Red&group=Territory")  # an older link's form
    assert exceptions(page) == []
    main = main_text(page)
    assert "Border line" in main and "Trade" not in main
    assert "“We want the old line restored”" in main and "“Red hardened again.”" in main
    assert "Gap 80 points: Blue 10 ↔ Red 90" in main
    # Blue and Red are the dataset's default parties: a link at the defaults leaves them out.
    assert query(page) == {"dataset": ["mini"], "groups": ["territory"]}
    assert screen_problems(page) == []
    screenshot(page, "views-compare-fixture-1280")


def test_planted_markup_never_runs(start_app, page, tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-views")
    write_hostile_dataset(root)
    url = start_app(root)
    for path, charts in (("", 1), ("compare", 0), ("gaps", 2)):
        open_app(page, url, path)
        if charts:
            wait_for_charts(page, charts)
        assert exceptions(page) == []
        assert page.evaluate("() => window.__pwned") is None
        shown = main_text(page) + " ".join(t for n in range(charts) for t in chart_texts(page, n))
        # The tags show as text: in the issue's name and stances, and in the party's short name.
        assert "<b>bold</b>" in shown, path
        assert "<b>X</b>" in shown, path
        assert page.locator('[data-testid="stMain"] b:text-is("bold"), [data-testid="stMain"] img').count() == 0
        assert screen_problems(page) == []
        screenshot(page, f"views-hostile-{path or 'overview'}-1280")


@pytest.mark.parametrize("path,charts", [("", 1), ("compare", 0), ("gaps", 3)])
@pytest.mark.parametrize("size", ["1280", "1920"])
def test_bundled_views_read_whole(app_server, page, page_large, path, charts, size):
    tab = page if size == "1280" else page_large
    open_app(tab, app_server, f"{path}?parties=Ukraine&parties=Russia&parties=US")  # names, as older links had them
    assert exceptions(tab) == []
    assert query(tab)["parties"] == ["ukraine,russia,united-states"]
    assert wait_for_charts(tab, charts) == charts
    main = main_text(tab)
    assert {"": "Overview", "compare": "Compare", "gaps": "Gaps"}[path] in main
    for party in ("Ukraine", "Russia", "US"):
        assert party in main or any(party in chart_texts(tab, n) for n in range(charts))
    assert screen_problems(tab) == []
    screenshot(tab, f"views-{path or 'overview'}-bundled-{size}")


PARTY_COLOURS = r"""(names) => {
    const found = {};
    const add = (name, colour) => { (found[name] ||= new Set()).add(colour); };
    const chartText = '[data-testid="stMain"] [data-testid="stPlotlyChart"] svg :is(text, tspan)';
    for (const t of document.querySelectorAll(chartText)) {
        if (t.closest('.hoverlayer')) continue;
        const name = t.textContent.replace(/\s*⚑$/, '').trim();  // a weakly sourced party's label ends in ⚑
        if (names.includes(name) && !t.querySelector('tspan[style*="fill"]')) add(name, getComputedStyle(t).fill);
    }
    for (const d of document.querySelectorAll('[data-testid="stMain"] div[style*="border-top:6px"]')) {
        // A party's card header: its name, then (on a briefing card) " · date · basis".
        add(d.innerText.trim().split(' · ')[0], getComputedStyle(d).color);
    }
    return Object.fromEntries(Object.entries(found).map(([k, v]) => [k, [...v]]));
}"""


def test_every_party_keeps_its_colour_on_every_page(app_server, page):
    names = {"Ukraine": "ukraine", "Russia": "russia", "US": "united-states", "United States": "united-states"}
    colours: dict[str, set[str]] = {}
    pages = [("", 1), ("compare", 0), ("gaps", 3), ("timeline?chart=positions", 1), ("briefing", 1)]
    for path, charts in pages:
        open_app(page, app_server, f"{path}{'&' if '?' in path else '?'}parties=ukraine,russia,united-states")
        wait_for_charts(page, charts) if charts else None
        seen = page.evaluate(PARTY_COLOURS, list(names))
        for name, found in seen.items():
            colours.setdefault(names[name], set()).update(set(found) - INK)
        assert {names[n] for n in seen} >= {"ukraine", "russia", "united-states"}, (path, seen)
    # One colour per party, and no two parties share one.
    assert all(len(found) == 1 for found in colours.values()), colours
    assert len({next(iter(found)) for found in colours.values()}) == len(colours)


# Whether the page font's italic face was ready when the first chart began to draw.
ITALIC_AT_FIRST_CHART_JS = """
new MutationObserver((_, observer) => {
  if (document.querySelector('[data-testid="stPlotlyChart"] .main-svg')) {
    window.__italicAtFirstChart = document.fonts.check("italic 16px 'Source Sans'");
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true });
"""


def test_a_chart_with_italic_labels_draws_with_the_italic_face_already_loaded(app_server, page):
    """Else the chart draws again when the face arrives, a second full drawing on every first visit."""
    page.add_init_script(ITALIC_AT_FIRST_CHART_JS)
    open_app(page, app_server)
    wait_for_charts(page, 1)
    assert "(not on the scale)" in " ".join(chart_texts(page))  # an italic label of the bundled matrix
    assert page.evaluate("window.__italicAtFirstChart") is True


FIRST_ELEMENT_JS = """
new MutationObserver((_, observer) => {
  if (document.querySelector('[data-testid="stElementContainer"]')) {
    window.__firstElementAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true });
"""
PLOTLY_FETCHES_JS = (
    "performance.getEntriesByType('resource').filter(e => /PlotlyChart/.test(e.name)).map(e => e.startTime)"
)


def test_a_chart_page_fetches_plotly_as_it_opens_and_a_page_without_charts_never_does(app_server, page):
    """plotly.js is 4.7 MB: fetched before the app's first element arrives, once, and only where it draws."""
    page.add_init_script(FIRST_ELEMENT_JS)
    open_app(page, app_server, "/gaps")
    wait_for_charts(page, 2)
    fetched = page.evaluate(PLOTLY_FETCHES_JS)
    assert len(fetched) == 1 and fetched[0] < page.evaluate("window.__firstElementAt")
    assert exceptions(page) == []
    open_app(page, app_server, "/compare")
    assert page.evaluate(PLOTLY_FETCHES_JS) == []


def test_a_page_other_than_the_default_one_connects_to_the_server_at_once(app_server, page):
    """Without being told, the frontend first asks for the server under the page's own path, is refused
    (404), and asks again at the root once the browser is free: 1.5 s later on a chart page."""
    asked = []
    page.on("request", lambda request: asked.append(urlparse(request.url).path) if "_stcore" in request.url else None)
    page.on("websocket", lambda socket: asked.append(urlparse(socket.url).path))
    open_app(page, app_server, "/timeline?dataset=russia-ukraine-2025")
    wait_for_charts(page, 1)
    assert "/_stcore/health" in asked and "/_stcore/stream" in asked
    assert [path for path in asked if path.startswith("/timeline/")] == []
    assert exceptions(page) == []
