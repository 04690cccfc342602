"""Sources: every document the positions were coded from, and the quotes taken from each."""

import streamlit as st

from parley import tables
from parley.ui.state import view

v = view()
st.title("Sources")
st.caption("Every position traces to a quote in one of these. Reliability is the analysts' rating of the outlet.")

sources = tables.sources_frame(v.dataset)
st.dataframe(
    sources.drop(columns=["source"]),
    hide_index=True,
    width="stretch",
    column_config={
        "title": st.column_config.TextColumn("Title", width="large"),
        "publisher": "Publisher",
        "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
        "kind": "Kind",
        "reliability": "Reliability",
        "url": st.column_config.LinkColumn("Address", display_text="open"),
        "quotes": st.column_config.NumberColumn("Quotes", format="%d"),
        "text_kept": st.column_config.CheckboxColumn("Text kept"),
        "note": st.column_config.TextColumn("Note", width="large"),
    },
)

st.subheader("Quotes by source")
titles = dict(zip(sources["source"], sources["title"], strict=True))
chosen = st.selectbox("Source", list(titles), format_func=titles.get, key="source", bind="query-params")
quotes = tables.evidence_frame(v.dataset)
quotes = quotes[quotes["source"] == chosen]
names = {p.id: p.short for p in v.dataset.parties}
issues = {i.id: i.name for i in v.dataset.issues}
for row in quotes.itertuples():
    with st.container(border=True):
        who = names.get(row.party, row.party) if row.kind == "position" else row.party
        st.text(f"{row.date:%Y-%m-%d} · {who} · {issues.get(row.issue, 'event')}")
        st.text(f"“{row.quote}”")
if quotes.empty:
    st.text("No quote in the dataset comes from this source.")
