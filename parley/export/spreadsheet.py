"""The positions of the current view as CSV and Excel, safe to open in a spreadsheet.

A cell whose text starts with = + - @ (or a tab or carriage return) would be read as a
formula by Excel, LibreOffice or Sheets; every such text cell, in every column, gets a leading
single quote and keeps its text. Numbers stay numbers. One row per issue and chosen party,
"not stated" rows included, so a missing position is never a blank that reads as zero.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from parley.export.pack import BASIS_LABEL, BASIS_NOTE, Pack

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Control characters Excel files cannot hold (tab, newline and carriage return are allowed).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

COLUMNS = [
    "dataset", "as_of", "issue", "issue_name", "group", "party", "party_name", "stance", "stated", "value",
    "acceptable_low", "acceptable_high", "basis", "confidence", "position_date", "quote", "source",
    "source_title", "source_publisher", "source_date", "source_url", "analyst_note", "detail",
]  # fmt: skip


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading ' ; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def positions_table(pack: Pack) -> pd.DataFrame:
    """One row per issue x chosen party in force as of the pack's date.

    Several quotes join with " | ", and so do their sources, in the same order, so each quote
    stays next to where it came from.
    """
    notes = {fn.number: fn for fn in pack.sources}
    rows = []
    for issue in pack.issues:
        for s in issue.stances:
            cited = [notes[q.footnote] for q in s.quotes]

            def each(field: str, cited: list = cited) -> str:
                return " | ".join(str(getattr(fn, field) or "") for fn in cited)

            rows.append(
                {
                    "dataset": pack.dataset.id,
                    "as_of": pack.as_of,
                    "issue": issue.issue,
                    "issue_name": issue.name,
                    "group": issue.group,
                    "party": s.party,
                    "party_name": s.name,
                    "stance": s.stance,
                    "stated": s.stated,
                    "value": s.value,
                    "acceptable_low": s.acceptable[0] if s.acceptable else None,
                    "acceptable_high": s.acceptable[1] if s.acceptable else None,
                    "basis": BASIS_LABEL.get(s.basis, s.basis),
                    "confidence": s.confidence,
                    "position_date": s.date,
                    "quote": " | ".join(q.text for q in s.quotes),
                    "source": each("source"),
                    "source_title": each("title"),
                    "source_publisher": each("publisher"),
                    "source_date": each("date"),
                    "source_url": each("url"),
                    "analyst_note": s.note,
                    "detail": s.detail,
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell neutralised, headers included; other cells untouched."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise).astype(object)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """RFC 4180 CSV (CRLF rows, so a CR inside a cell is quoted), UTF-8 with a BOM for Excel."""
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _cell(value: object) -> object:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, str):
        return _ILLEGAL.sub("\ufffd", value)
    if hasattr(value, "item") and not isinstance(value, (dt.date, dt.datetime)):
        return value.item()  # numpy scalars
    return value


def to_xlsx(frame: pd.DataFrame, sheet: str = "Positions", note: str | None = None) -> bytes:
    """An .xlsx workbook; text cells are written as strings (never formulas), dates as dates."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    safe = safe_frame(frame)
    ws.append([str(c) for c in safe.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in safe.itertuples(index=False):
        ws.append([_cell(v) for v in row])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a string cell, whatever its first character
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    for column in ws.columns:
        letter = column[0].column_letter
        longest = max((len(str(c.value)) for c in column if c.value is not None), default=8)
        ws.column_dimensions[letter].width = min(max(10, longest + 2), 60)
        if longest > 60:
            for c in column[1:]:
                c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    if note:
        about = wb.create_sheet("About")
        for line in note.splitlines():
            about.append([neutralise(_cell(line))])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def pack_note(pack: Pack) -> str:
    return f"{pack.title}\n{pack.dates_line()}\nParties: {', '.join(pack.party_names())}\n{BASIS_NOTE}"
