"""A table of text drawn as one piece of HTML, in the look of st.table.

st.table renders every cell as Markdown: a parse and a component per cell. On Documents' page of
20 issues by 5 documents that cost the browser 140 ms before the page's chart was drawn (2.54 s
from navigation with st.table, 2.40 s as one piece of HTML, the floor 1.92 s, in one run). Every
cell is plain text, escaped here, so whatever a dataset holds shows as the characters it is.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import pandas as pd
import streamlit as st

from parley.palette import INK, rgba

# st.table's own measures in the app's theme: 0.875rem type, thin borders in the body colour at
# 10%, headers in the body colour at 70%.
RULE = f"1px solid {rgba(INK, 0.1)}"
STYLE = f"""<style>
.parley-table {{ border: {RULE}; border-radius: 0.5rem; overflow-x: auto; }}
.parley-table table {{ width: 100%; border-collapse: collapse; font-size: 0.875rem; line-height: 1.5; }}
.parley-table th, .parley-table td {{
  padding: 0.25rem 0.375rem; text-align: left; vertical-align: middle; overflow-wrap: break-word;
  border-bottom: {RULE}; border-right: {RULE};
}}
.parley-table th {{ color: {rgba(INK, 0.7)}; font-weight: 400; }}
.parley-table tbody tr:last-child td {{ border-bottom: none; }}
.parley-table :is(th, td):last-child {{ border-right: none; }}
</style>"""


def table_html(columns: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    return f'<div class="parley-table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def frame_html(frame: pd.DataFrame) -> str:
    return table_html(list(frame.columns), frame.itertuples(index=False))


def static_table(table: str) -> None:
    """Show a table made by `table_html` or `frame_html`."""
    st.html(STYLE + table)
