"""Parley: negotiation positions side by side. Run with `./parley.sh run`."""

# numpy before anything draws a chart: plotly looks numpy up without importing it, so a first page
# run that meets a numpy half-imported by another session's first run would fail.
import numpy  # noqa: F401
import streamlit as st

from parley.ui.shell import run

st.set_page_config(page_title="Parley", page_icon=":material/balance:", layout="wide")
# Less empty space above each page's title, so a 720px-high screenshare shows more of the view.
st.html("<style>[data-testid='stMainBlockContainer'] { padding-top: 2.5rem; }</style>")
run()
