"""CSV and Excel exports neutralise formula-like text in every column and keep everything else intact."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from parley.export import spreadsheet
from parley.export.pack import build_pack
from parley.load import load_dataset
from tests.support.packs import hostile_mini, mini

DANGEROUS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tindent", "\rcarriage", '=HYPERLINK("http://x","y")']
ORDINARY = ["plain text", "a-b = c", "O'Brien", "2025-01-10 talks", "", " =leading space is fine"]


@pytest.fixture
def frame() -> pd.DataFrame:
    rows = [{"text": t, "other": f"note {n}", "number": float(n) - 2.5, "count": n} for n, t in enumerate(DANGEROUS)]
    rows += [
        {"text": t, "other": DANGEROUS[n % len(DANGEROUS)], "number": -7.0, "count": -n} for n, t in enumerate(ORDINARY)
    ]
    return pd.DataFrame(rows)


@pytest.mark.parametrize("text", DANGEROUS)
def test_neutralise_prefixes_a_quote_and_keeps_the_text(text):
    assert spreadsheet.neutralise(text) == "'" + text


@pytest.mark.parametrize("value", [*ORDINARY, 3, -3.5, None])
def test_neutralise_leaves_ordinary_values_alone(value):
    assert spreadsheet.neutralise(value) == value


def test_csv_cells_are_neutralised_in_every_column(frame):
    data = spreadsheet.to_csv(frame).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    assert [r["text"] for r in rows[: len(DANGEROUS)]] == ["'" + t for t in DANGEROUS]
    assert [r["text"] for r in rows[len(DANGEROUS) :]] == ORDINARY
    assert [r["other"] for r in rows[len(DANGEROUS) :]] == [
        "'" + DANGEROUS[n % len(DANGEROUS)] for n in range(len(ORDINARY))
    ]
    assert rows[0]["number"] == "-2.5" and rows[-1]["count"] == "-5"  # numbers stay numbers, sign and all
    for row in rows:
        for column in ("text", "other"):
            assert not row[column].startswith(spreadsheet.FORMULA_START), row[column]


def test_xlsx_cells_are_strings_neutralised_and_numbers_stay_numbers(frame):
    ws = load_workbook(io.BytesIO(spreadsheet.to_xlsx(frame))).active
    header = [c.value for c in ws[1]]
    assert header == ["text", "other", "number", "count"]
    body = list(ws.iter_rows(min_row=2))
    for row, text in zip(body, DANGEROUS, strict=False):
        assert row[0].value == "'" + text and row[0].data_type == "s"
    for row, text in zip(body[len(DANGEROUS) :], ORDINARY, strict=True):
        assert row[0].value == (text or None)
    assert body[0][2].value == -2.5 and body[0][2].data_type == "n"
    assert body[-1][3].value == -5
    for row in body:
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                assert not cell.value.startswith(spreadsheet.FORMULA_START), cell.value


def test_positions_of_the_view_include_not_stated_rows():
    table = spreadsheet.positions_table(build_pack(mini(), ["blue", "red"]))
    assert len(table) == 6  # 3 issues x 2 parties
    water = table[table["issue"] == "water"]
    assert list(water["stance"]) == ["not stated", "not stated"] and not water["stated"].any()
    border = table[(table["issue"] == "border") & (table["party"] == "red")].iloc[0]
    assert border["stance"] == "Recognise the new line after all" and border["value"] == 90


def test_every_quote_keeps_its_source_in_the_same_order():
    ds = load_dataset(Path(__file__).resolve().parents[2] / "data" / "russia-ukraine-2025").dataset
    table = spreadsheet.positions_table(build_pack(ds, ["russia"], dt.date(2025, 5, 20), issues=["ceasefire"]))
    row = table.iloc[0]
    assert row["quote"].count(" | ") == 2  # three quotes
    assert row["source"] == "seed-article | up-2025-05-16 | up-2025-05-16"


def test_hostile_dataset_exports_safely_in_both_formats():
    pack = build_pack(hostile_mini(), ["blue", "red", "green"])
    table = spreadsheet.positions_table(pack)
    rows = list(csv.DictReader(io.StringIO(spreadsheet.to_csv(table).decode("utf-8-sig"), newline="")))
    details = [r["detail"] for r in rows if r["stated"] == "True"]
    assert details and all(d.startswith("'=HYPERLINK") for d in details)
    assert all(r["source_publisher"].startswith("'@") for r in rows if r["source_publisher"])
    wb = load_workbook(io.BytesIO(spreadsheet.to_xlsx(table, note=spreadsheet.pack_note(pack))))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(spreadsheet.FORMULA_START), (ws.title, cell.coordinate)
