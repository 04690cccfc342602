"""Documents side by side: what each plan or memorandum says on each issue, and where they differ."""

import streamlit as st

from parley.charts.scale import scale_figure
from parley.documents import default_documents, documents, side_by_side, table_of, what_each_says
from parley.export.spreadsheet import to_csv, to_xlsx
from parley.text import markdown_safe
from parley.ui.charts import show
from parley.ui.paging import one_page
from parley.ui.shell import page
from parley.ui.static_table import frame_html, static_table
from parley.ui.url_state import bound, writes

ISSUES_PER_PAGE = 20  # a page of issues: its table, its chart and what each document says on them

ctx = page()
v, results = ctx.view, ctx.results
ds = v.dataset
st.title("Documents side by side")
docs = results.loaded.memo("documents", lambda: documents(ds))
if len(docs) < 2:
    st.info(
        "This dataset has fewer than two documents: a document is a party's positions of one day on three "
        "issues or more, such as a plan or a memorandum coded point by point."
    )
    st.stop()
by_id = {d.id: d for d in docs}
picked = [d for d in v.docs if d in by_id] or [d.id for d in default_documents(docs)]
st.multiselect(
    "Documents",
    list(by_id),
    key=bound("w_docs", picked),
    format_func=lambda i: by_id[i].title,
    on_change=writes("docs", "w_docs", tuple, page_number=1),
    help="A document is one party's positions of one day on several issues: a plan or memorandum coded point by "
    "point. Its name comes from the document event of that day.",
)
chosen = [by_id[i] for i in picked]
if len(chosen) < 2:
    st.info("Choose two documents or more.")
    st.stop()
every_row = results.loaded.memo(("side-by-side", tuple(picked)), lambda: side_by_side(ds, chosen))
differ = sum(r.differ for r in every_row)
st.markdown(
    f"**{len(chosen)} documents on {len(every_row)} issues**: they differ on **{differ}**; "
    f"an issue a document does not address is marked “not addressed”, never a value."
)
rows = one_page(every_row, ISSUES_PER_PAGE, v.page_number, "Issues")


# A static table shows every stance in full, wrapped in its cell.
shown = results.memo(
    ("documents-table", tuple(picked), tuple(r.gap.issue.id for r in rows)),
    lambda: frame_html(table_of(chosen, rows)),
)
static_table(shown)
st.caption(
    "Each cell: the document's stance in the project's words, and its value on the issue's 0–100 scale (analyst "
    "coding). Hover or open Compare for the words each was coded from."
)
colors = {d.id: results.colors[d.party] for d in chosen}
figure = results.memo(
    ("documents-chart", tuple(picked), tuple(r.gap.issue.id for r in rows)),
    lambda: scale_figure([r.gap for r in rows], colors),
)
show(figure, "documents", v, key="documents-chart")

st.subheader("What each document says", anchor=False)
for row in rows:
    if not row.addressed:
        continue
    with st.expander(markdown_safe(row.gap.issue.name) + (" · they differ" if row.differ else "")):
        st.markdown(what_each_says(chosen, row))

stem = f"parley-documents-{ds.id}-{v.as_of.isoformat()}"
left, right = st.columns(2)
left.download_button(
    "Table as CSV",
    lambda: to_csv(table_of(chosen, every_row)),  # every issue, not only this page's
    f"{stem}.csv",
    "text/csv",
    icon=":material/download:",
    on_click="ignore",
    width="stretch",
)
right.download_button(
    "Table as Excel",
    lambda: to_xlsx(table_of(chosen, every_row), sheet="Documents"),
    f"{stem}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    on_click="ignore",
    width="stretch",
)
