"""Parley: negotiation positions side by side. Run with `./parley.sh run`."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAPIException

from parley.ui.state import render_sidebar

PAGES = Path(__file__).parent / "pages"
log = logging.getLogger("parley")

st.set_page_config(page_title="Parley", page_icon=":material/balance:", layout="wide")
# Less empty space above each page's title, so a 720px-high screenshare shows more of the view.
st.html("<style>[data-testid='stMainBlockContainer'] { padding-top: 2.5rem; }</style>")

briefing = st.Page(PAGES / "briefing.py", title="Briefing", icon=":material/co_present:")
page = st.navigation(
    [
        st.Page(PAGES / "overview.py", title="Overview", icon=":material/grid_view:", default=True),
        st.Page(PAGES / "compare.py", title="Compare", icon=":material/compare_arrows:"),
        st.Page(PAGES / "gaps.py", title="Gaps", icon=":material/straighten:"),
        st.Page(PAGES / "timeline.py", title="Timeline", icon=":material/timeline:"),
        st.Page(PAGES / "sources.py", title="Sources", icon=":material/menu_book:"),
        briefing,
    ]
)
if st.query_params.get("mode") == "brief" and page.url_path != briefing.url_path:
    # ?mode=brief on any page opens briefing mode (pages/briefing.py explains the choice), with the
    # link's parameters; ones already bound to sidebar widgets are kept by the session instead.
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    try:
        st.switch_page(briefing, query_params=params)
    except StreamlitAPIException:
        st.switch_page(briefing, query_params={k: v for k, v in params.items() if k in ("mode", "issue", "slide")})

if render_sidebar() is None:
    st.title("Parley")
    st.info("Add a dataset folder to the data directory (see data/CODEBOOK.md), then reload.")
    st.stop()

try:
    page.run()
except Exception:
    log.exception("page %s failed", page.title)
    st.error(
        f"The {page.title} page could not be drawn. The other pages still work; "
        "if this persists, check the dataset files for the problem named in the server log."
    )
