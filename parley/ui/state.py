"""The shared sidebar and the view state every page reads.

Every choice lives in the URL (widgets bound with bind="query-params", the key being the
parameter name), so reloading or pasting a link reopens the same view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from parley.load import LoadResult, data_dir
from parley.model import Dataset
from parley.palette import party_colors
from parley.text import markdown_safe
from parley.ui import data
from parley.ui.safe import problem_list

DEFAULT_DATASET_ENV = "PARLEY_DEFAULT_DATASET"
STATE_KEY = "_parley_view"


@dataclass(frozen=True)
class View:
    dataset_id: str
    dataset: Dataset
    signature: tuple
    parties: list[str]
    as_of: dt.date
    colors: dict[str, str] = field(default_factory=dict)

    @property
    def as_of_key(self) -> str:
        return self.as_of.isoformat()

    def positions(self) -> pd.DataFrame:
        return data.positions(self.dataset_id, self.signature)

    def current(self) -> pd.DataFrame:
        return data.in_force(self.dataset_id, self.signature, self.as_of_key)

    def issue_gaps(self, parties: list[str] | None = None) -> pd.DataFrame:
        return data.issue_gaps(self.dataset_id, self.signature, self.as_of_key, tuple(parties or self.parties))

    def short(self, party_id: str) -> str:
        return self.dataset.party(party_id).short


def _default_dataset(loaded: list[str]) -> str:
    import os

    wanted = os.environ.get(DEFAULT_DATASET_ENV, "russia-ukraine-2025")
    return wanted if wanted in loaded else loaded[0]


def render_sidebar() -> View | None:
    """Draw the shared sidebar; None (with the reason shown) when no dataset can be served."""
    results = data.load_results()
    loaded = [i for i, r in results.items() if r.ok]
    broken = {i: r for i, r in results.items() if not r.ok}
    with st.sidebar:
        if not loaded:
            _no_data(broken)
            return None
        default = _default_dataset(loaded)
        # Options are folder ids without a format_func, so the URL carries the stable id (a
        # bound widget writes its displayed label to the URL); the title is shown beneath.
        dataset_id = st.selectbox(
            "Dataset",
            loaded,
            index=loaded.index(default),
            key="dataset",
            bind="query-params",
        )
        ds = results[dataset_id].dataset
        st.caption(markdown_safe(ds.info.title))
        ids = [p.id for p in ds.parties]
        shorts = {p.id: p.short for p in ds.parties}
        chosen = st.multiselect(
            "Parties shown",
            ids,
            default=[p for p in ds.info.default_parties if p in ids],
            format_func=lambda i: shorts[i],
            key="parties",
            bind="query-params",
            help="Every view shows these parties, in this order of the data.",
        )
        first = min((p.date for p in ds.positions), default=ds.info.as_of)
        as_of = st.date_input(
            "Positions as of",
            value=ds.info.as_of,
            min_value=min(first, ds.info.as_of),
            max_value=ds.info.as_of,
            key="as_of",
            bind="query-params",
            format="YYYY-MM-DD",
            help="Each party's latest position dated on or before this day.",
        )
        st.caption(f"Data as of {ds.info.as_of:%d %b %Y}")
        _start_briefing()
        if broken:
            _broken_notice(broken)
    folder = data_dir() / dataset_id
    view = View(
        dataset_id=dataset_id,
        dataset=ds,
        signature=data._signature(folder),
        parties=[p for p in ids if p in chosen],
        as_of=as_of if isinstance(as_of, dt.date) else ds.info.as_of,
        colors=party_colors(ds.parties),
    )
    st.session_state[STATE_KEY] = view
    return view


def _start_briefing() -> None:
    """A link into briefing mode (pages/briefing.py) carrying the selection's URL parameters as they stand."""
    params = {
        k: st.query_params.get_all(k)
        for k in ("dataset", "parties", "as_of", "issue", "issues")
        if k in st.query_params
    }
    st.page_link(
        "pages/briefing.py",
        label="Start briefing",
        icon=":material/co_present:",
        query_params={"mode": "brief", **params},
        help="Full screen for screensharing: one issue per screen, sidebar hidden. Exit from the screen.",
    )


def view() -> View:
    """The view state the sidebar set in this run; pages call this instead of drawing controls."""
    if STATE_KEY not in st.session_state:
        _rerun_through_dashboard()
    return st.session_state[STATE_KEY]


def _rerun_through_dashboard() -> None:
    """Recover a deep link opened as the first request to a fresh server.

    Streamlit sees the pages/ folder and runs that first script as a v1 multipage app: the page
    alone, without dashboard.py (no sidebar, no view state). Only st.navigation clears the flag,
    so clear it here and rerun; dashboard.py then draws the sidebar and routes to the same page.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()


def _no_data(broken: dict[str, LoadResult]) -> None:
    st.error(f"No dataset could be loaded from {data_dir()}.")
    if broken:
        _broken_notice(broken, expanded=True)


def _broken_notice(broken: dict[str, LoadResult], expanded: bool = False) -> None:
    st.warning(f"{len(broken)} dataset(s) not shown because of errors in their files.")
    for dataset_id, outcome in broken.items():
        with st.expander(f"Problems in {markdown_safe(dataset_id)}", expanded=expanded):
            problem_list(outcome.problems)
