"""Overview: every issue by the chosen parties as of the sidebar's date, with the headline gaps."""

import streamlit as st

from parley.charts.matrix import ROWS_PER_PAGE
from parley.ui.charts import show
from parley.ui.paging import one_page
from parley.ui.safe import bullets, md
from parley.ui.shell import page

ctx = page()
v, results = ctx.view, ctx.results
st.title("Overview")
if not v.parties:
    st.info("Choose at least one party in the sidebar.")
    st.stop()

facts = results.headline
md(
    "**{title}** · positions as of {date} · {parties}",
    title=v.dataset.info.title,
    date=f"{v.as_of:%d %B %Y}",
    parties=", ".join(v.short(p) for p in v.parties),
)
left, right = st.columns(2)
with left:
    st.markdown("**Widest gaps**")
    bullets(facts.widest)
    if not facts.widest:
        st.text("No issue has two of the chosen parties placed on its scale.")
    elif facts.unknown:
        st.caption(f"Not ranked: {facts.unknown} issue(s) where fewer than two of them have a position on the scale.")
with right:
    st.markdown("**Acceptable ranges overlap on**")
    lines, counted = facts.range_lines()
    bullets(lines)
    if counted:
        st.caption(counted)
    if not facts.overlaps and not facts.apart:
        if facts.comparable:
            st.text(f"None: on the {facts.comparable} issue(s) where every chosen party has a range, they do not meet.")
        else:
            st.text("Nothing to compare: no issue has an acceptable range (analyst judgement) for every chosen party.")

st.caption(
    "Shade: the analysts' placing of each stance on that issue's own 0–100 scale, lighter towards the low "
    "end and darker towards the high end; hover a cell for the scale's ends, the evidence and its source. "
    "Hatched cells: not stated. Dashed frame and ⚑: weakly sourced (only low-reliability sources or only summaries)."
)
if not v.dataset.issues:
    st.info("This dataset has no issues yet.")
    st.stop()
shown = one_page(results.table.issues, ROWS_PER_PAGE, v.page_number, "Issues")
show(results.matrix(tuple(i.id for i in shown)), "overview", v, key="overview-matrix")
