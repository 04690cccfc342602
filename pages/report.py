"""Coding report: what a reviewer must look at, each entry with the reason the analyst wrote down."""

import streamlit as st

from parley.report import coding_report
from parley.text import markdown_safe
from parley.ui.shell import page
from parley.wording import day

KINDS = {
    "weak": ("Weakly sourced", "Positions resting only on low-reliability sources or only on summaries."),
    "between anchors": ("Between anchors", "Values that are not one of the issue's anchors, with the reason given."),
    "same anchor": ("Same anchor, different values", "Two parties whose words echo one anchor, coded apart."),
    "evidence not near": ("Evidence not near", "Positions with no evidence dated within 14 days of them."),
}

ctx = page()
v = ctx.view
ds = v.dataset
st.title("Coding report")
st.caption(
    "What the loader cannot refuse but a reviewer should look at before the dataset is used in a meeting. The "
    "loader already refuses what breaks the codebook's rules (data/CODEBOOK.md, section 11)."
)
entries = ctx.results.loaded.memo("coding-report", lambda: coding_report(ds))
unexplained = [e for e in entries if not e.explained]
st.markdown(
    f"**{len(entries)}** entries for {len(ds.positions)} positions; "
    + (f"**{len(unexplained)} not explained**." if unexplained else "every one is explained.")
)
for kind, (title, about) in KINDS.items():
    found = [e for e in entries if e.kind == kind]
    if not found:
        continue
    st.subheader(f"{title} ({len(found)})", anchor=False)
    st.caption(about)
    for entry in found:
        with st.container(border=True):
            st.markdown(("" if entry.explained else ":red-badge[not explained] ") + markdown_safe(entry.finding))
            if entry.explained:
                st.markdown("*Why:* " + markdown_safe(entry.reason))
            for p in entry.positions:
                if p.coding_note:
                    st.caption(
                        markdown_safe(f"Coding note ({ds.party(p.party).short}, {day(p.date)}): {p.coding_note}")
                    )
