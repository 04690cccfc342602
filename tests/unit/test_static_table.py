"""A table drawn as HTML shows every cell as the characters it holds, markup included."""

from __future__ import annotations

import pandas as pd
from bs4 import BeautifulSoup

from parley.ui.static_table import frame_html, table_html
from tests.support.hostile import IMG, SCRIPT


def test_cells_and_headers_read_back_as_given():
    frame = pd.DataFrame(
        [["Border line", "Restore the old line (value 0)", ""]], columns=["Issue", "Blue 1 Feb", "Note"]
    )
    table = BeautifulSoup(frame_html(frame), "html.parser").table
    assert [th.get_text() for th in table.thead.find_all("th")] == ["Issue", "Blue 1 Feb", "Note"]
    assert [td.get_text() for td in table.tbody.find_all("td")] == ["Border line", "Restore the old line (value 0)", ""]


def test_planted_markup_is_text_and_never_an_element():
    drawn = table_html([f"Issue {SCRIPT}"], [[IMG], ["**stars** & <b>bold</b>"]])
    soup = BeautifulSoup(drawn, "html.parser")
    assert soup.find_all(["script", "img", "b"]) == []
    assert [td.get_text() for td in soup.find_all("td")] == [IMG, "**stars** & <b>bold</b>"]
    assert soup.th.get_text() == f"Issue {SCRIPT}"
