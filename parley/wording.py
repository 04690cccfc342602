"""The sentences every view shares, written once so the screen, the pack and the slides agree.

Everything here returns plain text built from data; the caller escapes it for where it goes
(markdown_safe for Streamlit, plotly_safe for charts, html.escape for the HTML pack).
"""

from __future__ import annotations

import datetime as dt

from parley.evidence import Cited
from parley.gaps import IssueGap
from parley.model import Issue, Source
from parley.record import Standing
from parley.urls import TIMELINE_CHARTS

NOT_STATED = "not stated"
NOT_STATED_NOTE = "No position on record as of this date; not zero, not agreement."
NOT_PLACED = "not placed on the scale"
LEFT_OUT = "left out by the filter"
WEAK = "weakly sourced"
BASIS_NOTE = (
    "Basis: stated = the party's own published words; reported = attributed to the party by a source; "
    "assessed = analyst coding, not the party's words (the analysts' reason is given). "
    "Positions on the 0–100 scales and acceptable ranges are analyst coding throughout."
)
BASIS_LABEL = {"stated": "stated", "reported": "reported", "assessed": "assessed (analyst coding)"}
# Timeline's charts over time, each a tab named for what it shows.
CHART_TABS = dict(zip(TIMELINE_CHARTS, ("Events", "Positions on one issue", "Gaps between two parties"), strict=True))
SUMMARY_NOTE = "A summary is someone else's account of a source, not its words; only quotes are in quotation marks."


def second_party(party_count: int, to_see: str, nothing: str) -> str:
    """What a view of two parties says when one is shown: choose another, or, in a dataset of one
    party, that there is nothing to compare (there is no second party to choose)."""
    if party_count < 2:
        return f"This dataset has only one party: {nothing}."
    return f"Choose a second party in the sidebar to see {to_see}."


def day(d: dt.date | None) -> str:
    return f"{d:%d %b %Y}" if d else ""


def long_day(d: dt.date) -> str:
    return f"{d:%d %B %Y}"


def coding(value: float | None, acceptable: tuple[float, float] | None) -> str:
    """ "value 60 · acceptable 50–90 (analyst coding)": both numbers are the analysts' placing."""
    text = f"value {value:g}" if value is not None else NOT_PLACED
    if acceptable:
        text += f" · acceptable {acceptable[0]:g}–{acceptable[1]:g}"
    return text + (" (analyst coding)" if value is not None or acceptable else "")


def standing_coding(s: Standing) -> str:
    if s.state == "not stated":
        return NOT_STATED
    if s.state == "left out":
        return f"{LEFT_OUT} ({s.left_out})"
    return coding(s.position.value, s.position.acceptable)


def basis_line(s: Standing) -> str:
    """ "12 Jan 2025 · stated · high confidence": when, on what basis, how sure."""
    p = s.position
    return f"{day(p.date)} · {BASIS_LABEL.get(p.basis, p.basis)} · {p.confidence} confidence"


def citation(source: Source, url: bool = True) -> str:
    """One line: title, publisher, date (and address)."""
    line = f"{source.title}, {source.publisher}, {day(source.date)}"
    return line + (f". {source.url}" if source.url and url else "")


def source_kind(source: Source) -> str:
    return f"{source.kind.replace('_', ' ')}, {source.reliability} reliability"


def summary_label(source: Source) -> str:
    """How a summary is introduced: whose page it summarises, and that the words are not theirs."""
    return f"Summary of {source.title} ({source.publisher}, {day(source.date)}), not the source's words"


def evidence_label(cited: Cited) -> str:
    return citation(cited.source, url=False) if cited.is_quote else summary_label(cited.source)


def weak_label(reason: str) -> str:
    return f"Weakly sourced: {reason}" if reason else ""


def gap_sentence(gap: IssueGap) -> str:
    """The gap between the chosen parties on one issue, with the scale's ends, in one line."""
    issue = gap.issue
    ends = f"(0 = {issue.scale.low}, 100 = {issue.scale.high})"
    if gap.gap is not None:
        parts = [
            f"Gap {gap.gap:g} points: {gap.low.party.short} {gap.low.value:g} ↔ "
            f"{gap.high.party.short} {gap.high.value:g} {ends}"
        ]
    else:
        parts = [f"Gap unknown: fewer than two of the chosen parties are placed on the scale {ends}"]
    if gap.overlap is not None:
        parts.append(f"acceptable ranges {gap.overlap.label()}")
    elif gap.apart is not None:
        parts.append(f"acceptable {gap.apart.label()}")
    if gap.not_stated:
        parts.append(f"{NOT_STATED}: {', '.join(s.party.short for s in gap.not_stated)}")
    if gap.left_out:
        parts.append(f"{LEFT_OUT}: {', '.join(s.party.short for s in gap.left_out)}")
    return " · ".join(parts)


def scale_ends(issue: Issue) -> str:
    return f"0 = {issue.scale.low} · 100 = {issue.scale.high}"
