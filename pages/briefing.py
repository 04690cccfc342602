"""Briefing: one issue per screen for screensharing, and the briefing pack to take away.

Why a page and a mode: briefing is this page (listed in dashboard.py like the others), and
`mode=brief` is a presentation flag on it. Without the flag the page is where a briefer
prepares: the same screens with the sidebar beside them, a "Start briefing" button and the
pack downloads. With it, dashboard.py routes any URL carrying `mode=brief` to this page, and
the page hides the sidebar and header (CSS injected only then) and enlarges the type. One
page keeps one set of code, one URL scheme (`/briefing?mode=brief&issue=border&dataset=..
&parties=..&as_of=..`) and the sidebar's bound selection, which still runs (hidden) so that
dataset, parties and as-of date stay in every screen's link.
"""

import streamlit as st

from parley.export.pack import build_pack
from parley.tables import issues_frame
from parley.ui import briefing
from parley.ui.state import view

v = view()
brief = briefing.brief_mode()
if brief:
    briefing.inject_brief_css()
else:
    st.title("Briefing")
    st.caption(
        "One issue per screen, large type, for screensharing at 1280 x 720 or on a projector. "
        "Every screen has its own link. Prepare a pack below to hand out afterwards."
    )

if not v.parties:
    st.info("Choose at least one party in the sidebar.")
    if brief:
        st.button("Exit briefing", key="brief-exit", on_click=briefing.set_mode, args=(False,))
    st.stop()

issues = issues_frame(v.dataset)
names = dict(zip(issues["issue"], issues["name"], strict=True))
ids = briefing.chosen_issues(names)
if not brief:
    briefing.issue_picker(names, ids)
pack = build_pack(v.dataset, v.parties, v.as_of, issues=ids, positions=v.positions(), colors=v.colors)
index = briefing.current_index(ids, names)

briefing.screen(pack, index, ids, v, brief)

if not brief:
    st.divider()
    st.subheader("Briefing pack", anchor=False)
    briefing.pack_downloads(pack)
