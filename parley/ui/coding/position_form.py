"""Adding, correcting or withdrawing a position, with every rule checked as the analyst types.

The value is chosen by the issue's anchors (a value between them needs its reason), each piece
of evidence is a quote picked or pasted from a source's kept text and checked verbatim on the
spot, or a summary clearly marked as one, and the issue's gap chart shows the new position
before it is saved.

It is longer than most modules because the fields, their live checks and the preview all read
the same form state; split apart, they would hand that state back and forth.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from parley import coding
from parley.charts.scale import issue_figure
from parley.model import Dataset, Source
from parley.record import issue_order
from parley.texts_in import sentences
from parley.ui.charts import show
from parley.ui.coding.common import BASIS_HELP, CONFIDENCE_HELP, save_draft, show_problems
from parley.wording import day

P = "pf_"  # the session keys of this form
CHOOSERS = ("pf_mode", "pf_pick_item", "pf_pick_draft")  # drawn before the form is filled: kept


def _key(name: str) -> str:
    return P + name


def _prefill(position: dict[str, Any] | None, loaded: str, base: int | None = None) -> None:
    """Put an existing position's fields into the form once, when it is opened.

    `base` is the version opened: a save is based on it, so a change someone else makes while the
    analyst types is refused and shown to them, never overwritten, and what they typed stays.
    """
    if st.session_state.get(_key("loaded")) == loaded:
        return
    for name in list(st.session_state):
        if name.startswith(P) and name not in CHOOSERS:
            del st.session_state[name]
    st.session_state[_key("loaded")] = loaded
    st.session_state[_key("base")] = base
    if position is None:
        return
    evidence = position.get("evidence", [])
    values = {
        "stance": position.get("stance", ""),
        "detail": position.get("detail", ""),
        "basis": position.get("basis", "reported"),
        "confidence": position.get("confidence", "medium"),
        "note": position.get("note", ""),
        "coding_note": position.get("coding_note", ""),
        "withdrawn": position.get("withdrawn", False),
        "n": max(len(evidence), 1),
        "reason": position.get("value_reason", ""),
    }
    value = position.get("value")
    values["place"] = "unplaced" if value is None else f"{value:g}"
    values["value"] = float(value) if value is not None else 50.0
    if position.get("acceptable"):
        values["has_range"], values["range"] = True, tuple(position["acceptable"])
    if position.get("salience") is not None:
        values["has_salience"], values["salience"] = True, float(position["salience"])
    for n, entry in enumerate(evidence):
        values[f"src_{n}"] = entry["source"]
        values[f"kind_{n}"] = "quote" if "quote" in entry else "summary"
        values[f"text_{n}"] = entry.get("quote") or entry.get("summary", "")
    for name, value in values.items():
        st.session_state[_key(name)] = value


def _placement(ds: Dataset, issue_id: str) -> tuple[float | None, str]:
    """The value by the issue's anchors: one of them, between them with a reason, or not placed."""
    issue = ds.issue(issue_id)
    anchors = {f"{a.value:g}": f"{a.value:g} — {a.label}" for a in issue.anchors}
    options = [*anchors, "between", "unplaced"]
    labels = {**anchors, "between": "Between two anchors (say why)", "unplaced": "Not placed on the scale"}
    if st.session_state.get(_key("place")) not in options:
        # An opened position's value off the anchors sits between them (its value and reason are in the
        # form already); anything else starts off the scale.
        value = st.session_state.get(_key("value"))
        opened = value is not None and st.session_state.get(_key("place")) == f"{value:g}"
        st.session_state[_key("place")] = "between" if opened else "unplaced"
    st.radio(
        f"Value on the scale (0 = {issue.scale.low}, 100 = {issue.scale.high})",
        options,
        format_func=labels.get,
        key=_key("place"),
        help="Place the stance on the anchor its words describe. A value between anchors is an analyst's "
        "judgement and needs a written reason; a stance that cannot be placed stays off the scale.",
    )
    place = st.session_state[_key("place")]
    if place == "unplaced":
        return None, ""
    if place != "between":
        return float(place), ""
    st.session_state.setdefault(_key("value"), 50.0)
    value = st.slider("Value between anchors", 0.0, 100.0, step=1.0, key=_key("value"))
    reason = st.text_area(
        "Why it sits there (for readers)",
        key=_key("reason"),
        placeholder="e.g. Between 50 and 75: guarantees are promised with a military response, but not Article "
        "5-like and without Western forces",
    )
    if issue.on_anchor(value):
        return value, ""
    if not reason.strip():
        st.warning("A value between anchors needs its reason: the loader refuses it without one.")
    return value, reason


def _evidence(ds: Dataset, draft_texts: dict[str, str], draft_titles: dict[str, str]) -> list[dict[str, str]]:
    """Each piece of evidence: a source, quote or summary, the words; quotes checked as typed."""
    sources = {s.id: f"{s.title} ({s.publisher}, {day(s.date)}, {s.reliability})" for s in ds.sources}
    sources |= {sid: f"{title} (draft, waiting for review)" for sid, title in draft_titles.items()}
    texts = {**ds.source_texts, **draft_texts}
    st.session_state.setdefault(_key("n"), 1)
    entries = []
    for n in range(st.session_state[_key("n")]):
        with st.container(border=True):
            left, right = st.columns([3, 1])
            source = left.selectbox(
                f"Source {n + 1}",
                list(sources),
                format_func=sources.get,
                key=_key(f"src_{n}"),
                index=None,
                placeholder="Choose the page or document",
            )
            kind = right.radio(
                "Kind",
                ["quote", "summary"],
                key=_key(f"kind_{n}"),
                horizontal=True,
                format_func={"quote": "Quote (its words)", "summary": "Summary"}.get,
                help="A quote is the source's own words, checked against its kept text; a summary is someone "
                "else's account of it and is never shown in quotation marks.",
            )
            if source and kind == "quote" and source in texts:
                picks = sentences(texts[source])
                if picks:

                    def pick(n: int = n) -> None:
                        st.session_state[_key(f"text_{n}")] = st.session_state[_key(f"pick_{n}")] or ""

                    st.selectbox(
                        "Pick a sentence from the source's kept text",
                        picks,
                        index=None,
                        key=_key(f"pick_{n}"),
                        on_change=pick,
                        placeholder="…or paste the words below",
                    )
            words = st.text_area(
                "Its words" if kind == "quote" else "The summary (in the words of whoever summarised it)",
                key=_key(f"text_{n}"),
                height=90,
            )
            if source and words.strip() and kind == "quote":
                found = coding.quote_found(ds, source, words, draft_texts)
                if found is None:
                    st.warning(
                        "This source keeps no text, so a quote cannot be checked: add its text on the "
                        "Source task, or mark this as a summary."
                    )
                elif found:
                    st.success("Found verbatim in the source's kept text.", icon=":material/check:")
                else:
                    st.error(
                        "Not in the source's kept text: copy the words exactly (or pick a sentence above), "
                        "or mark it as a summary.",
                        icon=":material/close:",
                    )
            if source and words.strip():
                entries.append({"source": source, kind: words.strip()})
    if st.button("Add another piece of evidence", icon=":material/add:", key=_key("more")):
        st.session_state[_key("n")] += 1
        st.rerun()
    return entries


def _with_drafts(ds: Dataset, mine: list[Any]) -> Dataset:
    """The dataset as the store checks this author's drafts: with their own draft sources and texts."""
    extra = [Source.model_validate(d.data) for d in mine if d.data["id"] not in ds.sources_by_id]
    if not extra:
        return ds
    texts = {**ds.source_texts, **{d.data["id"]: d.text for d in mine if d.text}}
    return ds.model_copy(update={"sources": [*ds.sources, *extra], "source_texts": texts})


def position_form(ctx, existing: list[Any], drafts: list[Any]) -> None:
    """`existing`: the stored positions (StoredItem); `drafts`: the author's open drafts."""
    view, store, user = ctx.view, ctx.store, ctx.user
    ds = view.dataset
    by_key = {item.key: item for item in existing}
    own = {f"draft:{d.pk}": d for d in drafts if d.kind == "position"}
    mode = st.radio(
        "Position",
        ["new", "correct", "revise"],
        horizontal=True,
        key="pf_mode",
        format_func={
            "new": "Add a new one",
            "correct": "Correct or withdraw one on record",
            "revise": "Revise one of my drafts",
        }.get,
    )
    current, draft = None, None
    if mode == "correct":
        label = {
            k: f"{ds.party(i.data['party']).short} · {ds.issue(i.data['issue']).name} · {i.data['date']}"
            for k, i in by_key.items()
        }
        picked = st.selectbox(
            "Which position",
            sorted(label, key=label.get),
            format_func=label.get,
            index=None,
            key="pf_pick_item",
            placeholder="Type a party, an issue or a date",
        )
        if picked is None:
            return
        current = by_key[picked]
        _prefill(current.data, f"item:{picked}", current.version)
    elif mode == "revise":
        if not own:
            st.info("You have no open drafts of positions.")
            return
        picked = st.selectbox(
            "Which draft",
            list(own),
            index=None,
            key="pf_pick_draft",
            format_func=lambda k: f"Draft {own[k].pk} · {own[k].status} · {own[k].reason}",
        )
        if picked is None:
            return
        draft = own[picked]
        if draft.comment:
            st.warning(f"Reviewer's comment: {draft.comment}")
        _prefill(draft.data, f"draft:{draft.pk}")
    else:
        _prefill(None, "new")
    base = (draft.data if draft else current.data if current else {}) or {}
    parties = {p.id: p.name for p in ds.parties}
    issues = {i.id: i.name for i in issue_order(ds)}
    left, middle, right = st.columns(3)
    party = left.selectbox(
        "Party",
        list(parties),
        format_func=parties.get,
        key="pf_party",
        index=list(parties).index(base["party"]) if base.get("party") in parties else None,
    )
    issue = middle.selectbox(
        "Issue",
        list(issues),
        format_func=issues.get,
        key="pf_issue",
        index=list(issues).index(base["issue"]) if base.get("issue") in issues else None,
    )
    date = right.date_input(
        "Date of the statement",
        key="pf_date",
        format="YYYY-MM-DD",
        min_value=dt.date(1900, 1, 1),
        value=dt.date.fromisoformat(base["date"]) if base.get("date") else ds.info.as_of,
    )
    if party is None or issue is None:
        st.info("Choose the party and the issue.")
        return
    stance = st.text_input("Stance, in the project's own words (one line)", key=_key("stance"))
    detail = st.text_area("Detail (optional, in the project's own words)", key=_key("detail"))
    withdrawn = st.checkbox("The party withdraws its earlier stance on this date", key=_key("withdrawn"))
    value, reason = (None, "") if withdrawn else _placement(ds, issue)
    acceptable = salience = None
    if not withdrawn:
        cols = st.columns(2)
        st.session_state.setdefault(_key("range"), (40.0, 60.0))
        st.session_state.setdefault(_key("salience"), 0.5)
        if cols[0].checkbox("A source says what the party could accept", key=_key("has_range")):
            acceptable = cols[0].slider("Acceptable range", 0.0, 100.0, step=1.0, key=_key("range"))
        if cols[1].checkbox("A source shows how much the party stresses it", key=_key("has_salience")):
            salience = cols[1].slider("Salience", 0.0, 1.0, step=0.05, key=_key("salience"))
    st.markdown("**Evidence**")
    mine = [d for d in drafts if d.kind == "source" and d.data]
    evidence = _evidence(
        ds, {d.data["id"]: d.text for d in mine if d.text}, {d.data["id"]: d.data["title"] for d in mine}
    )
    cols = st.columns(2)
    basis = cols[0].radio("Basis", list(BASIS_HELP), key=_key("basis"), captions=list(BASIS_HELP.values()))
    confidence = cols[1].radio(
        "Confidence", list(CONFIDENCE_HELP), key=_key("confidence"), captions=list(CONFIDENCE_HELP.values())
    )
    note = st.text_area("Note for readers (nuance, who reports it; for an assessed position, why)", key=_key("note"))
    coding_note = st.text_area(
        "Coding note for reviewers (record rows, how the quote was found)", key=_key("coding_note")
    )
    data = coding.position_data(
        party,
        issue,
        date,
        stance,
        basis,
        confidence,
        evidence,
        detail,
        value,
        reason,
        acceptable,
        salience,
        note,
        coding_note,
        withdrawn,
    )
    checked = _with_drafts(ds, mine)  # a quote from the analyst's own draft source counts, as the store counts it
    gap = coding.preview(checked, data, view.parties)
    st.markdown("**Preview** of the issue's gap chart as of that date, with this position")
    if gap is None:
        st.caption("The preview appears once the position is complete (stance, basis, confidence and evidence).")
    else:
        show(issue_figure(gap, {**ctx.results.colors}, titled=False), "preview", view, key="pf-preview", toolbar=False)
    # Checked once there is a stance and evidence, whether or not the preview could be drawn: a rule the
    # model itself enforces (a stated position needs a quote) leaves no preview, and must still be named.
    complete = bool(data.get("stance") and data.get("evidence"))
    problems = coding.problems(checked, "position", data, replacing=current) if complete else []
    if problems:
        show_problems(problems)
    why = st.text_input("Why this change (kept in the history, read by the reviewer)", key=_key("why"))
    base_version = st.session_state.get(_key("base")) if current else None
    cols = st.columns(2)
    saved = None
    if cols[0].button("Save as draft for review", type="primary", key="pf-save", icon=":material/save:"):
        saved = save_draft(
            store,
            user,
            ds.id,
            "position",
            data,
            why,
            key=current.key if current else None,
            base_version=base_version,
            draft=draft,
        )
    if current is not None and cols[1].button(
        "Propose removing it (a coding error)", key="pf-remove", icon=":material/delete:"
    ):
        saved = save_draft(
            store, user, ds.id, "position", None, why, key=current.key, base_version=base_version, remove=True
        )
    if saved is False and current is not None and current.version != base_version:
        # The refusal showed the other change: saving again is based on the version it made.
        st.session_state[_key("base")] = current.version
