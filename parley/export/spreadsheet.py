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

from parley.briefs import Brief
from parley.wording import BASIS_LABEL, BASIS_NOTE, LEFT_OUT, NOT_STATED, SUMMARY_NOTE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Control characters Excel files cannot hold (tab, newline and carriage return are allowed).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Excel cannot show a date before 1900 (its first serial day); earlier dates are written as ISO text.
EXCEL_FIRST_DAY = dt.date(1900, 1, 1)

COLUMNS = [
    "dataset",
    "as_of",
    "issue",
    "issue_name",
    "group",
    "party",
    "party_name",
    "shown",
    "stance",
    "value",
    "acceptable_low",
    "acceptable_high",
    "value_reason",
    "basis",
    "confidence",
    "position_date",
    "weakly_sourced",
    "quotes",
    "quote_sources",
    "summaries",
    "summary_sources",
    "source_titles",
    "source_publishers",
    "source_dates",
    "source_urls",
    "analyst_note",
    "detail",
    "filter",
]


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading ' ; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _joined(values: list[object]) -> str:
    return " | ".join("" if v is None else str(v) for v in values)


def positions_table(brief: Brief) -> pd.DataFrame:
    """One row per issue x chosen party in force as of the brief's date, "not stated" rows included.

    Quotes and summaries are kept apart (a summary is never a quote); several of either join with
    " | ", and so do their sources, in the same order, so each stays next to where it came from.
    """
    rows = []
    for item in brief.issues:
        for s in item.standings:
            p = s.position if s.shown else None
            quotes = [c for c in s.cited if c.is_quote] if p else []
            summaries = [c for c in s.cited if not c.is_quote] if p else []
            cited = quotes + summaries
            rows.append(
                {
                    "dataset": brief.dataset.id,
                    "as_of": brief.as_of,
                    "issue": item.issue.id,
                    "issue_name": item.issue.name,
                    "group": item.issue.group,
                    "party": s.party.id,
                    "party_name": s.party.name,
                    "shown": s.state,
                    "stance": p.stance
                    if p
                    else (NOT_STATED if s.state == "not stated" else f"{LEFT_OUT}: {s.left_out}"),
                    "value": p.value if p else None,
                    "acceptable_low": p.acceptable[0] if p and p.acceptable else None,
                    "acceptable_high": p.acceptable[1] if p and p.acceptable else None,
                    "value_reason": p.value_reason if p else "",
                    "basis": BASIS_LABEL.get(p.basis, p.basis) if p else "",
                    "confidence": p.confidence if p else "",
                    "position_date": p.date if p else None,
                    "weakly_sourced": s.weakness,
                    "quotes": _joined([c.text for c in quotes]),
                    "quote_sources": _joined([c.source.id for c in quotes]),
                    "summaries": _joined([c.text for c in summaries]),
                    "summary_sources": _joined([c.source.id for c in summaries]),
                    "source_titles": _joined([c.source.title for c in cited]),
                    "source_publishers": _joined([c.source.publisher for c in cited]),
                    "source_dates": _joined([c.source.date for c in cited]),
                    "source_urls": _joined([c.source.url or "" for c in cited]),
                    "analyst_note": p.note if p else "",
                    "detail": p.detail if p else "",
                    "filter": brief.filter_note,
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
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime) and value < EXCEL_FIRST_DAY:
        return value.isoformat()
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


def pack_note(brief: Brief) -> str:
    lines = [brief.title, brief.dates_line(), f"Parties: {', '.join(brief.party_names())}"]
    if brief.filter_note:
        lines.append(f"Filter: {brief.filter_note}.")
    lines += [BASIS_NOTE, SUMMARY_NOTE, "Quotes and summaries are in separate columns: a summary is not a quote."]
    return "\n".join(lines)
