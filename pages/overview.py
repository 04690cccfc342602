"""Overview: every issue by the chosen parties as of the sidebar's date, with the headline gaps."""

import streamlit as st

from parley.charts.matrix import matrix_figure
from parley.summary import headline
from parley.ui import data
from parley.ui.charts import show
from parley.ui.safe import md
from parley.ui.state import view

v = view()
st.title("Overview")
if not v.parties:
    st.info("Choose at least one party in the sidebar.")
    st.stop()

shorts = {p.id: p.short for p in v.dataset.parties}
facts = headline(v.issue_gaps(), shorts, v.as_of, v.parties)
md(
    "**{title}** · positions as of {date} · {parties}",
    title=v.dataset.info.title,
    date=facts.as_of,
    parties=", ".join(shorts[p] for p in v.parties),
)
left, right = st.columns(2)
with left:
    st.markdown("**Widest gaps**")
    if facts.widest:
        for line in facts.widest:
            md("- {line}", line=line)
    else:
        st.text("No issue has two of the chosen parties placed on its scale.")
    if facts.widest and facts.unknown:
        st.caption(f"Not ranked: {facts.unknown} issue(s) where fewer than two of them have a position on the scale.")
with right:
    st.markdown("**Acceptable ranges overlap on**")
    for line in facts.overlaps:
        md("- {line}", line=line)
    for line in facts.apart:
        md("- No overlap on {line}", line=line)
    if not facts.overlaps and not facts.apart:
        if facts.comparable:
            st.text(f"None: on the {facts.comparable} issue(s) where every chosen party has a range, they do not meet.")
        else:
            st.text("Nothing to compare: no issue has an acceptable range (analyst judgement) for every chosen party.")

grid = data.matrix(v.dataset_id, v.signature, v.as_of_key, tuple(v.parties))
st.caption(
    "Shade: the analysts' placing of each stance on that issue's own 0–100 scale, lighter towards the low "
    "end and darker towards the high end; hover a cell for the scale's ends, the quote and its source. "
    "Hatched cells: not stated."
)
show(matrix_figure(v.dataset, grid, v.parties), "overview", v, key="overview-matrix")
