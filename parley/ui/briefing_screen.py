"""Briefing mode: one issue per screen, large type, driven by buttons, arrow keys or a clicker.

Briefing mode is the Briefing page with `mode=brief` in the URL; the screen's issue is the
`issue` parameter, so every screen has its own link. Previous and Next answer the arrow keys
and Page Up / Page Down, the keys a presentation clicker sends.
"""

from __future__ import annotations

import streamlit as st

from parley.briefs import Brief, IssueBrief
from parley.charts.scale import issue_figure
from parley.results import Results
from parley.selection import View
from parley.text import markdown_safe
from parley.ui.charts import show
from parley.ui.stance import not_shown, party_header, position_body
from parley.ui.url_state import current_link, go
from parley.wording import BASIS_NOTE, citation, source_kind

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
.st-key-brief-keys { display: none !important; }
@media (min-width: 1800px) {
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.6rem; }
  [data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.25rem; }
  [data-testid="stMain"] h1 { font-size: 3.3rem; }
  .st-key-brief-stances-many [data-testid="stMarkdownContainer"] p { font-size: 1.3rem; }
}
</style>
"""


def set_mode(on: bool) -> None:
    go(current_link().but(brief=on))


def _show(issue_id: str | None) -> None:
    if issue_id is not None:
        go(current_link().but(issue=issue_id))


def nav(ids: list[str], index: int, brief: bool) -> None:
    """Previous / "n / N" / Next, then Start or Exit briefing underneath; keys do the same."""
    prev_id = ids[index - 1] if index > 0 else None
    next_id = ids[index + 1] if index + 1 < len(ids) else None
    cols = st.columns([1.2, 0.7, 1.2], vertical_alignment="center", gap="small")
    cols[0].button(
        "Previous",
        icon=":material/chevron_left:",
        key="brief-prev",
        on_click=_show,
        args=(prev_id,),
        disabled=prev_id is None,
        width="stretch",
        shortcut="Left",
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
        on_click=_show,
        args=(next_id,),
        disabled=next_id is None,
        width="stretch",
        shortcut="Right",
        type="primary" if brief else "secondary",
    )
    with st.container(key="brief-keys"):
        st.button(
            "Previous screen",
            key="brief-pageup",
            on_click=_show,
            args=(prev_id,),
            shortcut="PageUp",
            disabled=prev_id is None,
        )
        st.button(
            "Next screen",
            key="brief-pagedown",
            on_click=_show,
            args=(next_id,),
            shortcut="PageDown",
            disabled=next_id is None,
        )
    if brief:
        st.button(
            "Exit briefing",
            key="brief-exit",
            icon=":material/close:",
            on_click=set_mode,
            args=(False,),
            width="stretch",
            shortcut="Esc",
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


def _stances(brief: Brief, item: IssueBrief, colors: dict[str, str]) -> None:
    many = len(item.standings) >= 4
    numbers = {fn.source.id: fn.number for fn in brief.footnotes.values()}
    with st.container(key="brief-stances-many" if many else "brief-stances"):
        for column, s in zip(st.columns(len(item.standings), gap="medium"), item.standings, strict=True):
            with column, st.container(border=True):
                party_header(
                    s.party, colors[s.party.id], s.party.short if many or len(s.party.name) > 32 else s.party.name
                )
                if s.shown:
                    position_body(s.position, s.cited, footnotes=numbers, limit=2, with_sources=False)
                else:
                    not_shown(s.state, s.left_out)


def screen(view: View, results: Results, brief: Brief, index: int, ids: list[str]) -> None:
    """One issue: name and question beside the controls, the gap chart, the stances side by side, sources."""
    item = brief.issues[index]
    issue = item.issue
    head, controls = st.columns([3, 2] if view.brief else [1, 1], vertical_alignment="top", gap="large")
    with head:
        st.caption(markdown_safe(f"{brief.title} · {brief.short_dates()} · {issue.group}"))
        st.title(markdown_safe(issue.name), anchor=False)
        st.markdown(markdown_safe(issue.question))
    with controls:
        nav(ids, index, view.brief)
    figure = results.memo(("brief-chart", issue.id), lambda: issue_figure(item.gap, results.colors, titled=False))
    show(figure, f"briefing-{issue.id}", view, key=f"brief-chart-{issue.id}", toolbar=not view.brief)
    _stances(brief, item, results.colors)
    notes = brief.notes_for(item)
    if notes:
        lines = [
            f"\\[{fn.number}\\] {markdown_safe(citation(fn.source))} ({markdown_safe(source_kind(fn.source))})"
            for fn in notes
        ]
        st.caption("Sources  \n" + "  \n".join(lines))
    else:
        st.caption("No source cited for this issue and these parties.")
    st.caption(markdown_safe(BASIS_NOTE))
