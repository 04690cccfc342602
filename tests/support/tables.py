"""The tables a page draws as HTML (parley.ui.static_table), read back as a reader sees them."""

from __future__ import annotations

import pandas as pd
from bs4 import BeautifulSoup


def html_tables(block) -> list[pd.DataFrame]:
    """Each table in an AppTest block's st.html elements: its header cells as the columns, its
    body cells as the rows, every cell as the text the browser shows."""
    found = []
    for element in block.html:
        for table in BeautifulSoup(element.value, "html.parser").find_all("table"):
            columns = [th.get_text() for th in table.thead.find_all("th")]
            rows = [[td.get_text() for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
            found.append(pd.DataFrame(rows, columns=columns))
    return found
