"""CSV and Excel exports neutralise formula-like text in every column and keep everything else intact."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from parley.export import spreadsheet
from parley.filters import Filters
from parley.model import Evidence
from tests.support.packs import (
    BLUE_SUMMARY,
    CODING,
    RED_SUMMARY,
    brief_for,
    edge_datasets,
    hostile_mini,
    sourced_mini,
)

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


def test_positions_of_the_view_include_not_stated_rows(mini):
    table = spreadsheet.positions_table(brief_for(mini, ["blue", "red"]))
    assert len(table) == 6  # 3 issues x 2 parties
    water = table[table["issue"] == "water"]
    assert list(water["stance"]) == ["not stated", "not stated"] and list(water["shown"]) == ["not stated"] * 2
    assert water["value"].isna().all()  # never a 0 that reads as a position
    border = table[(table["issue"] == "border") & (table["party"] == "red")].iloc[0]
    assert border["stance"] == "Recognise the new line after all" and border["value"] == 90
    assert border["shown"] == "stated" and border["position_date"] == dt.date(2025, 2, 20)
    assert (border["acceptable_low"], border["acceptable_high"]) == (70, 100)


def three_quotes(ds):
    """Mini with Red's latest border position quoting three passages from two sources."""
    evidence = [
        Evidence(source="red-paper", quote="Recognition of the new line is required."),
        Evidence(source="green-brief", quote="Red hardened again."),
        Evidence(source="green-brief", quote="Red would accept a freeze before talks."),
    ]
    positions = [
        p.model_copy(update={"evidence": evidence}) if p.key == ("red", "border", dt.date(2025, 2, 20)) else p
        for p in ds.positions
    ]
    return ds.model_copy(update={"positions": positions})


def test_every_quote_keeps_its_source_in_the_same_order(mini):
    table = spreadsheet.positions_table(brief_for(three_quotes(mini), ["red"], issues=["border"]))
    row = table.iloc[0]
    assert row["quotes"] == (
        "Recognition of the new line is required. | Red hardened again. | Red would accept a freeze before talks."
    )
    assert row["quote_sources"] == "red-paper | green-brief | green-brief"
    assert row["source_titles"] == "Red position paper | Green mediator briefing | Green mediator briefing"
    assert row["source_urls"] == "https://example.org/red-paper |  | "  # one per quote, blank where none
    assert row["summaries"] == "" and row["summary_sources"] == ""


def test_hostile_dataset_exports_safely_in_both_formats(mini):
    brief = brief_for(hostile_mini(sourced_mini(mini)), ["blue", "red", "green"])
    table = spreadsheet.positions_table(brief)
    rows = list(csv.DictReader(io.StringIO(spreadsheet.to_csv(table).decode("utf-8-sig"), newline="")))
    details = [r["detail"] for r in rows if r["shown"] == "stated"]
    assert details and all(d.startswith("'=HYPERLINK") for d in details)
    publishers = [r["source_publishers"] for r in rows if r["source_publishers"]]
    assert publishers and all(p.startswith("'@") for p in publishers)
    wb = load_workbook(io.BytesIO(spreadsheet.to_xlsx(table, note=spreadsheet.pack_note(brief))))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(spreadsheet.FORMULA_START), (ws.title, cell.coordinate)


# --- summaries, weakly sourced positions, coding notes ------------------------------------------


@pytest.fixture(scope="module")
def sourced_brief(mini):
    return brief_for(sourced_mini(mini), ["blue", "red", "green"])


def row_of(table, issue, party):
    return table[(table["issue"] == issue) & (table["party"] == party)].iloc[0]


def test_summaries_have_their_own_columns_and_are_never_quoted(sourced_brief):
    table = spreadsheet.positions_table(sourced_brief)
    blue = row_of(table, "border", "blue")
    assert blue["quotes"] == "We want the old line restored" and blue["quote_sources"] == "blue-note"
    assert blue["summaries"] == BLUE_SUMMARY and blue["summary_sources"] == "green-brief"
    assert blue["source_titles"] == "Blue foreign ministry note | Green mediator briefing"  # quotes, then summaries
    red = row_of(table, "border", "red")
    assert red["quotes"] == "" and red["summaries"] == RED_SUMMARY and red["summary_sources"] == "green-brief"
    for column in ("quotes", "summaries"):
        assert not any(re.search("[“”]", text) for text in table[column]), column
    note = spreadsheet.pack_note(sourced_brief)
    assert "Quotes and summaries are in separate columns: a summary is not a quote." in note
    assert "only quotes are in quotation marks" in note


def test_weakly_sourced_positions_are_marked(sourced_brief):
    table = spreadsheet.positions_table(sourced_brief)
    weak = {(r.issue, r.party): r.weakly_sourced for r in table.itertuples() if r.weakly_sourced}
    assert weak == {
        ("border", "red"): "only summaries, no verbatim quote",
        ("trade", "red"): "only low-reliability sources",
    }


def test_nothing_in_mini_is_marked_weakly_sourced(mini):
    table = spreadsheet.positions_table(brief_for(mini, ["blue", "red", "green"]))
    assert not table["weakly_sourced"].any() and not table["summaries"].any()


def test_coding_notes_never_reach_the_spreadsheets(sourced_brief):
    table = spreadsheet.positions_table(sourced_brief)
    csv_text = spreadsheet.to_csv(table).decode("utf-8-sig")
    assert CODING not in csv_text and "Restore the old line" in csv_text
    wb = load_workbook(io.BytesIO(spreadsheet.to_xlsx(table, note=spreadsheet.pack_note(sourced_brief))))
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells and not any(CODING in c for c in cells)


def test_a_filtered_export_says_so_on_every_row(mini):
    brief = brief_for(sourced_mini(mini), ["blue", "red"], filters=Filters(reliability=frozenset({"high"})))
    table = spreadsheet.positions_table(brief)
    assert set(table["filter"]) == {"only positions backed by a high-reliability source"}
    trade = row_of(table, "trade", "red")
    assert trade["shown"] == "left out" and trade["stance"] == "left out by the filter: low-reliability sources only"
    assert pd.isna(trade["value"]) and trade["quotes"] == ""
    assert "Filter: only positions backed by a high-reliability source." in spreadsheet.pack_note(brief)


# --- datasets at the edges ----------------------------------------------------------------------


@pytest.mark.parametrize("case", ["no positions", "one party", "one issue", "calendar ends"])
def test_the_spreadsheets_export_datasets_at_the_edges(mini, case):
    ds = edge_datasets(mini)[case]
    brief = brief_for(ds, [p.id for p in ds.parties])
    table = spreadsheet.positions_table(brief)
    assert len(table) == len(ds.parties) * len(ds.issues)
    assert list(table.columns) == spreadsheet.COLUMNS
    rows = list(csv.DictReader(io.StringIO(spreadsheet.to_csv(table).decode("utf-8-sig"), newline="")))
    assert len(rows) == len(table)
    ws = load_workbook(io.BytesIO(spreadsheet.to_xlsx(table, note=spreadsheet.pack_note(brief)))).active
    assert ws.max_row == len(table) + 1
    if case == "no positions":
        assert {r["shown"] for r in rows} == {"not stated"}
    if case == "calendar ends":
        assert {r["as_of"] for r in rows} == {"9999-12-31"}
        dates = {r["position_date"] for r in rows if r["position_date"]}
        assert dates == {"0001-01-01", "9999-12-31"}
        column = spreadsheet.COLUMNS.index("position_date") + 1
        written = {c.value for c in next(ws.iter_cols(min_col=column, max_col=column, min_row=2))}
        assert dt.datetime(9999, 12, 31) in written  # Excel's last day is a date like any other
        assert "0001-01-01" in written  # before Excel's first day: ISO text, never a serial Excel cannot show
        assert not any(isinstance(v, dt.date) and v.year < 1900 for v in written)
