"""Briefing mode: one issue per screen, large type, driven by buttons, arrow keys or a clicker.

Briefing mode is the Briefing page with `mode=brief` in the URL; the screen's issue is the
`issue` parameter, so every screen has its own link. Previous and Next answer the arrow keys
and Page Up / Page Down, the keys a presentation clicker sends.
"""

from __future__ import annotations

import streamlit as st

from parley import briefing_layout
from parley.briefing_layout import Screen
from parley.briefs import Brief, IssueBrief
from parley.charts.scale import SCREEN, issue_figure
from parley.record import Standing
from parley.results import Results
from parley.selection import View
from parley.text import markdown_safe
from parley.ui.charts import show
from parley.ui.safe import md
from parley.ui.stance import not_shown, party_header, position_body
from parley.ui.url_state import current_link, go
from parley.wording import BASIS_LABEL, BASIS_NOTE, citation, source_kind

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
[data-testid="stMain"] h1 { font-size: 2.3rem; padding: 0 0 0.1rem; }
[data-testid="stMain"] button p { font-size: 1.15rem; }
[data-testid="stMain"] blockquote,
[data-testid="stMain"] blockquote p { color: #1F2933 !important; font-style: italic; }
@media (min-width: 1800px) {
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.6rem; }
  [data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.25rem; }
  [data-testid="stMain"] h1 { font-size: 3.3rem; }
}
</style>
"""


# The Page Up / Page Down buttons only carry the clicker's keys: never shown, in either mode.
KEYS_CSS = "<style>.st-key-brief-keys { display: none !important; }</style>"


def set_mode(on: bool) -> None:
    go(current_link().but(brief=on))


def _show(target: Screen | None) -> None:
    if target is not None:
        go(current_link().but(issue=target.issue, part=target.part))


def screens_of(results: Results, brief: Brief) -> list[Screen]:
    """The briefing's screens, each issue split where its stances would not fit 1280 x 720."""

    def build() -> list[Screen]:
        heights = {i.issue.id: _chart(results, i).layout.height for i in brief.issues}
        return briefing_layout.screens(brief, heights)

    return results.memo(("brief-screens", tuple(i.issue.id for i in brief.issues)), build)


def position_of(screens: list[Screen], issue: str | None, part: int) -> int:
    """The screen a link names (its issue and part), the issue's first part, or the first screen."""
    for n, s in enumerate(screens):
        if s.issue == issue and s.part == part:
            return n
    return next((n for n, s in enumerate(screens) if s.issue == issue), 0)


def _chart(results: Results, item: IssueBrief):
    return results.memo(
        ("brief-chart", item.issue.id), lambda: issue_figure(item.gap, results.colors, titled=False, size=SCREEN)
    )


def nav(screens: list[Screen], index: int, brief: bool, where: str) -> None:
    """Where this screen is, then Previous, "n / N", Next and Exit (or Start); keys do the same. One
    row in briefing mode; beside the sidebar the buttons would be cut to "Pr…", so they get their own."""
    prev = screens[index - 1] if index > 0 else None
    after = screens[index + 1] if index + 1 < len(screens) else None
    widths = [1.45, 0.8, 1.3, 1.15]
    if brief:
        where_col, *cols = st.columns([5.2, *widths], vertical_alignment="center", gap="small")
        where_col.caption(where)
    else:
        st.caption(where)
        cols = st.columns(widths, vertical_alignment="center", gap="small")
    cols[0].button(
        "Previous",
        icon=":material/chevron_left:",
        key="brief-prev",
        on_click=_show,
        args=(prev,),
        disabled=prev is None,
        width="stretch",
        shortcut="Left",
    )
    # Plain Markdown: HTML in Markdown has the browser fetch one more renderer before the screen shows.
    cols[1].markdown(f"**{index + 1} / {len(screens)}**", text_alignment="center", wrap=False)
    cols[2].button(
        "Next",
        icon=":material/chevron_right:",
        icon_position="right",
        key="brief-next",
        on_click=_show,
        args=(after,),
        disabled=after is None,
        width="stretch",
        shortcut="Right",
        type="primary" if brief else "secondary",
    )
    st.html(KEYS_CSS)
    with st.container(key="brief-keys"):
        st.button(
            "Previous screen",
            key="brief-pageup",
            on_click=_show,
            args=(prev,),
            shortcut="PageUp",
            disabled=prev is None,
        )
        st.button(
            "Next screen",
            key="brief-pagedown",
            on_click=_show,
            args=(after,),
            shortcut="PageDown",
            disabled=after is None,
        )
    if brief:
        cols[3].button(
            "Exit",
            key="brief-exit",
            icon=":material/close:",
            on_click=set_mode,
            args=(False,),
            width="stretch",
            shortcut="Esc",
            help="Exit briefing mode",
        )
    else:
        cols[3].button(
            "Start",
            key="brief-start",
            icon=":material/co_present:",
            on_click=set_mode,
            args=(True,),
            type="primary",
            width="stretch",
            help="Start briefing: full screen for screensharing, sidebar hidden, one issue per screen, large type.",
        )


def _card(s: Standing, color: str, numbers: dict[str, int], narrow: bool) -> None:
    """A party's stance with its first quote: what must be on screen; the rest is under "More"."""
    with st.container(border=True):
        label = s.party.short if narrow or len(s.party.name) > 32 else s.party.name
        if not s.shown:
            party_header(s.party, color, label)
            not_shown(s.state, s.left_out)
            return
        p = s.position
        meta = f"{p.date:%d %b %Y} · {BASIS_LABEL.get(p.basis, p.basis)} · {p.confidence} confidence"
        party_header(s.party, color, label, meta)
        # One block of text, so the card takes as little height as its words need.
        lines = [f"**{markdown_safe(p.stance)}**" + (" :gray-badge[⚑ Weakly sourced]" if s.weakness else "")]
        first = next((c for c in s.cited if c.is_quote), s.cited[0] if s.cited else None)
        if first is not None:
            ref = f" \\[{numbers[first.source.id]}\\]" if first.source.id in numbers else ""
            if first.is_quote:
                lines.append(f"*“{markdown_safe(first.text)}”*{ref}")
            else:
                lines.append(f"Summary, not the source's words{ref}: {markdown_safe(first.text)}")
        elif p.basis == "assessed":
            lines.append(f"*Assessed (analyst coding, not the party's words)*: {markdown_safe(p.note)}")
        st.markdown("  \n".join(lines))


def _more(item: IssueBrief, brief: Brief, numbers: dict[str, int]) -> None:
    """Everything else about the issue, one click away: all evidence, notes, reasons, full sources."""
    with st.expander("More on this issue: all evidence, notes and the full sources"):
        for s in item.standings:
            if s.shown:
                md("**{name}**", name=s.party.name)
                position_body(s.position, s.cited, footnotes=numbers, with_sources=True)
        for fn in brief.notes_for(item):
            st.caption(
                f"\\[{fn.number}\\] {markdown_safe(citation(fn.source))} ({markdown_safe(source_kind(fn.source))})"
            )
        st.caption(markdown_safe(BASIS_NOTE))


def screen(view: View, results: Results, brief: Brief, screens: list[Screen], index: int) -> None:
    """One screen: the issue's name and question beside the controls, its chart, the stances it covers."""
    shown = screens[index]
    item = next(i for i in brief.issues if i.issue.id == shown.issue)
    issue = item.issue
    where = " · ".join(x for x in (brief.title, brief.short_dates(), issue.group, shown.label) if x)
    nav(screens, index, view.brief, markdown_safe(where))
    st.title(markdown_safe(issue.name), anchor=False)
    st.markdown(markdown_safe(issue.question))
    show(_chart(results, item), f"briefing-{issue.id}", view, key=f"brief-chart-{issue.id}", toolbar=not view.brief)
    numbers = {fn.source.id: fn.number for fn in brief.footnotes.values()}
    covered = [s for s in item.standings if s.party.id in shown.parties]
    with st.container(key="brief-stances"):
        for column, s in zip(st.columns(max(len(covered), 1), gap="medium"), covered, strict=False):
            with column:
                _card(s, results.colors[s.party.id], numbers, narrow=len(covered) >= 4)
    cited = {c.source.id for s in covered if s.shown for c in s.cited[:1]}
    short = [
        f"\\[{fn.number}\\] {markdown_safe(f'{fn.source.publisher}, {fn.source.date:%d %b %Y}')}"
        for fn in brief.notes_for(item)
        if fn.source.id in cited
    ]
    st.caption("Sources: " + " · ".join(short) if short else "No source cited on this screen.")
    _more(item, brief, numbers)
