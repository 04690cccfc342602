"""Documents side by side: what each plan or memorandum says, issue by issue, and where they differ.

A document here is one party's positions of one day with several issues: a plan or memorandum
coded point by point (the 28-point plan is the US positions of 21 November 2025). It is named by
the document event nearest to it (the events of kind "document"), or plainly otherwise. An issue
a document says nothing about is "not addressed", never a value.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from parley.evidence import cited_of
from parley.gaps import IssueGap, issue_gap
from parley.model import Dataset, Party
from parley.record import Standing, issue_order
from parley.text import markdown_safe
from parley.wording import coding

MIN_ISSUES = 3  # positions of one party on one day that make a document
NEAR_DAYS = 3


@dataclass(frozen=True)
class Document:
    id: str  # party@YYYY-MM-DD: what links carry
    party: str
    date: dt.date
    title: str
    short: str  # at most 12 characters, for chart labels
    issues: int  # how many issues it has a position on
    named: bool  # a document event names it

    def as_party(self, ds: Dataset) -> Party:
        """The document in a party's place on the charts: its label, in its party's colour."""
        owner = ds.party(self.party)
        # Built without validation: the label may be longer than a party's 12 characters.
        return Party.model_construct(
            id=self.id, name=self.title, short=self.short, role=owner.role, color=owner.color, description=""
        )


def documents(ds: Dataset) -> list[Document]:
    """Every party's day with positions on MIN_ISSUES issues or more, oldest first."""
    days = Counter((p.party, p.date) for p in ds.positions if not p.withdrawn)
    named = [e for e in ds.events if e.kind == "document"]
    found = []
    for (party, date), count in sorted(days.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if count < MIN_ISSUES:
            continue
        near = [e for e in named if party in e.parties and abs((e.date - date).days) <= NEAR_DAYS]
        near.sort(key=lambda e: abs((e.date - date).days))
        owner = ds.party(party).short
        title = f"{near[0].title} ({owner}, {date:%d %b %Y})" if near else f"{owner} positions of {date:%d %b %Y}"
        short = f"{owner} {date.day} {date:%b}"
        found.append(Document(f"{party}@{date.isoformat()}", party, date, title, short, count, bool(near)))
    return found


@dataclass(frozen=True)
class IssueAcross:
    """One issue across the chosen documents: each one's position, or not addressed."""

    gap: IssueGap  # standings in document order, each with the document in its party's place

    @property
    def addressed(self) -> int:
        return sum(s.shown for s in self.gap.standings)

    @property
    def differ(self) -> bool:
        values = {s.value for s in self.gap.standings if s.placed}
        return len(values) > 1


def side_by_side(ds: Dataset, chosen: list[Document]) -> list[IssueAcross]:
    by_key = {(p.party, p.date, p.issue): p for p in ds.positions if not p.withdrawn}
    rows = []
    for issue in issue_order(ds):
        standings = []
        for doc in chosen:
            position = by_key.get((doc.party, doc.date, issue.id))
            cited = cited_of(ds, position) if position else ()
            standings.append(Standing(doc.as_party(ds), issue, position, cited))
        rows.append(IssueAcross(issue_gap(issue, tuple(standings))))
    return rows


def default_documents(docs: list[Document], limit: int = 5) -> list[Document]:
    """The latest named documents with four issues or more (the plans and memoranda a briefer
    most likely means), else those with the most issues; in date order."""
    named = [d for d in docs if d.named and d.issues >= 4]
    if len(named) >= 2:
        return named[-limit:]
    return sorted(sorted(docs, key=lambda d: -d.issues)[:limit], key=lambda d: d.date)


def table_of(chosen: list[Document], rows: list[IssueAcross]) -> pd.DataFrame:
    """One row per issue, one column per document (its stance and coded value, or "not addressed"),
    and where they differ: what the page shows and the CSV and Excel downloads hold."""
    return pd.DataFrame(
        [
            {
                "Issue": row.gap.issue.name,
                **{
                    doc.short: (
                        f"{s.position.stance} ({coding(s.position.value, s.position.acceptable)})"
                        if s.shown
                        else "not addressed"
                    )
                    for doc, s in zip(chosen, row.gap.standings, strict=True)
                },
                "Where they differ": (f"gap {row.gap.gap:g}" if row.gap.gap is not None else "values differ")
                if row.differ
                else ("same value" if row.addressed > 1 else ""),
            }
            for row in rows
        ]
    )


def what_each_says(chosen: list[Document], row: IssueAcross) -> str:
    """One issue's stances and the words they were coded from, document by document, as one
    Markdown text: quotes in quotation marks, summaries labelled with their page. One element per
    issue, not one per paragraph, keeps a page of twenty issues light to draw."""
    blocks = []
    for doc, s in zip(chosen, row.gap.standings, strict=True):
        blocks.append(f"**{markdown_safe(doc.title)}**")
        if not s.shown:
            blocks.append("*not addressed*")
            continue
        blocks.append(markdown_safe(s.position.stance))
        blocks += [
            f"> “{markdown_safe(c.text)}”"
            if c.is_quote
            else f"*Summary of {markdown_safe(c.source.title)}:* " + markdown_safe(c.text)
            for c in s.cited
        ]
    return "\n\n".join(blocks)
