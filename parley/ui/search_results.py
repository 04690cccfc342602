"""Search results as the Search page shows them: grouped, highlighted, each linked to its view.

A match is shown in bold; every piece of data text is escaped first, so nothing from a dataset
can render as markup. A quote stays in quotation marks, a summary is labelled as one.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

import streamlit as st

from parley import urls
from parley.search import Found, Hit, Results
from parley.selection import View, slug
from parley.text import markdown_safe
from parley.ui.stance import party_header
from parley.wording import day, summary_label


def highlighted(hit: Hit) -> str:
    return "".join(f"**{markdown_safe(piece)}**" if matched else markdown_safe(piece) for piece, matched in hit.pieces)


def hit_line(results: Results, hit: Hit) -> str:
    ds = results.index.dataset
    text = highlighted(hit)
    if hit.field == "quote":
        source = ds.source(hit.source)
        return f"*quote* “{text}” — {markdown_safe(source.title)}"
    if hit.field == "summary":
        return f"*{markdown_safe(summary_label(ds.source(hit.source)))}:* {text}"
    return f"*{markdown_safe(hit.label)}:* {text}"


def _links(view: View, results: Results, found: Found) -> None:
    p = results.position(found)
    issue = view.dataset.issue(p.issue)
    parties = tuple(dict.fromkeys((*view.parties, p.party)))
    compare = view.link.to("compare", as_of=p.date, parties=parties, groups=(slug(issue.group),))
    since = p.date - dt.timedelta(days=1) if p.date > dt.date.min else p.date
    timeline = view.link.to("timeline", parties=parties, focus=p.issue, since=since, until=p.date)
    left, right = st.columns(2)
    left.page_link(
        "pages/compare.py",
        label="Compare as of that day",
        icon=":material/compare_arrows:",
        query_params=urls.query(compare),
    )
    right.page_link(
        "pages/timeline.py", label="On the timeline", icon=":material/timeline:", query_params=urls.query(timeline)
    )


def show(view: View, results: Results, colors: dict[str, str], shown: list[tuple[str, str, Found]]) -> None:
    """The position records in `shown` (issue, party, record), grouped as they come by issue and
    party, each with its matched texts and links."""
    ds = view.dataset
    last_issue = None
    for (issue_id, party_id), group in groupby(shown, key=lambda r: r[:2]):
        if issue_id != last_issue:
            st.subheader(markdown_safe(ds.issue(issue_id).name), anchor=False)
            last_issue = issue_id
        with st.container(border=True):
            party_header(ds.party(party_id), colors[party_id])
            for _, _, found in group:
                p = results.position(found)
                st.markdown(
                    f"**{markdown_safe(day(p.date))}** · {markdown_safe(p.stance)} · *{markdown_safe(p.basis)}*"
                )
                for hit in results.hits(found):
                    st.markdown(hit_line(results, hit))
                _links(view, results, found)


def show_events(results: Results) -> None:
    if not results.events:
        return
    st.subheader("Events", anchor=False)
    for found in results.events:
        event = results.event(found)
        with st.container(border=True):
            st.markdown(f"**{markdown_safe(day(event.date))}** · {markdown_safe(event.title)}")
            for hit in results.hits(found):
                if hit.field != "title":
                    st.markdown(hit_line(results, hit))
