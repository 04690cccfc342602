"""Sources: every document the positions were coded from, and the quotes taken from each."""

import streamlit as st

from parley import tables
from parley.ui.state import view

v = view()
st.title("Sources")

reliability = st.pills(
    "Reliability",
    ["high", "medium", "low"],
    selection_mode="multi",
    key="reliability",
    bind="query-params",
    help="The analysts' rating of each outlet; see data/CODEBOOK.md.",
)
sources = tables.sources_in_view(tables.sources_frame(v.dataset), v.as_of, reliability)
st.caption(
    f"{len(sources)} sources published on or before {v.as_of:%d %B %Y}, oldest first. "
    "“Quotes checked” means the source's text is kept with the data and every quote was found in it."
)
st.dataframe(
    sources.assign(kind=sources["kind"].map(tables.SOURCE_KIND_LABEL))[
        ["date", "title", "publisher", "reliability", "kind", "quotes", "text_kept", "url"]
    ],
    hide_index=True,
    width="stretch",
    height=min(420, 38 + 35 * max(len(sources), 1)),
    column_config={
        "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", width="small"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "publisher": st.column_config.TextColumn("Publisher", width="medium"),
        "reliability": st.column_config.TextColumn("Reliability", width="small"),
        "kind": st.column_config.TextColumn("Kind", width="small"),
        "quotes": st.column_config.NumberColumn("Quotes", format="%d", width="small"),
        "text_kept": st.column_config.CheckboxColumn("Quotes checked", width="small"),
        "url": st.column_config.LinkColumn("Address", display_text="open", width="small"),
    },
)

st.subheader("Quotes by source")
if sources.empty:
    st.info("No source matches the filter.")
    st.stop()
titles = dict(zip(sources["source"], sources["title"], strict=True))
chosen = st.selectbox("Source", list(titles), format_func=titles.get, key="source", bind="query-params")
row = sources[sources["source"] == chosen].iloc[0]
st.text(f"{row['publisher']} · {row['date']:%d %B %Y} · {row['reliability']} reliability")
if row["note"]:
    st.text(row["note"])
quotes = tables.evidence_frame(v.dataset)
quotes = quotes[quotes["source"] == chosen]
names = {p.id: p.short for p in v.dataset.parties}
issues = {i.id: i.name for i in v.dataset.issues}
for quote in quotes.itertuples():
    with st.container(border=True):
        who = names.get(quote.party, quote.party) if quote.kind == "position" else "event"
        st.text(f"{quote.date:%d %b %Y} · {who} · {issues.get(quote.issue, quote.source_title)}")
        st.text(f"“{quote.quote}”")
if quotes.empty:
    st.text("No quote in the dataset comes from this source.")
