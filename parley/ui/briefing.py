"""Streamlit glue for briefing mode: its URL state, its look, one issue's screen, the pack downloads.

Briefing mode is the Briefing page with `mode=brief` in the URL. The screen's issue is the
`issue` parameter (or `slide`, 1-based, for hand-typed links); `issues` narrows the briefing
to some issues. None of them is bound to a widget, so they survive the sidebar being hidden
and the previous/next buttons can set them directly.
"""

from __future__ import annotations

import html

import streamlit as st

from parley.export.pack import BASIS_NOTE, Pack, Stance
from parley.palette import text_color
from parley.text import markdown_safe
from parley.ui.charts import show
from parley.ui.state import View

MODE, BRIEF = "mode", "brief"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Injected only in briefing mode. Layout only: no data text ever goes into this string.
BRIEF_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="collapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2.5rem 2rem !important; max-width: 100% !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.3rem; line-height: 1.4; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.05rem; }
[data-testid="stMain"] h1 { font-size: 2.6rem; padding: 0.1rem 0 0.2rem; }
[data-testid="stMain"] button p { font-size: 1.15rem; }
[data-testid="stMain"] blockquote,
[data-testid="stMain"] blockquote p { color: #1F2933 !important; font-style: italic; }
.st-key-brief-stances-many [data-testid="stMarkdownContainer"] p { font-size: 1.08rem; }
@media (min-width: 1800px) {
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.6rem; }
  [data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.25rem; }
  [data-testid="stMain"] h1 { font-size: 3.3rem; }
  .st-key-brief-stances-many [data-testid="stMarkdownContainer"] p { font-size: 1.3rem; }
}
</style>
"""


def brief_mode() -> bool:
    return st.query_params.get(MODE) == BRIEF


def _as_id(value: str, names: dict[str, str]) -> str | None:
    """An issue named by id or by name: links from Gaps and Timeline carry names (their bound
    widgets write labels to the URL), briefing links carry ids."""
    if value in names:
        return value
    return next((i for i, name in names.items() if name == value), None)


def chosen_issues(names: dict[str, str]) -> list[str]:
    """The `issues` parameter (repeated or comma-separated) in data order; all issues when absent."""
    given = [part for value in st.query_params.get_all("issues") for part in value.split(",") if part]
    wanted = {_as_id(value, names) for value in given}
    picked = [i for i in names if i in wanted]
    return picked or list(names)


def issue_picker(ds_issues: dict[str, str], chosen: list[str]) -> None:
    """Which issues the briefing and the pack cover; kept in the URL as `issues` (comma-separated)."""
    every = len(chosen) == len(ds_issues)

    def sync() -> None:
        picked = st.session_state.get("brief_issues") or []
        if picked and len(picked) < len(ds_issues):
            st.query_params["issues"] = ",".join(i for i in ds_issues if i in picked)
        elif "issues" in st.query_params:
            del st.query_params["issues"]

    st.multiselect(
        "Issues to brief",
        list(ds_issues),
        default=[] if every else chosen,
        format_func=ds_issues.get,
        key="brief_issues",
        on_change=sync,
        placeholder="All issues",
    )


def current_index(ids: list[str], names: dict[str, str]) -> int:
    """Position of the screen named by `issue` (or `slide`, 1-based); the first when neither fits."""
    issue = _as_id(st.query_params.get("issue", ""), names)
    if issue in ids:
        return ids.index(issue)
    slide = st.query_params.get("slide", "")
    if slide.isdigit() and 1 <= int(slide) <= len(ids):
        return int(slide) - 1
    return 0


def go_to(issue_id: str) -> None:
    """Button callback: show that issue; the URL names it, so the link opens this screen."""
    if "slide" in st.query_params:
        del st.query_params["slide"]
    st.query_params["issue"] = issue_id


def set_mode(on: bool) -> None:
    if on:
        st.query_params[MODE] = BRIEF
    elif MODE in st.query_params:
        del st.query_params[MODE]


def inject_brief_css() -> None:
    st.html(BRIEF_CSS)


def nav(ids: list[str], index: int, brief: bool) -> None:
    """Previous / "n / N" / Next, then Start or Exit briefing underneath."""
    prev_id = ids[index - 1] if index > 0 else None
    next_id = ids[index + 1] if index + 1 < len(ids) else None
    cols = st.columns([1.2, 0.7, 1.2], vertical_alignment="center", gap="small")
    cols[0].button(
        "Previous",
        icon=":material/chevron_left:",
        key="brief-prev",
        on_click=go_to,
        args=(prev_id,),
        disabled=prev_id is None,
        width="stretch",
    )
    cols[1].markdown(
        f"<div style='text-align:center;font-size:1.4rem;font-weight:600;white-space:nowrap'>"
        f"{index + 1} / {len(ids)}</div>",
        unsafe_allow_html=True,
    )
    cols[2].button(
        "Next",
        icon=":material/chevron_right:",
        icon_position="right",
        key="brief-next",
        on_click=go_to,
        args=(next_id,),
        disabled=next_id is None,
        width="stretch",
        type="primary" if brief else "secondary",
    )
    if brief:
        st.button(
            "Exit briefing",
            key="brief-exit",
            icon=":material/close:",
            on_click=set_mode,
            args=(False,),
            width="stretch",
        )
    else:
        st.button(
            "Start briefing",
            key="brief-start",
            icon=":material/co_present:",
            on_click=set_mode,
            args=(True,),
            type="primary",
            width="stretch",
            help="Full screen for screensharing: sidebar hidden, one issue per screen, large type.",
        )


def _stance_card(s: Stance, many: bool) -> None:
    label = s.short if many or len(s.name) > 32 else s.name
    with st.container(border=True):
        # The colour comes from the palette (validated hex); the name is escaped.
        st.html(
            f"<div style='border-top:6px solid {s.color};padding-top:6px;font-weight:700;"
            f"font-size:1.35em;color:{text_color(s.color)}' title='{html.escape(s.name)}'>{html.escape(label)}</div>"
        )
        if not s.stated:
            st.markdown("*not stated*")
            st.caption("No position on record as of this date; not zero, not agreement.")
            return
        st.markdown(f"**{markdown_safe(s.stance)}**")
        for q in s.quotes[:2]:
            st.markdown(f"> “{markdown_safe(q.text)}” \\[{q.footnote}\\]")
        if s.assessed:
            st.caption(f"Assessed (analyst coding, not the party's words): {markdown_safe(s.note)}")
        date = f"{s.date:%d %b %Y}" if s.date else ""
        st.caption(
            f"{date} · {markdown_safe(s.basis_label)} · {markdown_safe(s.confidence)} confidence · "
            f"{markdown_safe(s.coding())}"
        )


def screen(pack: Pack, index: int, ids: list[str], view: View, brief: bool) -> None:
    """One issue: name and question beside the controls, the gap chart, the stances side by side, sources."""
    issue = pack.issues[index]
    head, controls = st.columns([3, 2] if brief else [1, 1], vertical_alignment="top", gap="large")
    with head:
        st.caption(f"{markdown_safe(pack.title)} · {markdown_safe(pack.short_dates())} · {markdown_safe(issue.group)}")
        st.title(markdown_safe(issue.name), anchor=False)
        st.markdown(markdown_safe(issue.question))
    with controls:
        nav(ids, index, brief)
    show(pack.figure(issue.issue), f"briefing-{issue.issue}", view, key=f"brief-chart-{issue.issue}")
    many = len(issue.stances) >= 4
    with st.container(key="brief-stances-many" if many else "brief-stances"):
        cols = st.columns(max(len(issue.stances), 1))
        for col, s in zip(cols, issue.stances, strict=False):
            with col:
                _stance_card(s, many)
    if issue.footnotes:
        lines = [
            f"\\[{fn.number}\\] {markdown_safe(fn.citation())} "
            f"({markdown_safe(fn.kind.replace('_', ' '))}, {markdown_safe(fn.reliability)} reliability)"
            for fn in issue.footnotes
        ]
        st.caption("Sources  \n" + "  \n".join(lines))
    else:
        st.caption("No quoted source for this issue and these parties.")
    st.caption(markdown_safe(BASIS_NOTE))


@st.cache_resource(show_spinner=False)
def _kaleido_server() -> bool:
    """One Chromium for every image export in this process: repeated exports take a second, not ten."""
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    return True


def _selection_key(pack: Pack) -> tuple:
    return (pack.dataset.id, pack.parties, pack.as_of.isoformat(), tuple(i.issue for i in pack.issues))


def pack_downloads(pack: Pack) -> None:
    """Build a format only when asked ("Prepare ..."), then offer it; a changed selection asks again."""
    from parley.export import html_pack, pptx_deck, spreadsheet

    built = st.session_state.setdefault("_parley_packs", {})
    key = _selection_key(pack)
    stem = pack.file_stem()
    n = len(pack.issues)
    st.caption(
        f"For the selection above: {n} issue{'s' if n != 1 else ''}, "
        f"{markdown_safe(', '.join(pack.party_names()))}, {markdown_safe(pack.dates_line())}."
    )
    cols = st.columns(3)
    with cols[0]:
        st.markdown("**Interactive HTML**  \nOne file that opens offline, charts included.")
        if st.button("Prepare HTML pack", key="prep-html", width="stretch"):
            with st.spinner("Building the HTML pack…"):
                built[("html", key)] = html_pack.html_bytes(pack)
        if ("html", key) in built:
            _download(st, "Download HTML", built[("html", key)], f"{stem}.html", "text/html", "dl-html")
    with cols[1]:
        st.markdown("**Slides (PowerPoint)**  \nTitle, one slide per issue with its chart, sources.")
        if st.button("Prepare slides", key="prep-pptx", width="stretch"):
            with st.status("Drawing the slides…", expanded=True) as status:
                bar = st.progress(0.0, text="Starting the chart renderer")
                _kaleido_server()

                def progress(i: int, total: int, name: str) -> None:
                    bar.progress((i - 1) / total, text=f"Chart {i} of {total}: {markdown_safe(name)}")

                built[("pptx", key)] = pptx_deck.build_deck(pack, progress=progress)
                bar.progress(1.0, text="Done")
                status.update(label=f"Slides ready: {n + 2} slides", state="complete", expanded=False)
        if ("pptx", key) in built:
            _download(st, "Download slides", built[("pptx", key)], f"{stem}.pptx", PPTX_MIME, "dl-pptx")
    with cols[2]:
        st.markdown("**Positions table**  \nCSV and Excel, safe to open in a spreadsheet.")
        if st.button("Prepare spreadsheet", key="prep-table", width="stretch"):
            table = spreadsheet.positions_table(pack)
            built[("csv", key)] = spreadsheet.to_csv(table)
            built[("xlsx", key)] = spreadsheet.to_xlsx(table, note=spreadsheet.pack_note(pack))
        if ("csv", key) in built:
            a, b = st.columns(2)
            _download(a, "CSV", built[("csv", key)], f"{stem}.csv", "text/csv", "dl-csv")
            _download(b, "Excel", built[("xlsx", key)], f"{stem}.xlsx", XLSX_MIME, "dl-xlsx")


def _download(where, label: str, data: bytes, filename: str, mime: str, key: str) -> None:
    """A prepared file's download button; the download itself does not rerun the page."""
    where.download_button(
        label, data, filename, mime, key=key, icon=":material/download:", width="stretch", on_click="ignore"
    )
