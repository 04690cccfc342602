"""Gaps: each issue's scale with every party's point and acceptable range, then ranked gaps and distances."""

import streamlit as st

from parley.charts.gaps import distance_heatmap, ranked_gaps_figure, scale_figure
from parley.gaps import ranked_gaps
from parley.summary import mean_gap_sentence
from parley.tables import issues_frame
from parley.ui import data
from parley.ui.charts import show
from parley.ui.safe import md
from parley.ui.state import view

v = view()
st.title("Gaps")
if not v.parties:
    st.info("Choose at least one party in the sidebar.")
    st.stop()

issues = issues_frame(v.dataset)
names = dict(zip(issues["issue"], issues["name"], strict=True))
chosen = st.multiselect(
    "Issues",
    list(names),
    format_func=names.get,
    key="issues",
    bind="query-params",
    placeholder="All issues",
)
shorts = {p.id: p.short for p in v.dataset.parties}
gaps_frame = v.issue_gaps()
st.caption(
    f"Positions as of {v.as_of:%d %B %Y}. Dots: each party's position on the issue's 0–100 scale; "
    "bars: the range it could accept (analysts' judgement); shaded: where all the chosen ranges overlap."
)
show(
    scale_figure(v.dataset, v.current(), gaps_frame, v.parties, v.colors, issues=chosen or None),
    "gaps",
    v,
    key="gaps-scale",
)

shown = gaps_frame[gaps_frame["issue"].isin(chosen)] if chosen else gaps_frame
show(ranked_gaps_figure(ranked_gaps(shown), shorts), "gaps-ranked", v, key="gaps-ranked")
DISTANCE_NOTE = (
    "The mean gap between two parties over the issues both have placed on the scale, weighted by how "
    "much the issues matter to them (salience) where the analysts coded it. “no common issue” means there "
    "is nothing to compare, not agreement. All issues count here, whatever the issue filter above."
)
distances = data.distances(v.dataset_id, v.signature, v.as_of_key, tuple(v.parties))
if len(v.parties) == 2:
    # Two parties have one distance: a sentence says it better than a 2x2 grid.
    a, b = v.parties
    st.subheader("Mean gap between the two parties")
    md("{sentence}", sentence=mean_gap_sentence(distances, a, b, shorts))
    st.caption(DISTANCE_NOTE)
elif len(v.parties) > 2:
    left, right = st.columns([3, 2])
    with left:
        show(distance_heatmap(distances, v.parties, shorts, v.colors), "gaps-distances", v, key="gaps-distances")
    with right:
        st.caption("Each cell: " + DISTANCE_NOTE[0].lower() + DISTANCE_NOTE[1:])
else:
    st.info("Choose a second party in the sidebar to see distances between parties.")
