"""Sources: every document the positions were coded from, and the quotes taken from each."""

import streamlit as st

from parley import tables
from parley.ui import data
from parley.ui.state import view

QUOTES_PER_PAGE = 25

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
sources = tables.sources_in_view(data.sources(v.dataset_id, v.signature), v.as_of, reliability)
evidence = data.evidence(v.dataset_id, v.signature)
# Count only the quotes this view shows: the chosen parties' positions and events, up to as-of.
cited = tables.quotes_in_view(evidence, list(sources["source"]), v.parties, v.as_of)["source"].value_counts()
sources = sources.assign(quotes=sources["source"].map(cited).fillna(0).astype(int))
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
# Open on the source that backs most of what the chosen parties said, not on an empty one.
options = list(titles)
default = int(cited.reindex(options, fill_value=0).argmax())  # ties: the oldest
chosen = st.selectbox("Source", options, index=default, format_func=titles.get, key="source", bind="query-params")
row = sources[sources["source"] == chosen].iloc[0]
st.text(f"{row['publisher']} · {row['date']:%d %B %Y} · {row['reliability']} reliability")
if row["note"]:
    st.text(row["note"])
quotes = tables.quotes_in_view(evidence, [chosen], v.parties, v.as_of)
st.caption(
    f"{len(quotes)} quote(s) from this source for the parties shown, dated on or before {v.as_of:%d %B %Y}, "
    "and from the events it reports."
)
if len(quotes) > QUOTES_PER_PAGE:
    pages = -(-len(quotes) // QUOTES_PER_PAGE)
    at = st.pagination(pages, key="quotes_page", bind="query-params")
    quotes = quotes.iloc[(min(at, pages) - 1) * QUOTES_PER_PAGE :][:QUOTES_PER_PAGE]
names = {p.id: p.short for p in v.dataset.parties}
issues = {i.id: i.name for i in v.dataset.issues}
for quote in quotes.itertuples():
    with st.container(border=True):
        who = names.get(quote.party, quote.party) if quote.kind == "position" else "event"
        st.text(f"{quote.date:%d %b %Y} · {who} · {issues.get(quote.issue, quote.source_title)}")
        st.text(f"“{quote.quote}”")
if quotes.empty:
    st.text("No quote from this source for the parties shown as of this date.")
