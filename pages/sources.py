"""Sources: every document the positions were coded from, and the quotes and summaries taken from each."""

import pandas as pd
import streamlit as st

from parley.ui.paging import one_page
from parley.ui.safe import md
from parley.ui.shell import page
from parley.ui.url_state import bound, writes
from parley.wording import day, long_day, summary_label

QUOTES_PER_PAGE = 25

ctx = page()
v, results = ctx.view, ctx.results
ds = v.dataset
st.title("Sources")

chosen_levels = v.filters.reliability
sources = [s for s in ds.sources if s.date <= v.as_of and (not chosen_levels or s.reliability in chosen_levels)]
sources.sort(key=lambda s: (s.date, s.title))


def in_view(use) -> bool:
    """Quotes this view shows: the chosen parties' positions and the events, up to the as-of date."""
    return use.date <= v.as_of and (use.kind == "event" or use.party in v.parties)


counted = {s.id: [u for u in results.loaded.uses.get(s.id, []) if in_view(u)] for s in sources}
st.caption(
    f"{len(sources)} sources published on or before {long_day(v.as_of)}, oldest first"
    + (f", {' or '.join(sorted(chosen_levels))} reliability only (the sidebar's filter)" if chosen_levels else "")
    + ". “Quotes checked” means the source's words are kept with the data and every quote was found in them."
)
table = pd.DataFrame(
    [
        {
            "date": s.date,
            "title": s.title,
            "publisher": s.publisher,
            "reliability": s.reliability,
            "kind": s.kind.replace("_", " "),
            "quotes": sum(u.cited.is_quote for u in counted[s.id]),
            "summaries": sum(not u.cited.is_quote for u in counted[s.id]),
            "text_kept": bool(s.text_file),
            "url": s.url or "",
        }
        for s in sources
    ],
    columns=["date", "title", "publisher", "reliability", "kind", "quotes", "summaries", "text_kept", "url"],
)
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=min(420, 38 + 35 * max(len(table), 1)),
    column_config={
        "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", width="small"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "publisher": st.column_config.TextColumn("Publisher", width="medium"),
        "reliability": st.column_config.TextColumn("Reliability", width="small"),
        "kind": st.column_config.TextColumn("Kind", width="small"),
        "quotes": st.column_config.NumberColumn("Quotes", format="%d", width="small"),
        "summaries": st.column_config.NumberColumn("Summaries", format="%d", width="small"),
        "text_kept": st.column_config.CheckboxColumn("Quotes checked", width="small"),
        "url": st.column_config.LinkColumn("Address", display_text="open", width="small"),
    },
)

st.subheader("Quotes and summaries by source")
if not sources:
    st.info("No source matches the filter.")
    st.stop()
titles = {s.id: s.title for s in sources}
# Open on the source that backs most of what the chosen parties said, not on an empty one (ties: the oldest).
busiest = max(titles, key=lambda i: (len(counted[i]), -list(titles).index(i)))
chosen = v.source if v.source in titles else busiest
st.selectbox(
    "Source",
    list(titles),
    key=bound("w_source", chosen),
    format_func=titles.get,
    on_change=writes("source", "w_source", page_number=1),
)
source = ds.source(chosen)
st.text(f"{source.publisher} · {long_day(source.date)} · {source.reliability} reliability")
if source.note:
    st.text(source.note)
if source.coding_note:
    md("*Coding note*: {note}", note=source.coding_note)
uses = counted[chosen]
st.caption(
    f"{len(uses)} quote(s) and summaries from this source for the parties shown, dated on or before "
    f"{long_day(v.as_of)}, and from the events it reports."
)
uses = one_page(uses, QUOTES_PER_PAGE, v.page_number, "Quotes and summaries")
for use in uses:
    with st.container(border=True):
        who = ds.party(use.party).short if use.kind == "position" else "event"
        what = ds.issue(use.issue).name if use.kind == "position" else use.issue
        st.text(f"{day(use.date)} · {who} · {what}")
        if use.cited.is_quote:
            st.text(f"“{use.cited.text}”")
        else:
            st.text(f"{summary_label(source)}: {use.cited.text}")
        if use.coding_note:
            md("*Coding note (for reviewers)*: {note}", note=use.coding_note)
if not uses:
    st.text("No quote from this source for the parties shown as of this date.")
