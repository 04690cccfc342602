"""Timeline: what changed since the last brief, then events, positions and gaps over a period."""

import datetime as dt
from itertools import combinations

import pandas as pd
import streamlit as st

from parley import changes
from parley.charts.timeline import KIND_LABEL, events_figure, position_figure
from parley.tables import events_frame, issues_frame
from parley.text import markdown_safe
from parley.ui import data
from parley.ui.charts import show
from parley.ui.safe import md
from parley.ui.state import view

v = view()
ds = v.dataset
st.title("Timeline")
if not v.parties:
    st.info("Choose at least one party in the sidebar.")
    st.stop()

positions = v.positions()
# Everything below is about the chosen parties up to the as-of date: narrow once, up front.
positions = positions[(positions["date"] <= pd.Timestamp(v.as_of)) & positions["party"].isin(v.parties)]
names = {p.id: p.name for p in ds.parties}
shorts = {p.id: p.short for p in ds.parties}
issue_names = dict(zip(issues_frame(ds)["issue"], issues_frame(ds)["name"], strict=True))
first = changes.first_date(ds)
earliest = min(first - dt.timedelta(days=1), v.as_of)


def _day(d) -> str:
    return f"{pd.Timestamp(d):%d %b %Y}"


def _value(prefix: str, row: pd.Series) -> str:
    value = row[f"{prefix}_value"]
    text = "not placed on the scale" if pd.isna(value) else f"value {value:g}"
    low, high = row[f"{prefix}_acc_low"], row[f"{prefix}_acc_high"]
    if not pd.isna(low) and not pd.isna(high):
        text += f" · acceptable {low:g}–{high:g}"
    return text


def _side(prefix: str, row: pd.Series, heading: str) -> None:
    st.caption(heading)
    if not isinstance(row[f"{prefix}_stance"], str):
        md("*{text}*", text="not stated")
        return
    if prefix == "new" and row["kind"] == "withdrawn":
        md("**Withdrawn:** {stance}", stance=row["new_stance"])
    else:
        md("**{stance}**", stance=row[f"{prefix}_stance"])
        md("{value}", value=_value(prefix, row))
    evidence = row[f"{prefix}_evidence"]
    for quote in evidence if isinstance(evidence, list) else []:
        st.markdown("> " + markdown_safe(quote["quote"]))
    if row[f"{prefix}_basis"] == "assessed" and row[f"{prefix}_note"]:
        md("*Analyst coding*: {note}", note=row[f"{prefix}_note"])
    where = ", ".join(
        x for x in (row[f"{prefix}_source_title"], row[f"{prefix}_source_publisher"]) if isinstance(x, str) and x
    )
    dated = f"dated {_day(row[f'{prefix}_date'])} · {row[f'{prefix}_basis']} · {row[f'{prefix}_confidence']} confidence"
    md("{where}{sep}{dated}", where=where, sep=" — " if where else "", dated=dated)


# --- What changed ----------------------------------------------------------------------------

st.header("What changed", anchor="what-changed")
baseline = changes.default_since(ds, v.as_of)
left, right = st.columns(2)
with left:
    since = st.date_input(
        "Since (what was on record that day)",
        value=baseline,
        min_value=earliest,
        max_value=v.as_of,
        key="since",
        bind="query-params",
        format="YYYY-MM-DD",
        help="Default: the last event before the as-of date, e.g. the last round of talks you briefed on.",
    )
with right:
    until = st.date_input(
        "Until",
        value=v.as_of,
        min_value=earliest,
        max_value=v.as_of,
        key="until",
        bind="query-params",
        format="YYYY-MM-DD",
        help="Default: the as-of date chosen in the sidebar.",
    )
since = since if isinstance(since, dt.date) else baseline
until = until if isinstance(until, dt.date) else v.as_of
if since > until:
    st.warning("“Since” is after “Until”; the two dates are read the other way round.")
    since, until = until, since

found = changes.changes_between(positions, since, until, v.parties)
between = changes.events_between(ds, since, until)
baseline_events = [e for e in ds.events if e.date == since]
about = f" ({baseline_events[-1].title})" if baseline_events else ""
md(
    "Changes dated after **{since}**{about} up to **{until}**, for {who}: **{n}** and **{m}**.",
    since=_day(since),
    about=about,
    until=_day(until),
    who=", ".join(shorts[p] for p in v.parties),
    n=f"{len(found)} position record{'' if len(found) == 1 else 's'}",
    m=f"{len(between)} event{'' if len(between) == 1 else 's'}",
)
if found.empty:
    st.info("No position of the chosen parties was added, changed or withdrawn between these dates.")
for _, row in found.iterrows():
    with st.container(border=True):
        verb = {"added": "newly stated", "changed": "changed", "withdrawn": "withdrawn"}[row["kind"]]
        delta = "" if pd.isna(row["delta"]) else f" ({row['old_value']:g} → {row['new_value']:g}, {row['delta']:+g})"
        if row["delta"] == 0:
            verb, delta = "restated", f" (value {row['new_value']:g} unchanged)"
        color = v.colors.get(row["party"], "#1F2933")
        st.html(f'<div style="height:6px;border-radius:3px;background:{color}"></div>')
        md(
            "#### {party} · {issue}: {verb}{delta}",
            party=shorts[row["party"]],
            issue=issue_names.get(row["issue"], row["issue"]),
            verb=verb,
            delta=delta,
        )
        md("{date}", date=f"On {_day(row['date'])}")
        before, after = st.columns(2)
        with before:
            _side("old", row, "Before")
        with after:
            _side("new", row, "After")

if not between.empty:
    st.subheader("Events in between")
    for e in between.itertuples():
        who = ", ".join(shorts.get(p, p) for p in e.parties)
        md(
            "**{date}** · {kind} · **{title}**{who}",
            date=_day(e.date),
            kind=KIND_LABEL.get(e.kind, e.kind),
            title=e.title,
            who=f" · {who}" if who else "",
        )
        if e.quote:
            st.markdown("> " + markdown_safe(e.quote))
        md("Source: {source}", source=e.source_title)

# --- Over time -------------------------------------------------------------------------------

st.divider()
st.header("Over time", anchor="over-time")
left, right = st.columns(2)
with left:
    start = st.date_input(
        "From",
        value=first,
        min_value=earliest,
        max_value=v.as_of,
        key="from",
        bind="query-params",
        format="YYYY-MM-DD",
    )
with right:
    end = st.date_input(
        "To", value=v.as_of, min_value=earliest, max_value=v.as_of, key="to", bind="query-params", format="YYYY-MM-DD"
    )
start = start if isinstance(start, dt.date) else first
end = end if isinstance(end, dt.date) else v.as_of
if start > end:
    st.warning("“From” is after “To”; the period is read the other way round.")
    start, end = end, start
window = (since, until)
st.caption(
    f"{_day(start)} – {_day(end)}. The shaded stretch is the “What changed” window ({_day(since)} – {_day(until)})."
)

st.subheader("Events")
show(events_figure(events_frame(ds), start, end, names, window=window), "timeline-events", v, key="timeline-events")

st.subheader("Positions on one issue")
counts = positions[positions["party"].isin(v.parties)]["issue"].value_counts()
ordered = list(issue_names)
default_issue = max(ordered, key=lambda i: (counts.get(i, 0), -ordered.index(i)))
issue = st.selectbox(
    "Issue",
    ordered,
    index=ordered.index(default_issue),
    format_func=issue_names.get,
    key="issue",
    bind="query-params",
)
md("{question}", question=ds.issue(issue).question)
show(
    position_figure(ds, positions, issue, v.parties, v.colors, start, end, window=window),
    "timeline-positions",
    v,
    key="timeline-positions",
)
st.caption(
    "Lines: each party's position on the issue's 0–100 scale, held until its next record; circles mark a new "
    "record (hover for the stance and its quote), ✕ a withdrawal; bands: the range it could accept. "
    "No line means no stated position, never 0."
)

st.subheader("Gaps between two parties")
if len(v.parties) < 2:
    st.info("Choose a second party in the sidebar to see the gap between two parties over time.")
    st.stop()
pairs = [f"{a}|{b}" for a, b in combinations(v.parties, 2)]
pair = st.selectbox(
    "Between",
    pairs,
    format_func=lambda p: " ↔ ".join(shorts[x] for x in p.split("|")),
    key="pair",
    bind="query-params",
)
a, b = pair.split("|")
st.caption(
    f"Distance between {markdown_safe(shorts[a])} and {markdown_safe(shorts[b])} on each issue's 0–100 scale, "
    f"{_day(start)} – {_day(end)}: "
    "lower is closer. No line while either side has no position on the scale."
)
gaps_over_time = data.gaps_over_time(v.dataset_id, v.signature, v.as_of_key, a, b, start, end, window)
show(gaps_over_time, "timeline-gaps", v, key="timeline-gaps")
