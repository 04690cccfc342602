"""Parley: negotiation positions side by side. Run with `./parley.sh run`."""

# numpy before anything draws a chart: plotly looks numpy up without importing it, so a first page
# run that meets a numpy half-imported by another session's first run would fail.
import numpy  # noqa: F401
import streamlit as st

from parley.ui.shell import run

st.set_page_config(page_title="Parley", page_icon=":material/balance:", layout="wide")
# Less empty space above each page's title, so a 720px-high screenshare shows more of the view.
# An invisible italic character loads the italic face as the page opens: a chart with italic
# labels would otherwise draw twice, again once the face arrives (0.1-0.4 s of redrawing here).
st.html(
    "<style>[data-testid='stMainBlockContainer'] { padding-top: 2.5rem; }"
    "[data-testid='stMainBlockContainer']::after { content: '\\200B' / ''; font-style: italic; position: absolute; }"
    "</style>"
)
run()
