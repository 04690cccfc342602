"""Adding a source: what it is, how reliable, and its words, pasted or uploaded and kept as text."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from parley import coding
from parley.model import Dataset
from parley.texts_in import UnreadableText, from_upload
from parley.ui.coding.common import save_draft, show_problems, suggested

KINDS = {
    "official_text": "official text (a document's own text on an official site)",
    "official_statement": "official statement (a government's or leader's statement on an official site)",
    "news_report": "news report (including wire text re-published by another site)",
    "state_media": "state media (TASS, Sputnik, RT, RIA; other states' state media)",
    "analysis": "analysis, opinion, or a compilation",
}
RELIABILITY = {
    "high": "official texts and statements; wire text in a major outlet; major Western or Ukrainian outlets",
    "medium": "other Western or Ukrainian outlets; wire text on a minor site; Russian state media for Russia's "
    "own words",
    "low": "aggregators and re-posts; state media for anything else; blog copies",
}


def _text() -> str | None:
    """The source's words: pasted, or read from an uploaded plain-text, HTML or PDF file."""
    pasted, uploaded = st.tabs(["Paste the words", "Upload a file"])
    with pasted:
        text = st.text_area(
            "The page's words (only what the page says: they are what quotes are checked against)",
            key="sf_text",
            height=200,
        )
    with uploaded:
        upload = st.file_uploader("A saved page or document", type=["txt", "md", "html", "htm", "pdf"], key="sf_upload")
        if upload is not None:
            try:
                text = from_upload(upload.name, upload.getvalue())
            except UnreadableText as exc:
                st.error(f"Cannot use this file: {exc}.")
                return None
            st.caption(f"Read {len(text):,} characters from {upload.name}; they replace any pasted words.")
            st.text(text[:1500] + ("…" if len(text) > 1500 else ""))
    return text.strip() or None


def source_form(ctx) -> None:
    ds: Dataset = ctx.view.dataset
    title = st.text_input("Title of the page or document", key="sf_title")
    left, right = st.columns(2)
    publisher = left.text_input("Publisher", key="sf_publisher")
    date = right.date_input(
        "Date on the page", key="sf_date", value=ds.info.as_of, format="YYYY-MM-DD", min_value=dt.date(1900, 1, 1)
    )
    url = st.text_input("Address (https://...)", key="sf_url")
    left, right = st.columns(2)
    kind = left.radio("Kind", list(KINDS), format_func=KINDS.get, key="sf_kind")
    reliability = right.radio(
        "Reliability (of the page, not the party)",
        list(RELIABILITY),
        key="sf_reliability",
        captions=list(RELIABILITY.values()),
    )
    text = _text()
    note = st.text_area("Note for readers (optional)", key="sf_note")
    coding_note = st.text_area("Coding note for reviewers (optional)", key="sf_coding_note")
    taken = {s.id for s in ds.sources}
    suggestion = coding.suggest_id(f"{publisher} {title}"[:40], date, taken) if title and publisher else ""
    source_id = st.text_input(
        "Id (links and positions use it; lowercase, digits, hyphens)", key=suggested("sf_id", suggestion)
    )
    data = coding.compact(
        {
            "id": source_id.strip(),
            "title": title.strip(),
            "publisher": publisher.strip(),
            "date": date.isoformat(),
            "url": url.strip() or None,
            "kind": kind,
            "reliability": reliability,
            "text_file": f"sources/{source_id.strip()}.txt" if text else None,
            "note": note.strip(),
            "coding_note": coding_note.strip(),
        }
    )
    if title and publisher:
        problems = coding.problems(ds, "source", data)
        if problems:
            show_problems(problems)
    if not text:
        st.info("Without its words kept, the source can back summaries only, never quotes.")
    why = st.text_input("Why add it (kept in the history)", key="sf_why", value="new source")
    if st.button("Save as draft for review", type="primary", key="sf-save", icon=":material/save:"):
        save_draft(ctx.store, ctx.user, ds.id, "source", data, why, text=text)
