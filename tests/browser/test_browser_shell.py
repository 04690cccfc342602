"""The app starts under `streamlit run` and draws in Chromium without a traceback; a deep link that is
a fresh server's very first request opens that page, with the shell around it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

from tests.support.browser import exceptions, open_app, screen_problems, screenshot, wait_for_app_run, wait_for_charts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fresh(name: str) -> dict[str, str]:
    """An environment no other test uses, so start_app starts a server of its own for this test."""
    return {"PARLEY_TEST_SERVER": name}


def test_bundled_app_opens(app_server, page):
    open_app(page, app_server)
    assert exceptions(page) == []
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.is_visible()
    assert wait_for_charts(page, 1) == 1
    assert page.get_by_role("heading", name="Overview").is_visible()
    # Parley draws its own page list; Streamlit's is hidden, so no page shows twice.
    links = sidebar.locator('[data-testid="stPageLink"]').all_inner_texts()
    assert [t.split("\n")[-1].strip() for t in links] == [
        "Overview",
        "Compare",
        "Gaps",
        "Timeline",
        "Sources",
        "Search",
        "Documents",
        "Briefing",
        "Coding report",
        "History",
        "Coding workspace",
        "Review",
        "Start briefing",
    ]
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    assert screen_problems(page) == []
    screenshot(page, "shell-bundled-1280")


def test_deep_link_on_a_fresh_server_serves_the_fixture_dataset(start_app, page_large):
    env = fresh("deep-link")
    url = start_app(FIXTURES, env)  # a new server: this deep link is its very first script run
    # An older link: the source and the party by name.
    open_app(page_large, url, "sources?source=Blue+foreign+ministry+note&parties=Blue")
    assert exceptions(page_large) == []
    sidebar = page_large.locator('[data-testid="stSidebar"]')
    chosen = sidebar.locator('[data-testid="stSelectbox"] input')
    assert chosen.input_value() == "mini"
    assert page_large.get_by_role("heading", name="Sources").is_visible()
    main = page_large.locator('[data-testid="stMain"]').inner_text()
    assert "“We want the old line restored”" in main and "10 Jan 2025 · Blue · Border line" in main
    page_large.wait_for_function("() => location.search.includes('source=blue-note')")
    assert parse_qs(urlparse(page_large.url).query) == {
        "dataset": ["mini"],
        "parties": ["blue"],
        "source": ["blue-note"],
    }
    assert sidebar.locator('[data-testid="stSidebarNav"]').count() == 0  # the shell's own page list only
    assert sidebar.get_by_text("Gaps", exact=True).is_visible()
    assert start_app(FIXTURES, env) == url  # one server per data folder (and environment) per session
    assert screen_problems(page_large) == []
    screenshot(page_large, "shell-fixture-sources-1920")


def test_the_first_clicks_after_a_deep_link_on_a_fresh_server_work(start_app, page):
    url = start_app(FIXTURES, fresh("deep-link-clicks"))
    open_app(page, url, "briefing?issue=trade&parties=blue,red,green")
    assert exceptions(page) == []
    # The sidebar: removing a party rewrites the link and the screen.
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Remove Green").click()
    page.wait_for_function("() => !location.search.includes('green')")
    wait_for_app_run(page)
    assert parse_qs(urlparse(page.url).query) == {"dataset": ["mini"], "issue": ["trade"]}
    assert "Green Union" not in page.locator('[data-testid="stMain"]').inner_text()
    # The page: a button that builds a file.
    page.get_by_role("button", name="Prepare spreadsheet").click()
    wait_for_app_run(page)
    assert page.get_by_role("button", name="CSV").is_visible() and page.get_by_role("button", name="Excel").is_visible()
    assert screen_problems(page) == []


def test_an_unknown_dataset_in_a_link_says_what_is_shown_instead(start_app, page):
    url = start_app(FIXTURES)
    open_app(page, url, "gaps?dataset=elsewhere&parties=blue,purple")
    assert wait_for_charts(page, 2) == 2
    notices = page.locator(
        '[data-testid="stAlertContentWarning"] [data-testid="stMarkdownContainer"]'
    ).all_inner_texts()
    assert [n.strip() for n in notices] == [
        "There is no dataset “elsewhere”: showing “Mini negotiation (test fixture)” (mini) instead.",
        "The link names parties not in this dataset (purple): left out; showing Blue.",
    ]
    page.wait_for_function("() => location.search.includes('dataset=mini')")
    assert parse_qs(urlparse(page.url).query) == {"dataset": ["mini"], "parties": ["blue"]}
    assert screen_problems(page) == []
