"""Compare: the chosen parties' positions issue by issue, side by side, each with its evidence."""

import streamlit as st

from parley.compare import compare_rows, link_target
from parley.tables import issues_frame
from parley.text import markdown_safe
from parley.ui.safe import md
from parley.ui.state import view

ISSUES_PER_PAGE = 12

v = view()
st.title("Compare")
if not v.parties:
    st.info("Choose two or more parties in the sidebar (mediators and third parties can be compared too).")
    st.stop()

groups = list(dict.fromkeys(issues_frame(v.dataset)["group"]))
chosen_groups = st.multiselect("Issue group", groups, key="group", bind="query-params", placeholder="All groups")
st.caption(
    f"Positions as of {v.as_of:%d %B %Y}, for the parties chosen in the sidebar. Values place each stance on "
    "the issue's 0–100 scale; they are the analysts' coding of the words quoted."
)
if len(v.parties) < 2:
    st.info("Choose a second party in the sidebar to see the gap between them.")

rows = compare_rows(v.dataset, v.current(), v.parties, v.colors, chosen_groups or None)
if len(rows) > ISSUES_PER_PAGE:
    # Long negotiations are shown a dozen issues at a time: every card carries its quotes.
    pages = -(-len(rows) // ISSUES_PER_PAGE)
    at = st.pagination(pages, key="issues_page", bind="query-params")
    first = (min(at, pages) - 1) * ISSUES_PER_PAGE
    st.caption(f"Issues {first + 1}–{min(first + ISSUES_PER_PAGE, len(rows))} of {len(rows)}")
    rows = rows[first : first + ISSUES_PER_PAGE]
for row in rows:
    with st.container(border=True):
        md("### {name}", name=row.name)
        md("{group} · {question}", group=row.group, question=row.question)
        md("**{gap}**", gap=row.gap_text)
        for column, cell in zip(st.columns(len(row.cells)), row.cells, strict=True):
            with column:
                # The party's colour marks its header: a bar in its colour, then its name as text.
                st.html(f'<div style="height:6px;border-radius:3px;background:{cell.color}"></div>')
                md("#### {short}", short=cell.short)
                if not cell.stated:
                    md("*{text}*", text="not stated")
                    st.caption("No position on record for this party on this issue as of this date.")
                    continue
                md("**{stance}**", stance=cell.stance)
                if cell.detail:
                    st.text(cell.detail)
                md("Value (analyst coding): {value}", value=cell.value_text())
                basis = f"Basis: {cell.basis} · confidence: {cell.confidence} · dated {cell.date:%Y-%m-%d}"
                md("{basis}", basis=basis)
                if cell.analyst_coding:
                    md("*Analyst coding*: {note}", note=cell.note)
                elif cell.note:
                    md("*Analyst note*: {note}", note=cell.note)
                for q in cell.evidence:
                    md("*“{quote}”*", quote=q.quote)
                    where = f"{q.title}, {q.publisher}, {q.date:%Y-%m-%d} ({q.kind}, {q.reliability} reliability)"
                    if q.url:
                        st.markdown(f"— {markdown_safe(where)} · [open source]({link_target(q.url)})")
                    else:
                        md("— {where}", where=where)
