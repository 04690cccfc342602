"""Compare: the chosen parties' positions issue by issue, side by side, each with its evidence."""

import streamlit as st

from parley.record import groups
from parley.selection import slug
from parley.ui.paging import one_page
from parley.ui.safe import md
from parley.ui.shell import page
from parley.ui.stance import not_shown, party_header, position_body
from parley.ui.url_state import bound, writes
from parley.wording import second_party

ISSUES_PER_PAGE = 12  # every card carries its evidence: a dozen issues stay quick to draw

ctx = page()
v, results = ctx.view, ctx.results
st.title("Compare")
if not v.parties:
    st.info("Choose two or more parties in the sidebar (mediators and third parties can be compared too).")
    st.stop()

st.multiselect(
    "Issue group",
    groups(v.dataset),
    key=bound("w_groups", list(v.groups)),
    on_change=writes("groups", "w_groups", lambda picked: tuple(slug(g) for g in picked), page_number=1),
    placeholder="All groups",
)
st.caption(
    f"Positions as of {v.as_of:%d %B %Y}, for the parties chosen in the sidebar. Values place each stance on "
    "the issue's 0–100 scale; they are the analysts' coding of the words quoted. Only text in quotation marks "
    "is a source's own words; a summary is labelled as one."
)
if len(v.parties) < 2:
    st.info(second_party(len(v.dataset.parties), "the gap between them", "there is no gap to show"))

rows = results.briefs(groups=v.groups)
rows = one_page(rows, ISSUES_PER_PAGE, v.page_number, "Issues")
for row in rows:
    with st.container(border=True):
        # One text for the heading, the question and the gap: fewer elements keep a long page quick.
        md(
            "### {name}\n\n{group} · {question}\n\n**{gap}**",
            name=row.issue.name,
            group=row.issue.group,
            question=row.issue.question,
            gap=row.gap_text,
        )
        for column, s in zip(st.columns(len(row.standings)), row.standings, strict=True):
            with column:
                party_header(s.party, results.colors[s.party.id])
                if s.shown:
                    position_body(s.position, s.cited)
                else:
                    not_shown(s.state, s.left_out)
