"""The app around every page: its pages, navigation, shared sidebar and the view each page reads.

The shell runs in dashboard.py on every rerun: it reads the URL into a view (parley.selection),
draws the sidebar, says what the link asked for that cannot be shown, and then runs the page.
Pages call `page()` for the view and its results instead of drawing shared controls.
"""

from __future__ import annotations

import contextvars
import logging
import os
import runpy
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from parley import urls
from parley.access import EDITOR, REVIEWER, User
from parley.catalog import Entry
from parley.load import data_dir
from parley.results import CACHE, Results
from parley.selection import Unavailable, View, resolve
from parley.store import Store
from parley.text import markdown_safe
from parley.ui import data
from parley.ui.auth import current_user
from parley.ui.safe import problem_list
from parley.ui.sidebar import render_sidebar
from parley.ui.url_state import VIEW_KEY, sync

PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"
DASHBOARD = PAGES_DIR.parent / "dashboard.py"
DEFAULT_DATASET_ENV = "PARLEY_DEFAULT_DATASET"
DEFAULT_DATASET = "russia-ukraine-2025"
log = logging.getLogger("parley")


@dataclass(frozen=True)
class PageSpec:
    name: str  # the file stem and URL path
    title: str
    icon: str
    section: str
    role: str | None = None  # listed only for users with this role (the page itself refuses others)
    charts: bool = True  # opens with a chart: its first visit fetches plotly.js at once (parley.ui.preload)


PAGES = (
    PageSpec("overview", "Overview", ":material/grid_view:", "Views"),
    PageSpec("compare", "Compare", ":material/compare_arrows:", "Views", charts=False),
    PageSpec("gaps", "Gaps", ":material/straighten:", "Views"),
    PageSpec("timeline", "Timeline", ":material/timeline:", "Views"),
    PageSpec("sources", "Sources", ":material/menu_book:", "Views", charts=False),
    PageSpec("search", "Search", ":material/search:", "Views", charts=False),
    PageSpec("documents", "Documents", ":material/description:", "Views"),
    PageSpec("briefing", "Briefing", ":material/co_present:", "Briefing"),
    PageSpec("report", "Coding report", ":material/fact_check:", "Analysts", charts=False),
    PageSpec("history", "History", ":material/history:", "Analysts", charts=False),
    PageSpec("workspace", "Coding workspace", ":material/edit_note:", "Analysts", role=EDITOR, charts=False),
    PageSpec("review", "Review", ":material/rate_review:", "Analysts", role=REVIEWER, charts=False),
)
FLASH_KEY = "_parley_flash"
OPEN_WHEN_READ_SECONDS = 1800  # a page opened before its dataset's folder was read waits this long for it
SEEN_KEY = "_parley_seen"


@dataclass(frozen=True)
class PageContext:
    view: View
    results: Results
    entries: dict[str, Entry]
    store: Store
    user: User


DEFAULT_PAGE = PAGES[0].name  # Overview, at the app's root address
_CURRENT: contextvars.ContextVar[PageContext | None] = contextvars.ContextVar("parley_page", default=None)


def st_pages() -> dict[str, st.Page]:
    return {
        # The default page lives at the app's root address; the others at their name.
        spec.name: st.Page(PAGES_DIR / f"{spec.name}.py", title=spec.title, icon=spec.icon, default=True)
        if spec.name == DEFAULT_PAGE
        else st.Page(PAGES_DIR / f"{spec.name}.py", title=spec.title, icon=spec.icon, url_path=spec.name)
        for spec in PAGES
    }


def default_dataset() -> str:
    return os.environ.get(DEFAULT_DATASET_ENV, DEFAULT_DATASET)


def results_for(view: View) -> Results:
    """The revision is the store's: the store's address goes into the key, so two stores never share a result."""
    return CACHE.results(view.dataset, (data.store_url(), view.revision), view.parties, view.as_of, view.filters)


def run() -> None:
    """Route, read the URL into a view, draw the sidebar and run the page."""
    pages = st_pages()
    page = st.navigation(list(pages.values()), position="hidden")
    name = next(n for n, p in pages.items() if p.url_path == page.url_path)
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    asked = urls.parse(name, params)
    if asked.brief and name != "briefing":
        # ?mode=brief on any page opens briefing mode with the link's own choices.
        st.switch_page(pages["briefing"], query_params=params)
    user = current_user()
    wanted = asked.dataset or default_dataset()
    entries, load = data.catalog(wanted)
    reading = data.reading()
    still_reading = wanted in reading and wanted not in entries
    if still_reading:
        named = " named in the link" if asked.dataset is not None else ""
        view = Unavailable(asked.dataset, f"The dataset “{wanted}”{named} is still being read")
    else:
        view = resolve(asked, entries, load, default_dataset())
    if isinstance(view, Unavailable):
        # The main area lists the problems of the dataset asked for; the others' stay folded.
        render_sidebar(None, entries, pages, user, open_problems=view.entry is None)
        if view.asked is not None:
            # A link to this same page (the sidebar's "See all problems") changes the view but not the
            # address bar: write the link's own parameters back, so the address names what is shown.
            st.query_params.from_dict(params)
        _still_reading(reading)
        if still_reading:
            _open_when_read(wanted, view.message)
        else:
            _unavailable(view)
        return
    st.session_state[VIEW_KEY] = view
    sync(view.link)
    results = results_for(view)
    render_sidebar(view, entries, pages, user)
    _still_reading(reading)
    for notice in view.notices:
        # A notice quotes what the link asked for: shown as text, never as markdown.
        st.warning(markdown_safe(notice), icon=":material/report:")
    _changed_under_you(view)
    if entries[view.dataset_id].note:
        st.info(markdown_safe(entries[view.dataset_id].note), icon=":material/info:")
    for message in st.session_state.pop(FLASH_KEY, []):
        st.success(markdown_safe(message))
    token = _CURRENT.set(PageContext(view, results, entries, data.store(data.store_url()), user))
    try:
        page.run()
    except Exception:
        log.exception("page %s failed", page.title)
        st.error(
            f"The {page.title} page could not be drawn. The other pages still work; "
            "if this persists, check the dataset files for the problem named in the server log."
        )
    finally:
        _CURRENT.reset(token)


def flash(message: str) -> None:
    """A message for the next run, for actions that rerun the page (a review decision, a restore)."""
    st.session_state.setdefault(FLASH_KEY, []).append(message)


def _still_reading(reading: dict[str, float]) -> None:
    """Name the dataset folders still being read, so a missing one is not taken for a missing dataset."""
    if reading:
        names = ", ".join(markdown_safe(name) for name in sorted(reading))
        with st.sidebar:
            st.caption(f"Still reading {len(reading)} dataset folder(s): {names}. They are listed here when ready.")


def _open_when_read(dataset_id: str, message: str) -> None:
    """Open the dataset asked for as soon as its folder is read: a reader who came early need not reload.

    The notice is redrawn every second with the time so far; each redraw also lets Streamlit end
    this run at once when the reader goes to another page meanwhile.
    """
    st.title("Parley")
    notice = st.empty()
    which = markdown_safe(message)
    deadline = time.monotonic() + OPEN_WHEN_READ_SECONDS
    while time.monotonic() < deadline:
        seconds = data.reading().get(dataset_id, 0.0)
        notice.info(
            f"{which} ({seconds:.0f} s so far): this page opens it as soon as it is read.",
            icon=":material/hourglass_top:",
        )
        if data.wait_for_folder(dataset_id, 1.0):
            st.rerun()
    notice.warning(
        f"{which} after {OPEN_WHEN_READ_SECONDS // 60} minutes: reload the page later.",
        icon=":material/hourglass_top:",
    )


def _changed_under_you(view: View) -> None:
    """Tell a reader whose dataset changed since this session last drew it (a new import, an approval)."""
    seen = st.session_state.setdefault(SEEN_KEY, {})
    before = seen.get(view.dataset_id)
    seen[view.dataset_id] = view.revision
    if before is not None and before != view.revision:
        st.info(
            "This dataset has changed since this page last showed it (a new import, or an approved edit): "
            "what you see now is the current version.",
            icon=":material/update:",
        )


def _unavailable(view: Unavailable) -> None:
    st.title("Parley")
    st.error(
        markdown_safe(view.message) + " Nothing else is shown in its place, so no other negotiation is mistaken for it."
    )
    if view.entry is not None and view.entry.problems:
        st.markdown("**Problems in its files** (each names the file, line, item and field):")
        problem_list(view.entry.problems)
    if view.asked is None:
        st.info(
            f"Add a dataset folder to the data directory ({markdown_safe(data_dir())}; see data/CODEBOOK.md), "
            "then reload."
        )


def page() -> PageContext:
    """The view and results of this run, for the page being drawn.

    A deep link opened as the first request to a fresh server runs the page alone: Streamlit sees
    the pages/ folder and treats the app as an old-style multipage app until st.navigation is
    called. The page then runs dashboard.py in this same run: it calls st.navigation (the public
    way to switch to the new behaviour), draws the shell and routes to the same page, so nothing
    this run carries (a button's click) is lost to a rerun.
    """
    context = _CURRENT.get()
    if context is None:
        runpy.run_path(str(DASHBOARD), run_name="__main__")
        st.stop()
    return context
