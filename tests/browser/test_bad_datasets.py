"""One server, one good dataset beside every kind of broken or unusual one.

The data folder holds the mini fixture, four folders that cannot load (a file nested a hundred
thousand levels deep, a field nested a thousand levels, a file just under 32 MB of failing
items, a 1 MB file with some forty thousand problems) and five that load but are thin or odd
(empty positions, positions [], a position dated 0001-01-01 with data as of 9999-12-31, no
events with one party and one issue). The server stays up, the good dataset is served at once
and on every page, each broken dataset is named in the sidebar with a short list of its
problems, a link to one shows only its problems, and every page of the odd ones draws and says
what is missing.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest

from tests.support.browser import (
    CHART_SELECTOR,
    exceptions,
    open_app,
    screen_problems,
    screenshot,
    start_server,
    wait_for_app_run,
    wait_for_charts,
)

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
MINI_TITLE = "Mini negotiation (test fixture)"
NESTED_FIELD = "{a: " * 1_000 + "x" + "}" * 1_000
HUGE_ITEMS = 320_000
# The good dataset must be served this soon after the server answers, whatever the others hold.
GOOD_WITHIN_S = 30

# What each broken dataset's problems start with. The huge one is refused at its 250,001st entry, or,
# on a machine too busy to read that far within the load's time limit, stopped at the limit.
BROKEN = {
    "brackets": ("positions.yaml, line 1: the data is nested more than 32 levels deep.",),
    "deep-field": ("positions.yaml, line 77: the data is nested more than 32 levels deep.",),
    "huge": (
        f"positions.yaml, line {4 * 250_000 + 1:d}: the file holds more than 250,000 entries.",
        "checking stopped: the dataset took longer than 120 s to read.",
    ),
    "many-problems": ("checking stopped after 20,000 problems.",),
}
ODD = ("calendar-ends", "empty-positions", "no-positions", "one-party")


def _copy(root: Path, name: str, **files: str | None) -> None:
    """A copy of the mini fixture as root/name, with files replaced (None: removed)."""
    folder = root / name
    shutil.copytree(MINI, folder)
    for file, text in files.items():
        if text is None:
            (folder / file).unlink()
        else:
            (folder / file).write_text(text, encoding="utf-8")


def _failing(count: int, note: int = 0) -> str:
    """Positions that each fail four checks (unknown party; no stance, basis, confidence)."""
    padding = f"  note: {'n' * note}\n" if note else ""
    days = (dt.date(2000, 1, 1) + dt.timedelta(days=n) for n in range(count))
    return "".join(f"- party: nobody\n  issue: trade\n  date: {day}\n{padding}" for day in days)


def build(root: Path) -> Path:
    _copy(root, "mini")
    _copy(root, "brackets", **{"positions.yaml": "[" * 100_000 + "]" * 100_000 + "\n"})
    mini_positions = (MINI / "positions.yaml").read_text(encoding="utf-8")
    field = f"- party: red\n  issue: trade\n  date: 2025-03-01\n  stance: {NESTED_FIELD}\n"
    _copy(root, "deep-field", **{"positions.yaml": mini_positions + field})
    # Just under the 32,000,000-byte file limit: every item is read, then the file is refused.
    item = len(_failing(1))
    huge = _failing(HUGE_ITEMS, note=31_990_000 // HUGE_ITEMS - item - 9)
    size = len(huge.encode())
    assert 31_000_000 < size < 32_000_000, size
    _copy(root, "huge", **{"positions.yaml": huge})
    many = _failing(10_000, note=50)  # about 1 MB, four problems each
    size = len(many.encode())
    assert 900_000 < size < 1_100_000, size
    _copy(root, "many-problems", **{"positions.yaml": many})
    _copy(root, "empty-positions", **{"positions.yaml": ""})
    _copy(root, "no-positions", **{"positions.yaml": "[]\n"})
    first_day = mini_positions.replace("date: 2025-01-10\n  stance: Restore", "date: 0001-01-01\n  stance: Restore")
    info = (MINI / "dataset.yaml").read_text(encoding="utf-8").replace("as_of: 2025-03-01", "as_of: 9999-12-31")
    _copy(root, "calendar-ends", **{"positions.yaml": first_day, "dataset.yaml": info})
    _copy(
        root,
        "one-party",
        **{
            "events.yaml": None,
            "dataset.yaml": "title: One party, one issue\nas_of: 2025-03-01\ndefault_parties: [solo, solo]\n",
            "parties.yaml": "- {id: solo, name: Solo State, short: Solo, role: negotiating_party}\n",
            "issues.yaml": "- id: only\n  name: The only issue\n  group: All\n  question: How far?\n"
            "  scale: {low: Not at all, high: All the way}\n",
            "positions.yaml": "- party: solo\n  issue: only\n  date: 2025-02-01\n  stance: Halfway\n  value: 50\n"
            "  basis: stated\n  confidence: high\n"
            '  evidence:\n    - {source: blue-note, quote: "We want the old line restored"}\n',
        },
    )
    return root


@pytest.fixture(scope="module")
def timings() -> dict[str, float]:
    found: dict[str, float] = {}
    yield found
    shown = ", ".join(f"{k} {v:.1f}" for k, v in found.items() if k != "started")
    print(f"\nbad datasets, seconds after the server was started: {shown}")


@pytest.fixture(scope="module")
def bad_server(tmp_path_factory, timings):
    root = build(tmp_path_factory.mktemp("bad-data"))
    started = time.monotonic()
    server = start_server(root, {"PARLEY_DEFAULT_DATASET": "mini"}, name="bad-datasets")
    timings["healthy"] = time.monotonic() - started
    timings["started"] = started
    yield server
    alive = server.process.poll() is None
    server.stop()
    assert alive, f"the server stopped:\n{server.log_tail()}"


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def main_alerts(page) -> list[str]:
    return page.locator('[data-testid="stMain"] [data-testid="stAlert"]').all_inner_texts()


def test_the_good_dataset_is_served_while_the_others_are_read(bad_server, page, timings):
    # The first page: while the pathological folders are still being read.
    open_app(page, bad_server.url, timeout_ms=180_000)
    timings["good served"] = time.monotonic() - timings["started"]
    assert exceptions(page) == []
    assert MINI_TITLE in sidebar(page).inner_text()
    assert wait_for_charts(page, 1) == 1
    assert timings["good served"] - timings["healthy"] < GOOD_WITHIN_S, timings
    screenshot(page, "bad-datasets-first-page")


# The charts each view draws on the mini dataset with its default parties: every page, and Timeline's
# other two tabs (it opens on its events).
CHARTS = {
    "Overview": 1,
    "Compare": 0,
    "Gaps": 2,
    "Timeline": 1,
    "Timeline · positions": 1,
    "Timeline · gaps": 1,
    "Sources": 0,
    "Briefing": 1,
}
TIMELINE_TABS = {"Timeline · positions": "Positions on one issue", "Timeline · gaps": "Gaps between two parties"}


def each_page(page, url: str, dataset: str):
    """The dataset's Overview by its link, then every other view from the sidebar and Timeline's
    tabs, as a reader moves; yields each view's name (a page's title, or Timeline's and its tab's)."""
    open_app(page, url, f"?dataset={dataset}")
    yield "Overview"
    for title in [view for view in CHARTS if view != "Overview" and view not in TIMELINE_TABS]:
        sidebar(page).locator('[data-testid="stPageLink"]').get_by_text(title, exact=True).click()
        page.wait_for_function(
            "title => document.querySelector('[data-testid=\"stMain\"] h1')?.innerText.trim() === title", arg=title
        )
        wait_for_app_run(page)
        yield title
        if title == "Timeline":
            for view, label in TIMELINE_TABS.items():
                page.get_by_role("tab", name=label).click()
                page.wait_for_function(
                    'label => document.querySelector(\'[role="tab"][aria-selected="true"]\')?.innerText.trim()'
                    " === label",
                    arg=label,
                )
                wait_for_app_run(page)
                yield view


# What each page of the odd datasets says is missing (sentences in the main area, page by page).
MISSING = {
    "empty-positions": {
        "Overview": ["No issue has two of the chosen parties placed on its scale."],
        "Compare": ["No position on record as of this date; not zero, not agreement."],
        "Gaps": ["no chosen party has a position shown", "have no issue in common on the scale"],
        "Timeline": ["No position of the chosen parties was added, changed or withdrawn between these dates."],
        "Sources": ["3 sources published on or before 01 March 2025"],
        "Briefing": ["No source cited on this screen."],
    },
    "one-party": {
        "Overview": ["No issue has two of the chosen parties placed on its scale."],
        "Compare": ["This dataset has only one party: there is no gap to show."],
        "Gaps": ["This dataset has only one party: there are no distances between parties to show."],
        "Timeline": ["no events recorded in this period"],
        "Timeline · gaps": ["This dataset has only one party: there is no gap between two parties to show."],
        "Sources": [],
        "Briefing": ["The only issue"],
    },
    "calendar-ends": {
        "Overview": ["positions as of 31 December 9999"],
        "Compare": ["01 Jan 1 · stated"],
        "Gaps": ["Positions as of 31 December 9999."],
        "Timeline": ["01 Jan 1 – 31 Dec 9999."],
        "Sources": [],
        "Briefing": ["Positions as of 31 Dec 9999"],
    },
}
MISSING["no-positions"] = MISSING["empty-positions"]


@pytest.mark.parametrize("name", ODD)
def test_every_page_of_a_thin_or_odd_dataset_draws_and_says_what_is_missing(bad_server, page, name):
    # Served while the broken folders are still being read. One party: no chart of the gap between two parties.
    charts = {**CHARTS, "Timeline · gaps": 0} if name == "one-party" else CHARTS
    for title in each_page(page, bad_server.url, name):
        assert exceptions(page) == [], title
        text = main_text(page)
        assert "could not be drawn" not in text, title
        for sentence in MISSING[name].get(title, []):
            assert sentence in text, (title, sentence)
        if charts[title]:
            assert wait_for_charts(page, charts[title]) == charts[title], title
        else:
            assert page.locator(CHART_SELECTOR).count() == 0, title
        assert sidebar(page).locator('[data-testid="stSelectbox"] input').input_value() == name
        assert screen_problems(page) == [], (title, name)
    screenshot(page, f"bad-datasets-{name}-briefing")


@pytest.fixture(scope="module")
def all_read(bad_server, chromium, timings) -> str:
    """The sidebar's text once it names every broken dataset (their reading goes on after the first page)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    deadline = time.monotonic() + 200  # past the load's own limit (120 s), and the reader's (150 s)
    try:
        while True:
            open_app(page, bad_server.url, "?dataset=mini")
            text = sidebar(page).inner_text()
            if f"{len(BROKEN)} dataset(s) not shown because of errors in their files." in text:
                timings["all listed"] = time.monotonic() - timings["started"]
                return text
            assert bad_server.process.poll() is None, bad_server.log_tail()
            assert time.monotonic() < deadline, text
            assert "Still reading" in text  # a folder not yet listed is named as being read
            page.wait_for_timeout(2_000)
    finally:
        context.close()


def code_lines(block) -> list[str]:
    """The problems in a code block, one per line (long ones wrap on screen, not in the text)."""
    return [line for line in block.inner_text().splitlines() if line.strip()]


MANY_MORE = [
    f"positions.yaml: and 6,657 more of the same kind as “the required field '{field}' is missing”"
    for field in ("stance", "basis", "confidence")
]
MANY_STOPPED = "checking stopped after 20,000 problems. Fix: fix the problems listed, then load again"


def test_each_broken_dataset_is_named_in_the_sidebar_with_a_short_list_of_its_problems(bad_server, all_read, page):
    open_app(page, bad_server.url, "?dataset=mini")
    text = sidebar(page).inner_text()
    assert "Still reading" not in text
    for name in BROKEN:
        assert f"Problems in {name}" in text
    for name, problem in BROKEN.items():  # problem: the starts it may have
        expander = sidebar(page).locator('[data-testid="stExpander"]').filter(has_text=f"Problems in {name}")
        expander.locator("summary").click()
        code = expander.locator('[data-testid="stCode"]')
        code.wait_for(state="visible")
        lines = code_lines(code)
        assert any(line.startswith(problem) for line in lines), (name, lines[:5])
        assert len(lines) <= 10, (name, lines)
    # The 40,000 problems (four in each item; checking stops after 20,000): the first three in full, then
    # one line per kind with the count of the rest, why checking stopped, and a link to every one.
    expander = sidebar(page).locator('[data-testid="stExpander"]').filter(has_text="Problems in many-problems")
    lines = code_lines(expander.locator('[data-testid="stCode"]'))
    assert len(lines) == 7, lines
    assert lines[0].startswith("positions.yaml, line 1: position 1 (nobody on trade, 2000-01-01), field 'stance'")
    assert [line.split(". Fix:")[0] for line in lines[3:6]] == MANY_MORE
    assert lines[6] == MANY_STOPPED
    assert "The first 3 of 30 problems listed in full." in expander.inner_text()
    screenshot(page, "bad-datasets-sidebar-problems")
    assert exceptions(page) == []
    assert screen_problems(page) == []
    # All four lists open: a few screens of sidebar (every problem in full made it 11,000 px).
    height = page.evaluate("() => document.querySelector('[data-testid=\"stSidebarContent\"]').scrollHeight")
    assert height < 6_000, height
    # Its link lists every problem, at the main area's width.
    expander.get_by_role("link", name="See all problems").click()
    page.wait_for_function("() => location.search.includes('dataset=many-problems')")
    wait_for_app_run(page)
    lines = code_lines(page.locator('[data-testid="stMain"] [data-testid="stCode"]'))
    full = [line for line in lines if line.startswith("positions.yaml, line ")]
    assert len(full) == 30 and len(lines) == 34, lines
    assert [line.split(". Fix:")[0] for line in lines[30:33]] == MANY_MORE
    assert lines[-1] == MANY_STOPPED


def test_the_good_dataset_is_served_on_every_page(bad_server, all_read, page):
    for title in each_page(page, bad_server.url, "mini"):
        assert exceptions(page) == [], title
        assert main_alerts(page) == [], title  # no notice, no "could not be drawn"
        assert page.get_by_role("heading", name=title.partition(" · ")[0], exact=True).first.is_visible()
        assert MINI_TITLE in sidebar(page).inner_text()
        if CHARTS[title]:
            assert wait_for_charts(page, CHARTS[title]) == CHARTS[title], title
        else:
            assert page.locator(CHART_SELECTOR).count() == 0, title
        assert screen_problems(page) == [], title


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_link_naming_a_broken_dataset_shows_its_problems_and_nothing_else(bad_server, all_read, page, name):
    open_app(page, bad_server.url, f"gaps?dataset={name}&parties=blue,red")
    assert exceptions(page) == []
    text = main_text(page)
    assert f"The dataset “{name}” named in the link could not be loaded." in text
    assert "Nothing else is shown in its place" in text
    problems = code_lines(page.locator('[data-testid="stMain"] [data-testid="stCode"]'))
    assert any(line.startswith(BROKEN[name]) for line in problems), problems
    assert len(problems) <= 34
    assert page.locator(CHART_SELECTOR).count() == 0
    for other in (MINI_TITLE, "Blue", "Red", "Border line", "Gaps"):
        assert other not in text.replace(f"“{name}”", ""), other
    # The sidebar names the other broken datasets, their problems folded; no dataset is chosen.
    assert sidebar(page).locator('[data-testid="stCode"]:visible').count() == 0
    assert sidebar(page).locator('[data-testid="stSelectbox"] input').input_value() == ""
    assert screen_problems(page) == []
    screenshot(page, f"bad-datasets-link-{name}")
