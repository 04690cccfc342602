"""Timeline's "what changed" cards: each change with the record before it and the one after."""

from __future__ import annotations

import streamlit as st

from parley.changes import Change
from parley.charts.events import KIND_LABEL
from parley.evidence import cite, cited_of
from parley.model import Dataset, Event
from parley.ui.safe import md
from parley.ui.stance import cited_item, not_shown, position_body
from parley.wording import day

VERB = {"added": "newly stated", "changed": "changed", "withdrawn": "withdrawn"}


def headline(change: Change, ds: Dataset) -> str:
    verb = VERB[change.kind]
    delta = ""
    if change.delta is not None:
        delta = f" ({change.old.value:g} → {change.new.value:g}, {change.delta:+g})"
        if change.delta == 0:
            verb, delta = "restated", f" (value {change.new.value:g} unchanged)"
    return f"{ds.party(change.party).short} · {ds.issue(change.issue).name}: {verb}{delta}"


def change_card(change: Change, ds: Dataset, color: str) -> None:
    with st.container(border=True):
        st.html(f'<div style="height:6px;border-radius:3px;background:{color}"></div>')
        md("#### {headline}", headline=headline(change, ds))
        md("{date}", date=f"On {day(change.date)}")
        before, after = st.columns(2)
        with before:
            st.caption("Before")
            if change.old is None:
                not_shown("not stated")
            else:
                position_body(change.old, cited_of(ds, change.old), limit=2)
        with after:
            st.caption("After")
            if change.kind == "withdrawn":
                md("**Withdrawn:** {stance}", stance=change.new.stance)
                for c in cited_of(ds, change.new)[:2]:
                    cited_item(c)
            else:
                position_body(change.new, cited_of(ds, change.new), limit=2)


def event_line(event: Event, ds: Dataset) -> None:
    who = ", ".join(ds.party(p).short for p in event.parties if p in ds.parties_by_id)
    md(
        "**{date}** · {kind} · **{title}**{who}",
        date=day(event.date),
        kind=KIND_LABEL[event.kind],
        title=event.title,
        who=f" · {who}" if who else "",
    )
    if event.evidence is not None:
        cited_item(cite(ds, [event.evidence])[0])
    else:
        md("Source: {source}", source=ds.source(event.source).title)
