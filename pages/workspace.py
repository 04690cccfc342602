"""Coding workspace: analysts add and correct sources, positions and events; a second analyst reviews."""

import streamlit as st

from parley.ui.coding.workspace import workspace
from parley.ui.shell import page

ctx = page()
st.title("Coding workspace")
workspace(ctx)
