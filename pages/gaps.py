"""Gaps: each issue's scale with every party's point and acceptable range, then ranked gaps and distances."""

import streamlit as st

from parley.charts.distances import distance_heatmap, ranked_gaps_figure
from parley.charts.scale import scale_figure
from parley.gaps import ranked_gaps
from parley.headline import mean_gap_sentence
from parley.record import issue_order
from parley.ui.charts import show
from parley.ui.safe import md
from parley.ui.shell import page
from parley.ui.url_state import bound, writes
from parley.wording import second_party

DISTANCE_NOTE = (
    "The mean gap between two parties over the issues both have placed on the scale, weighted by how "
    "much the issues matter to them (salience) where the analysts coded it. “no common issue” means there "
    "is nothing to compare, not agreement. All issues count here, whatever the issue filter above."
)

ctx = page()
v, results = ctx.view, ctx.results
st.title("Gaps")
if not v.parties:
    st.info("Choose at least one party in the sidebar.")
    st.stop()

names = {i.id: i.name for i in issue_order(v.dataset)}
st.multiselect(
    "Issues",
    list(names),
    key=bound("w_issues", list(v.issues)),
    format_func=names.get,
    on_change=writes("issues", "w_issues", tuple),
    placeholder="All issues",
)
st.caption(
    f"Positions as of {v.as_of:%d %B %Y}. Dots: each party's position on the issue's 0–100 scale; "
    "bars: the range it could accept (analysts' judgement); shaded: where all the chosen ranges overlap; "
    "⚑: weakly sourced."
)
shown = [g for g in results.gaps if not v.issues or g.issue.id in v.issues]
if not shown:
    st.info("This dataset has no issues yet.")
    st.stop()
scale = results.memo(("gaps-scale", v.issues), lambda: scale_figure(shown, results.colors))
show(scale, "gaps", v, key="gaps-scale")
ranked = results.memo(("gaps-ranked", v.issues), lambda: ranked_gaps_figure(ranked_gaps(shown)))
show(ranked, "gaps-ranked", v, key="gaps-ranked")

shorts = {p: v.short(p) for p in v.parties}
if len(v.parties) == 2:
    # Two parties have one distance: a sentence says it better than a 2x2 grid.
    st.subheader("Mean gap between the two parties")
    md("{sentence}", sentence=mean_gap_sentence(results.distances, *v.parties, shorts))
    st.caption(DISTANCE_NOTE)
elif len(v.parties) > 2:
    # The whole width: the chart's title and party names fit beside the sidebar at 1280 x 720.
    parties = [v.dataset.party(p) for p in v.parties]
    heatmap = results.memo("gaps-distances", lambda: distance_heatmap(results.distances, parties, results.colors))
    show(heatmap, "gaps-distances", v, key="gaps-distances")
    st.caption("Each cell: " + DISTANCE_NOTE[0].lower() + DISTANCE_NOTE[1:])
else:
    st.info(
        second_party(
            len(v.dataset.parties), "distances between parties", "there are no distances between parties to show"
        )
    )
