"""The shared sidebar: the pages, then the dataset, parties, date and evidence filter every view reads.

Every control writes ids into the URL (parley.ui.url_state), and the page links carry the
current choices along, so moving between pages keeps the view and every link can be shared.
"""

from __future__ import annotations

import streamlit as st

from parley import urls
from parley.access import User
from parley.catalog import Entry
from parley.filters import BASES, RELIABILITIES
from parley.selection import View
from parley.text import markdown_safe
from parley.ui.auth import account
from parley.ui.safe import problem_list
from parley.ui.url_state import bound, writes


def _nav(view: View | None, pages: dict[str, st.Page], user: User) -> None:
    from parley.ui.shell import PAGES

    link = view.link if view is not None else urls.Link()
    section = None
    for spec in PAGES:
        if spec.role is not None and spec.role not in user.roles:
            continue
        if spec.section != section:
            section = spec.section
            st.caption(section)
        target = link.to(spec.name) if view is not None else urls.Link(page=spec.name)
        st.page_link(pages[spec.name], label=spec.title, icon=spec.icon, query_params=urls.query(target))


def render_sidebar(
    view: View | None,
    entries: dict[str, Entry],
    pages: dict[str, st.Page],
    user: User,
    open_problems: bool | None = None,
) -> None:
    """`open_problems`: show each broken dataset's problems unfolded (by default when no view can be shown)."""
    loaded = [i for i, e in entries.items() if e.ok]
    broken = {i: e for i, e in entries.items() if not e.ok}
    with st.sidebar:
        account(user)
        _nav(view, pages, user)
        st.divider()
        if loaded:
            titles = {i: entries[i].title for i in loaded}
            st.selectbox(
                "Dataset",
                loaded,
                key=bound("w_dataset", view.dataset_id if view is not None else None),
                on_change=writes("dataset", "w_dataset", parties=None, as_of=None, issues=(), focus=None, source=None),
                placeholder="Choose a dataset",
                help="Each dataset is one negotiation; its title is shown below.",
            )
            if view is not None:
                st.caption(markdown_safe(titles[view.dataset_id]))
        if view is not None:
            _selection(view)
        if broken:
            _broken(broken, pages, expanded=view is None if open_problems is None else open_problems)


def _selection(view: View) -> None:
    ds = view.dataset
    shorts = {p.id: p.short for p in ds.parties}
    st.multiselect(
        "Parties shown",
        list(shorts),
        key=bound("w_parties", list(view.parties)),
        format_func=shorts.get,
        on_change=writes("parties", "w_parties", tuple, pair=()),
        help="Every view shows these parties, in the order of the data.",
    )
    st.date_input(
        "Positions as of",
        key=bound("w_as_of", view.as_of),
        min_value=view.earliest,
        max_value=ds.info.as_of,
        format="YYYY-MM-DD",
        on_change=writes("as_of", "w_as_of"),
        help="Each party's latest position dated on or before this day.",
    )
    st.caption(f"Data as of {ds.info.as_of:%d %b %Y}")
    st.pills(
        "Sources",
        list(RELIABILITIES),
        selection_mode="multi",
        key=bound("w_reliability", [r for r in RELIABILITIES if r in view.filters.reliability]),
        format_func=lambda r: f"{r} reliability",
        on_change=writes("reliability", "w_reliability", tuple),
        help="Show only positions backed by at least one source of the chosen reliability "
        "(data/CODEBOOK.md explains the ratings). None chosen: every position.",
    )
    st.pills(
        "Basis",
        list(BASES),
        selection_mode="multi",
        key=bound("w_basis", [b for b in BASES if b in view.filters.basis]),
        on_change=writes("basis", "w_basis", tuple),
        help="stated: the party's own words; reported: attributed to it by a source; assessed: analyst coding. "
        "None chosen: every position.",
    )
    st.page_link(
        "pages/briefing.py",
        label="Start briefing",
        icon=":material/co_present:",
        query_params=urls.query(view.link.to("briefing", brief=True, issues=view.issues)),
        help="Full screen for screensharing: one issue per screen, sidebar hidden. Exit from the screen.",
    )


SIDEBAR_PROBLEMS = 3  # in full per broken dataset; its own page lists them all


def _broken(broken: dict[str, Entry], pages: dict[str, st.Page], expanded: bool = False) -> None:
    st.warning(f"{len(broken)} dataset(s) not shown because of errors in their files.")
    for dataset_id, entry in broken.items():
        # Open when nothing else can be shown: the problems are then all there is to read.
        with st.expander(f"Problems in {markdown_safe(dataset_id)}", expanded=expanded):
            # The narrow sidebar gets the first few in full and the counts of the rest ("and N more of
            # the same kind", why checking stopped); the dataset's own page lists every one at full width.
            full = [p for p in entry.problems if p.code not in ("more", "stopped")]
            shown = full[:SIDEBAR_PROBLEMS] + [p for p in entry.problems if p.code in ("more", "stopped")]
            problem_list(shown)
            if len(full) > SIDEBAR_PROBLEMS:
                st.caption(f"The first {SIDEBAR_PROBLEMS} of {len(full)} problems listed in full.")
                st.page_link(
                    pages["overview"],
                    label="See all problems",
                    icon=":material/list:",
                    query_params={"dataset": dataset_id},
                )
