"""Adding an event: what happened, when, who took part, and the source that reports it."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from parley import coding
from parley.charts.events import KIND_LABEL
from parley.model import Dataset
from parley.ui.coding.common import save_draft, show_problems
from parley.wording import day


def event_form(ctx) -> None:
    ds: Dataset = ctx.view.dataset
    title = st.text_input("What happened (one line, the project's words)", key="ef_title")
    left, right = st.columns(2)
    date = left.date_input(
        "Date", key="ef_date", value=ds.info.as_of, format="YYYY-MM-DD", min_value=dt.date(1900, 1, 1)
    )
    kind = right.selectbox("Kind", list(KIND_LABEL), format_func=KIND_LABEL.get, key="ef_kind")
    parties = {p.id: p.name for p in ds.parties}
    involved = st.multiselect("Parties involved", list(parties), format_func=parties.get, key="ef_parties")
    sources = {s.id: f"{s.title} ({s.publisher}, {day(s.date)})" for s in ds.sources}
    source = st.selectbox("Source", list(sources), format_func=sources.get, key="ef_source", index=None)
    kind_of_words = st.radio(
        "Its words",
        ["quote", "summary", "none"],
        horizontal=True,
        key="ef_words_kind",
        format_func={"quote": "A quote", "summary": "A summary", "none": "Neither"}.get,
    )
    words = st.text_area("The words", key="ef_words") if kind_of_words != "none" else ""
    if source and words.strip() and kind_of_words == "quote":
        found = coding.quote_found(ds, source, words)
        if found is False:
            st.error("Not in the source's kept text: copy the words exactly, or mark them as a summary.")
        elif found:
            st.success("Found verbatim in the source's kept text.", icon=":material/check:")
    note = st.text_area("Note for readers (optional)", key="ef_note")
    coding_note = st.text_area("Coding note for reviewers (optional)", key="ef_coding_note")
    data = coding.compact(
        {
            "date": date.isoformat(),
            "title": title.strip(),
            "kind": kind,
            "parties": involved,
            "source": source,
            kind_of_words: words.strip() if kind_of_words != "none" else None,
            "note": note.strip(),
            "coding_note": coding_note.strip(),
        }
    )
    data.pop("none", None)
    if title and source:
        problems = coding.problems(ds, "event", data)
        if problems:
            show_problems(problems)
    why = st.text_input("Why add it (kept in the history)", key="ef_why", value="new event")
    if st.button("Save as draft for review", type="primary", key="ef-save", icon=":material/save:"):
        save_draft(ctx.store, ctx.user, ds.id, "event", data, why)
