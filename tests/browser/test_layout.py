"""Every page and every briefing screen reads whole at 1280x720 and at 1920x1080, on the bundled data
and on a generated dataset: nothing fails, every chart draws, no chart text runs off its chart or
over other text, no text is cut or clipped, and a briefing screen shows its headline, chart and each
party's stance with its first quote without scrolling. Every chart is drawn once: its margins
already hold its labels, so plotly need not draw it again to make room. The check itself is shown
to catch the faults the old Timeline had (row labels cut to "ks", "lls", "nts"; "100" shown as
"00") and a cut card."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

import pytest

from parley.ui.shell import PAGES as SHELL_PAGES
from scripts.synthetic import write_synthetic_dataset
from tests.support.browser import (
    BRIEFING_FOLD,
    BUNDLED_DATA,
    CHART_SELECTOR,
    ROOT,
    below_the_fold,
    charts_laid_out_again,
    exceptions,
    open_app,
    screen_problems,
    screenshot,
    start_server,
    wait_for_app_run,
    wait_for_charts,
)

READER_PAGES = [spec.name for spec in SHELL_PAGES if spec.section in ("Views", "Briefing")]
FIXTURE_APP = ROOT / "tests" / "fixtures" / "clipped_chart_app.py"


@dataclass(frozen=True)
class Data:
    """A dataset to serve and what its pages show with their default choices (two parties)."""

    name: str
    title: str  # as the sidebar names it
    query: str  # words Search finds in it

    def path(self, view: str) -> str:
        name, _, query = view.partition("?")
        path = "" if name == "overview" else name
        query = f"q={self.query}" if name == "search" else query
        return f"{path}?{query}" if query else path


# Each view checked, a page with its default choices or one of Timeline's other charts (the same on
# both datasets), and the charts it draws.
CHARTS = {
    "overview": 1,
    "compare": 0,
    "gaps": 2,
    "timeline": 1,
    "timeline?chart=positions": 1,
    "timeline?chart=gaps": 1,
    "sources": 0,
    "search": 0,
    "documents": 1,
    "briefing": 1,
}
HEADINGS = {spec.name: spec.title for spec in SHELL_PAGES} | {"documents": "Documents side by side"}
BUNDLED = Data("bundled", "Russia–Ukraine peace talks, 2025–2026", "ceasefire")
GENERATED = Data("generated", "Synthetic 8x12x6", "stance")
FIVE_PARTIES = "ukraine,russia,united-states,europe,turkiye"


def test_every_reader_page_is_checked():
    assert READER_PAGES == ["overview", "compare", "gaps", "timeline", "sources", "search", "documents", "briefing"]
    assert {view.partition("?")[0] for view in CHARTS} == set(READER_PAGES)


@pytest.fixture(scope="session")
def generated_url(start_app, tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("layout-data")
    write_synthetic_dataset(root, parties=8, issues=12, dates=6, dataset_id="synthetic")
    return start_app(root, {"PARLEY_DEFAULT_DATASET": "synthetic"})


@pytest.fixture(params=["bundled", "generated"])
def served(request) -> tuple[Data, str]:
    if request.param == "bundled":
        return BUNDLED, request.getfixturevalue("app_server")
    return GENERATED, request.getfixturevalue("generated_url")


def size(page) -> int:
    return page.viewport_size["width"]


def page_faults(page, data: Data, view: str) -> list[str]:
    """What is wrong on one page as drawn: a failure, a notice, a missing chart or heading, unreadable text."""
    faults = [f"exception: {e[:200]}" for e in exceptions(page)]
    faults += [f"notice: {t[:200]}" for t in page.locator('[data-testid="stAlert"]').all_inner_texts()]
    expected, name = CHARTS[view], view.partition("?")[0]
    drawn = wait_for_charts(page, expected) if expected else page.locator(CHART_SELECTOR).count()
    if drawn != expected:
        faults.append(f"{drawn} charts drawn, expected {expected}")
    if not page.locator('[data-testid="stSidebar"]').is_visible():
        faults.append("no sidebar")
    elif data.title not in page.locator('[data-testid="stSidebar"]').inner_text():
        faults.append(f"the sidebar does not name {data.title}")
    if not page.get_by_role("heading", name=HEADINGS[name], exact=True).first.is_visible():
        faults.append(f"no heading {HEADINGS[name]!r}")
    return faults + screen_problems(page) + charts_laid_out_again(page)


@pytest.mark.parametrize("viewport", ["page", "page_large"])
def test_every_page_reads_whole(request, served, viewport):
    data, url = served
    page = request.getfixturevalue(viewport)
    faults = {}
    for view in CHARTS:
        open_app(page, url, data.path(view))
        if found := page_faults(page, data, view):
            faults[view] = found
        if found or data is BUNDLED or view.startswith("timeline"):
            page.mouse.move(5, 5)
            screenshot(page, f"page-{view.replace('?chart=', '-')}-{size(page)}-{data.name}")
    assert faults == {}, (data.name, size(page))


def test_overview_with_five_parties_reads_whole(app_server, page):
    open_app(page, app_server, f"?parties={FIVE_PARTIES}")
    assert wait_for_charts(page) == 1
    assert exceptions(page) == []
    assert parse_qs(urlparse(page.url).query)["parties"] == [FIVE_PARTIES]
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "Ukraine, Russia, US, Europe, Türkiye" in main
    assert screen_problems(page) + charts_laid_out_again(page) == []
    screenshot(page, "page-overview-1280-five-parties")


def test_gaps_with_five_parties_draws_its_distances_once(app_server, page):
    open_app(page, app_server, f"gaps?parties={FIVE_PARTIES}")
    assert wait_for_charts(page, 3) == 3  # scales, ranked gaps, and the distances between parties
    assert exceptions(page) == []
    assert screen_problems(page) + charts_laid_out_again(page) == []


@pytest.mark.parametrize("viewport", ["page", "page_large"])
def test_every_briefing_screen_fits_above_the_fold(request, served, viewport):
    data, url = served
    page = request.getfixturevalue(viewport)
    open_app(page, url, "briefing?mode=brief")
    total = int(page.get_by_text(re.compile(r"^1 / \d+$")).first.inner_text().split("/")[1])
    assert total >= 10
    faults, seen = {}, []
    for n in range(total):
        page.get_by_text(f"{n + 1} / {total}", exact=True).wait_for(state="visible")
        wait_for_charts(page)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        heading = page.locator('[data-testid="stMain"] h1').last.inner_text().strip()
        query = parse_qs(urlparse(page.url).query)
        where = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
        parts = re.search(r"part (\d+) of (\d+)", where)
        seen.append((query.get("issue", [""])[0], int(query.get("part", ["1"])[0])))
        found = [f"exception: {e[:200]}" for e in exceptions(page)] + screen_problems(page) + below_the_fold(page)
        # Each party on the screen has its header and its stance card: two parties, or one a part when split.
        parties = page.locator(BRIEFING_FOLD["party"]).count()
        if parties != (1 if parts and parts.group(2) == "2" else 2):
            found.append(f"{parties} party cards ({where})")
        if found:
            faults[f"{n + 1} {heading}"] = found
        if found or n in (0, total - 1):
            page.mouse.move(5, 5)
            screenshot(page, f"briefing-two-parties-{data.name}-{size(page)}-{n + 1}")
        if n + 1 < total:
            page.get_by_role("button", name="Next").click()
            wait_for_app_run(page)
    assert faults == {}, (data.name, size(page))
    assert len(set(seen)) == total  # every screen its own link
    assert page.get_by_role("button", name="Next").is_disabled()


# --- the check catches what it must --------------------------------------------------------


@pytest.fixture(scope="module")
def faulty_app() -> str:
    server = start_server(BUNDLED_DATA, name="clipped-chart-app", script=FIXTURE_APP)
    yield server.url
    server.stop()


def test_the_check_catches_cut_chart_labels_and_a_cut_card(faulty_app, page):
    open_app(page, faulty_app)
    assert wait_for_charts(page, 2) == 2
    assert exceptions(page) == []
    problems = screen_problems(page)
    cut = {}
    for problem in problems:
        if m := re.fullmatch(r"chart (\d): text cut at the edge: (.+)", problem):
            cut.setdefault(int(m.group(1)), set()).add(m.group(2))
    # The old events chart: each kind's label cut to its last letters ("ks", "lls", "nts").
    assert cut[1] == {"talks", "calls", "statements"}
    # The value axis: "100" cut to "00"; the shorter numbers fit.
    assert cut[2] == {"100"}
    assert any(
        p.startswith("text wider than its box") and "Card text far too long for its fixed-width card" in p
        for p in problems
    ), problems
    assert len(problems) == 5, problems
    # The card sits below the fold of a 1280x720 screen; the title does not.
    card = '[data-testid="stMarkdownContainer"] div'
    assert below_the_fold(page, {"title": '[data-testid="stMain"] h1'}) == []
    assert [p.split(" (")[0] for p in below_the_fold(page, {"card": card})] == ["card not fully on screen"]
    # Measured as a briefing screen: its headline shows, the second chart runs past the fold, no controls or cards.
    assert [p.split(" (")[0] for p in below_the_fold(page)] == [
        "no Next button on the screen",
        "chart not fully on screen",
        "no party on the screen",
        "no stance on the screen",
    ]
    screenshot(page, "layout-faults-1280")
