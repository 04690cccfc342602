"""Search: one box that finds words across every quote, summary, stance, note and event."""

import streamlit as st

from parley.record import issue_order
from parley.ui.paging import one_page
from parley.ui.search_results import show, show_events
from parley.ui.shell import page
from parley.ui.url_state import bound, writes

RECORDS_PER_PAGE = 30  # position records per page of results: a page stays quick to send and draw

ctx = page()
v, results = ctx.view, ctx.results
st.title("Search")
st.text_input(
    "Words to find",
    key=bound("w_q", v.q),
    on_change=writes("q", "w_q", str.strip, page_number=1),
    placeholder='e.g. Article 5, or "security guarantees" as a phrase',
    help="Finds every word, in any case, across quotes, summaries, stances, details, analyst notes and events. "
    'Put a phrase in "double quotes".',
)
names = {i.id: i.name for i in issue_order(v.dataset)}
left, middle, right = st.columns([2, 1, 1])
with left:
    st.multiselect(
        "Issues",
        list(names),
        key=bound("w_issues", list(v.issues)),
        format_func=names.get,
        on_change=writes("issues", "w_issues", tuple, page_number=1),
        placeholder="All issues",
    )
with middle:
    st.date_input(
        "From",
        key=bound("w_start", v.start),
        min_value=v.earliest,
        max_value=v.as_of,
        format="YYYY-MM-DD",
        on_change=writes("start", "w_start", page_number=1),
    )
with right:
    st.date_input(
        "To",
        key=bound("w_end", v.end),
        min_value=v.earliest,
        max_value=v.as_of,
        format="YYYY-MM-DD",
        on_change=writes("end", "w_end", page_number=1),
    )
st.caption(
    "Parties, source reliability and basis follow the sidebar. Matches are in bold; text in quotation marks is a "
    "source's own words, a summary is labelled as one."
)
if not v.q:
    st.info("Type the words to find above.")
    st.stop()
found = results.search(v.q, v.issues, v.start, v.end)
records = [
    (issue, party, record)
    for issue, parties in found.positions.items()
    for party, matched in parties.items()
    for record in matched
]
positions = len(records)
st.markdown(
    f"**{positions}** position record{'s' if positions != 1 else ''} in **{len(found.positions)}** issue(s) and "
    f"**{len(found.events)}** event{'s' if len(found.events) != 1 else ''} match."
)
if found.left_out:
    st.caption(f"{found.left_out} more match(es) left out by the evidence filter ({v.filters.describe()}).")
if not records and not found.events:
    st.info("Nothing matches. Try fewer words, another spelling, or widen the dates, issues or parties.")
    st.stop()
records = one_page(records, RECORDS_PER_PAGE, v.page_number, "Records, grouped by issue and party")
show(v, found, results.colors, records)
show_events(found)
