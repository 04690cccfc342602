"""Dataset -> tidy pandas frames that every view reads.

One row per position keeps the frames small and lets "as of a date" be a plain filter: the
position in force is the latest one dated on or before that date, and a party with none (or
whose latest record withdraws it) is "not stated".
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from parley.model import Dataset

NOT_STATED = "not stated"

POSITION_COLUMNS = [
    "party",
    "issue",
    "date",
    "stance",
    "detail",
    "value",
    "acc_low",
    "acc_high",
    "salience",
    "basis",
    "confidence",
    "note",
    "withdrawn",
    "quote",
    "source",
    "source_title",
    "source_publisher",
    "source_date",
    "source_url",
    "source_reliability",
    "evidence",
]


def issues_frame(ds: Dataset) -> pd.DataFrame:
    """Issues in file order, which is the order analysts chose; group order follows first use."""
    rows = [
        {
            "issue": i.id,
            "name": i.name,
            "group": i.group,
            "question": i.question,
            "low": i.scale.low,
            "high": i.scale.high,
            "order": n,
        }
        for n, i in enumerate(ds.issues)
    ]
    frame = pd.DataFrame(rows, columns=["issue", "name", "group", "question", "low", "high", "order"])
    group_order = {g: n for n, g in enumerate(dict.fromkeys(frame["group"]))}
    frame["group_order"] = frame["group"].map(group_order)
    return frame.sort_values(["group_order", "order"]).reset_index(drop=True)


def positions_frame(ds: Dataset) -> pd.DataFrame:
    """Every dated position with its first quote and source flattened for tables and hovers."""
    sources = {s.id: s for s in ds.sources}
    rows = []
    for p in ds.positions:
        first = p.evidence[0] if p.evidence else None
        src = sources.get(first.source) if first else None
        rows.append(
            {
                "party": p.party,
                "issue": p.issue,
                "date": pd.Timestamp(p.date),
                "stance": p.stance,
                "detail": p.detail,
                "value": p.value,
                "acc_low": p.acceptable[0] if p.acceptable else None,
                "acc_high": p.acceptable[1] if p.acceptable else None,
                "salience": p.salience,
                "basis": p.basis,
                "confidence": p.confidence,
                "note": p.note,
                "withdrawn": p.withdrawn,
                "quote": first.quote if first else "",
                "source": first.source if first else "",
                "source_title": src.title if src else "",
                "source_publisher": src.publisher if src else "",
                "source_date": pd.Timestamp(src.date) if src else pd.NaT,
                "source_url": (src.url or "") if src else "",
                "source_reliability": src.reliability if src else "",
                "evidence": [{"source": e.source, "quote": e.quote} for e in p.evidence],
            }
        )
    frame = pd.DataFrame(rows, columns=POSITION_COLUMNS)
    for column in ("value", "acc_low", "acc_high", "salience"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def in_force(positions: pd.DataFrame, as_of: dt.date | pd.Timestamp) -> pd.DataFrame:
    """The position of each party on each issue in force on as_of; withdrawn ones drop out."""
    cutoff = pd.Timestamp(as_of)
    current = positions[positions["date"] <= cutoff].sort_values("date")
    latest = current.groupby(["party", "issue"], sort=False).tail(1)
    return latest[~latest["withdrawn"]].reset_index(drop=True)


def matrix(ds: Dataset, positions: pd.DataFrame, parties: list[str], as_of: dt.date) -> pd.DataFrame:
    """Issues x parties, long form, with an explicit row for every "not stated" cell."""
    issues = issues_frame(ds)
    current = in_force(positions, as_of)
    grid = issues[["issue", "name", "group", "group_order", "order"]].merge(
        pd.DataFrame({"party": parties}), how="cross"
    )
    merged = grid.merge(current, on=["party", "issue"], how="left")
    merged["stated"] = merged["stance"].notna()
    merged["stance"] = merged["stance"].fillna(NOT_STATED)
    return merged


def evidence_frame(ds: Dataset) -> pd.DataFrame:
    """One row per quote, for the Sources view and source footnotes."""
    sources = {s.id: s for s in ds.sources}
    rows = []
    for p in ds.positions:
        for e in p.evidence:
            s = sources[e.source]
            rows.append(
                {
                    "kind": "position",
                    "party": p.party,
                    "issue": p.issue,
                    "date": pd.Timestamp(p.date),
                    "quote": e.quote,
                    "source": s.id,
                    "source_title": s.title,
                }
            )
    for ev in ds.events:
        if ev.quote:
            s = sources[ev.source]
            rows.append(
                {
                    "kind": "event",
                    "party": ", ".join(ev.parties),
                    "issue": "",
                    "date": pd.Timestamp(ev.date),
                    "quote": ev.quote,
                    "source": s.id,
                    "source_title": s.title,
                }
            )
    return pd.DataFrame(rows, columns=["kind", "party", "issue", "date", "quote", "source", "source_title"])


def sources_frame(ds: Dataset) -> pd.DataFrame:
    counts = evidence_frame(ds)["source"].value_counts()
    return pd.DataFrame(
        [
            {
                "source": s.id,
                "title": s.title,
                "publisher": s.publisher,
                "date": pd.Timestamp(s.date),
                "kind": s.kind,
                "reliability": s.reliability,
                "url": s.url or "",
                "quotes": int(counts.get(s.id, 0)),
                "text_kept": bool(s.text_file),
                "note": s.note,
            }
            for s in ds.sources
        ],
        columns=["source", "title", "publisher", "date", "kind", "reliability", "url", "quotes", "text_kept", "note"],
    )


def events_frame(ds: Dataset) -> pd.DataFrame:
    sources = {s.id: s for s in ds.sources}
    return pd.DataFrame(
        [
            {
                "date": pd.Timestamp(e.date),
                "title": e.title,
                "kind": e.kind,
                "parties": list(e.parties),
                "source": e.source,
                "source_title": sources[e.source].title,
                "source_url": sources[e.source].url or "",
                "quote": e.quote,
                "note": e.note,
            }
            for e in ds.events
        ],
        columns=["date", "title", "kind", "parties", "source", "source_title", "source_url", "quote", "note"],
    )


SOURCE_KIND_LABEL = {
    "official_text": "official text",
    "official_statement": "official statement",
    "news_report": "news report",
    "state_media": "state media",
    "analysis": "analysis",
}


def sources_in_view(sources: pd.DataFrame, as_of: dt.date, reliability: list[str] | None = None) -> pd.DataFrame:
    """Sources published on or before as_of (a later source cannot back a position then in force),
    optionally only those of the given reliability ratings, oldest first."""
    shown = sources[sources["date"] <= pd.Timestamp(as_of)]
    if reliability:
        shown = shown[shown["reliability"].isin(reliability)]
    return shown.sort_values(["date", "title"]).reset_index(drop=True)


def quotes_in_view(evidence: pd.DataFrame, sources: list[str], parties: list[str], as_of: dt.date) -> pd.DataFrame:
    """The quotes taken from these sources: positions of the chosen parties and events, up to as_of."""
    here = evidence[evidence["source"].isin(sources) & (evidence["date"] <= pd.Timestamp(as_of))]
    return here[(here["kind"] == "event") | here["party"].isin(parties)].sort_values("date").reset_index(drop=True)
