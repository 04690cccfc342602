"""Adding a party, or an issue with its scale and anchors, and starting a new negotiation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from parley import coding
from parley.load import load_dataset
from parley.model import Dataset, Party
from parley.palette import party_colors
from parley.ui.coding.common import save_draft, show_problems, suggested

ROLES = {"negotiating_party": "negotiating party", "mediator": "mediator", "third_party": "third party"}
TEMPLATE = Path(__file__).resolve().parents[3] / "data" / "_template"


def party_form(ctx) -> None:
    ds: Dataset = ctx.view.dataset
    name = st.text_input("Name", key="partyf_name")
    left, right = st.columns(2)
    short = left.text_input("Short label for charts (at most 12 characters)", key="partyf_short", max_chars=12)
    role = right.radio("Role", list(ROLES), format_func=ROLES.get, key="partyf_role", horizontal=True)
    description = st.text_area("Who speaks for it", key="partyf_description")
    party_id = st.text_input(
        "Id", key=suggested("partyf_id", coding.suggest_id(name, None, {p.id for p in ds.parties}) if name else "")
    )
    newcomer = Party.model_construct(id=party_id or "new", name=name, short=short, role=role, color=None)
    color = party_colors([*ds.parties, newcomer])[newcomer.id]
    st.caption("Its colour is the next free one of the colour-blind-safe palette, the same in every view.")
    data = coding.compact(
        {
            "id": party_id.strip(),
            "name": name.strip(),
            "short": short.strip(),
            "role": role,
            "description": description.strip(),
            "color": color,
        }
    )
    if name and short:
        problems = coding.problems(ds, "party", data)
        if problems:
            show_problems(problems)
    why = st.text_input("Why add it (kept in the history)", key="partyf_why", value="new party")
    if st.button("Save as draft for review", type="primary", key="partyf-save", icon=":material/save:"):
        save_draft(ctx.store, ctx.user, ds.id, "party", data, why)


def issue_form(ctx) -> None:
    ds: Dataset = ctx.view.dataset
    name = st.text_input("Name", key="issuef_name")
    left, right = st.columns(2)
    groups = list(dict.fromkeys(i.group for i in ds.issues))
    group = left.selectbox("Group", groups, key="issuef_group", accept_new_options=True)
    question = right.text_input("The issue as one question", key="issuef_question")
    left, right = st.columns(2)
    low = left.text_input("0 on the scale means", key="issuef_low")
    high = right.text_input("100 on the scale means", key="issuef_high")
    st.caption("Anchors name points on the scale so that two analysts place the same stance in about the same place.")
    st.session_state.setdefault(
        "issuef_anchors_start", pd.DataFrame({"value": [0.0, 50.0, 100.0], "label": ["", "", ""]})
    )
    anchors = st.data_editor(
        st.session_state["issuef_anchors_start"],
        key="issuef_anchors",
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "value": st.column_config.NumberColumn("Value", min_value=0, max_value=100),
            "label": st.column_config.TextColumn("What a stance at this value says"),
        },
    )
    issue_id = st.text_input(
        "Id", key=suggested("issuef_id", coding.suggest_id(name, None, {i.id for i in ds.issues}) if name else "")
    )
    data = {
        "id": issue_id.strip(),
        "name": name.strip(),
        "group": (group or "").strip(),
        "question": question.strip(),
        "scale": {"low": low.strip(), "high": high.strip()},
        "anchors": [
            {"value": float(r["value"]), "label": str(r["label"]).strip()}
            for r in anchors.to_dict("records")
            if str(r.get("label") or "").strip()
        ],
    }
    if name and question:
        problems = coding.problems(ds, "issue", data)
        if problems:
            show_problems(problems)
    why = st.text_input("Why add it (kept in the history)", key="issuef_why", value="new issue")
    if st.button("Save as draft for review", type="primary", key="issuef-save", icon=":material/save:"):
        save_draft(ctx.store, ctx.user, ds.id, "issue", data, why)


def dataset_form(ctx) -> None:
    """A new negotiation from the template: its parties, issues and sources are examples to replace."""
    st.caption(
        "Starts a dataset from data/_template: two example parties, two issues and a source, to be replaced "
        "through the tasks above. It is created at once (there is nothing for a reviewer to compare it with); "
        "everything added to it afterwards waits for review as usual."
    )
    title = st.text_input("Title of the negotiation", key="dsf_title")
    dataset_id = st.text_input(
        "Id (lowercase letters, digits and hyphens)",
        key=suggested("dsf_id", coding.suggest_id(title, None, set(ctx.entries)) if title else ""),
    )
    why = st.text_input("Why start it (kept in the history)", key="dsf_why", value="new negotiation")
    if st.button("Start the negotiation", type="primary", key="dsf-save", icon=":material/add:"):
        if not title.strip() or dataset_id in ctx.entries:
            st.error("Give it a title and an id no other dataset has.")
            return
        template = load_dataset(TEMPLATE).dataset
        info = template.info.model_copy(update={"title": title.strip(), "as_of": dt.date.today()})
        try:
            new = template.model_copy(update={"id": dataset_id.strip(), "info": info})
            type(new).model_validate(new.model_dump())
        except ValueError as exc:
            st.error(f"Not created: {exc}")
            return
        ctx.store.import_dataset(new, ctx.user.name, why.strip() or "new negotiation")
        st.success(f"Created {dataset_id}. Choose it in the sidebar's Dataset list.")
