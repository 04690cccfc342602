"""The briefing pack downloads: each format built only when asked for, and kept for the data's version.

A prepared file is keyed by the dataset's revision and the selection, so a file prepared
before the data changed is never offered after it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from parley.briefs import Brief
from parley.selection import View
from parley.text import markdown_safe

if TYPE_CHECKING:
    from parley.export.pptx_deck import Progress

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PACKS_KEY = "_parley_packs"


@st.cache_resource(show_spinner=False)
def _kaleido_server() -> bool:
    """One Chromium for every image export in this process: repeated exports take a second, not ten."""
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    return True


def _key(view: View, brief: Brief) -> tuple:
    return (
        view.dataset_id,
        view.revision,
        brief.parties,
        brief.as_of,
        tuple(i.issue.id for i in brief.issues),
        view.filters,
    )


def _download(where, label: str, data: bytes, filename: str, mime: str, key: str) -> None:
    """A prepared file's download button; the download itself does not rerun the page."""
    where.download_button(
        label, data, filename, mime, key=key, icon=":material/download:", width="stretch", on_click="ignore"
    )


def _with_charts(drawing: str, build: Callable[[Progress], bytes], ready: Callable[[bytes], str]) -> bytes:
    """Build a file whose charts are drawn one by one (kaleido), with a bar naming each chart."""
    with st.status(drawing, expanded=True) as status:
        bar = st.progress(0.0, text="Starting the chart renderer")
        _kaleido_server()

        def progress(i: int, total: int, name: str) -> None:
            bar.progress((i - 1) / total, text=f"Chart {i} of {total}: {markdown_safe(name)}")

        data = build(progress)
        bar.progress(1.0, text="Done")
        status.update(label=ready(data), state="complete", expanded=False)
    return data


def pack_downloads(view: View, brief: Brief) -> None:
    from parley.export import html_pack, pdf_pack, pptx_deck, spreadsheet

    built = st.session_state.setdefault(PACKS_KEY, {})
    key = _key(view, brief)
    for stale in [k for k in built if k[1] != key]:
        del built[stale]
    stem = brief.file_stem()
    n = len(brief.issues)
    st.caption(
        f"For the selection above: {n} issue{'s' if n != 1 else ''}, "
        f"{markdown_safe(', '.join(brief.party_names()))}, {markdown_safe(brief.dates_line())}"
        + (f", {markdown_safe(brief.filter_note)}" if brief.filter_note else "")
        + "."
    )
    cols = st.columns(4)
    with cols[0]:
        st.markdown("**Interactive HTML**  \nOne file that opens offline, charts included.")
        if st.button("Prepare HTML pack", key="prep-html", width="stretch"):
            with st.spinner("Building the HTML pack…"):
                built[("html", key)] = html_pack.html_bytes(brief)
        if ("html", key) in built:
            _download(st, "Download HTML", built[("html", key)], f"{stem}.html", "text/html", "dl-html")
    with cols[1]:
        st.markdown("**Slides (PowerPoint)**  \nTitle, each issue's slides with its chart, sources.")
        if st.button("Prepare slides", key="prep-pptx", width="stretch"):
            built[("pptx", key)] = _with_charts(
                "Drawing the slides…",
                lambda progress: pptx_deck.build_deck(brief, progress=progress),
                lambda deck: f"Slides ready: {pptx_deck.slide_count(deck)} slides",
            )
        if ("pptx", key) in built:
            _download(st, "Download slides", built[("pptx", key)], f"{stem}.pptx", PPTX_MIME, "dl-pptx")
    with cols[2]:
        st.markdown("**PDF**  \nTo print or mail: one issue per page, selectable text.")
        if st.button("Prepare PDF", key="prep-pdf", width="stretch"):
            built[("pdf", key)] = _with_charts(
                "Drawing the PDF…",
                lambda progress: pdf_pack.build_pdf(brief, progress=progress),
                lambda pdf: f"PDF ready: {pdf_pack.page_count(pdf)} pages",
            )
        if ("pdf", key) in built:
            _download(st, "Download PDF", built[("pdf", key)], f"{stem}.pdf", "application/pdf", "dl-pdf")
    with cols[3]:
        st.markdown("**Positions table**  \nCSV and Excel, safe to open in a spreadsheet.")
        if st.button("Prepare spreadsheet", key="prep-table", width="stretch"):
            table = spreadsheet.positions_table(brief)
            built[("csv", key)] = spreadsheet.to_csv(table)
            built[("xlsx", key)] = spreadsheet.to_xlsx(table, note=spreadsheet.pack_note(brief))
        if ("csv", key) in built:
            a, b = st.columns(2)
            _download(a, "CSV", built[("csv", key)], f"{stem}.csv", "text/csv", "dl-csv")
            _download(b, "Excel", built[("xlsx", key)], f"{stem}.xlsx", XLSX_MIME, "dl-xlsx")
