"""Briefing: one issue per screen for screensharing, and the briefing pack to take away.

Why a page and a mode: briefing is this page, and `mode=brief` is a presentation flag on it.
Without the flag the page is where a briefer prepares: the same screens with the sidebar beside
them, a "Start briefing" button and the pack downloads. With it, the shell routes any URL
carrying `mode=brief` here, and the page hides the sidebar and header (CSS injected only then)
and enlarges the type. One page keeps one set of code and one URL scheme
(`/briefing?mode=brief&issue=border&dataset=..&parties=..&as_of=..`).
"""

import streamlit as st

from parley.record import issue_order
from parley.ui import briefing_screen
from parley.ui.packs import pack_downloads
from parley.ui.shell import page
from parley.ui.url_state import bound, writes

ctx = page()
v, results = ctx.view, ctx.results
if v.brief:
    st.html(briefing_screen.BRIEF_CSS)
else:
    st.title("Briefing")
    st.caption(
        "One issue per screen, large type, for screensharing at 1280 x 720 or on a projector. Every screen has its "
        "own link; ← → or Page Up / Page Down move between screens. Prepare a pack below to hand out afterwards."
    )
if not v.parties or not v.dataset.issues:
    st.info("Choose at least one party in the sidebar." if v.dataset.issues else "This dataset has no issues yet.")
    if v.brief:
        st.button("Exit briefing", key="brief-exit", on_click=briefing_screen.set_mode, args=(False,))
    st.stop()

names = {i.id: i.name for i in issue_order(v.dataset)}
ids = list(v.issues) or list(names)
if not v.brief:
    st.multiselect(
        "Issues to brief",
        list(names),
        key=bound("w_brief_issues", list(v.issues)),
        format_func=names.get,
        on_change=writes("issues", "w_brief_issues", tuple, issue=None),
        placeholder="All issues",
    )
brief = results.brief(tuple(ids))
screens = briefing_screen.screens_of(results, brief)
briefing_screen.screen(v, results, brief, screens, briefing_screen.position_of(screens, v.issue, v.part))

if not v.brief:
    st.divider()
    st.subheader("Briefing pack", anchor=False)
    pack_downloads(v, brief)
