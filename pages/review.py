"""Review: each draft beside the approved version it changes; approve it, send it back, or reject it."""

import streamlit as st

from parley.ui.coding.review import review
from parley.ui.shell import page

ctx = page()
st.title("Review")
review(ctx)
