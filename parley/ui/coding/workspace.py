"""The workspace around the forms: who may use it, the task chooser, and the analyst's own drafts."""

from __future__ import annotations

import streamlit as st

from parley.text import markdown_safe
from parley.ui.coding.event_form import event_form
from parley.ui.coding.position_form import position_form
from parley.ui.coding.scale_forms import dataset_form, issue_form, party_form
from parley.ui.coding.source_form import source_form
from parley.ui.url_state import bound, writes

TASKS = {
    "position": "Position",
    "source": "Source",
    "event": "Event",
    "party": "Party",
    "issue": "Issue",
    "dataset": "New negotiation",
}
LOCAL_NOTE = (
    "Parley runs here as a single local user, because sign-in is not configured: everything is recorded as "
    "“local analyst”, and you also review your own drafts. That suits one analyst on their own machine, not a "
    "shared server: configure sign-in (README, Sign-in and roles) before others use it."
)
STATUS = {"draft": "waiting for review", "sent_back": "sent back", "approved": "approved", "rejected": "rejected"}


def refused(what: str, account: str = "an editor's") -> None:
    st.error(
        f"The {what} is for analysts with the right role. Sign in with {account} account, or ask for the role to "
        "be added to the configuration."
    )
    st.stop()


def workspace(ctx) -> None:
    user = ctx.user
    if not user.can_edit:
        refused("coding workspace")
    if user.local:
        st.info(LOCAL_NOTE, icon=":material/person:")
    st.caption(
        "Everything saved here is a draft: readers see it only once a second analyst approves it on the Review "
        "page. Every save runs the loader's checks, with the same messages as for a YAML file; nothing typed is "
        "lost when a check fails."
    )
    task = ctx.view.task if ctx.view.task in TASKS else "position"
    st.segmented_control(
        "What to code",
        list(TASKS),
        format_func=TASKS.get,
        key=bound("w_task", task),
        on_change=writes("task", "w_task"),
        selection_mode="single",
    )
    drafts = [d for d in ctx.store.drafts(ctx.view.dataset_id) if d.author == user.name]
    with st.container(border=True):
        if task == "position":
            position_form(ctx, ctx.store.items(ctx.view.dataset_id, "position"), drafts)
        elif task == "source":
            source_form(ctx)
        elif task == "event":
            event_form(ctx)
        elif task == "party":
            party_form(ctx)
        elif task == "issue":
            issue_form(ctx)
        else:
            dataset_form(ctx)
    # Read again: a draft saved in this run is listed at once.
    _my_drafts([d for d in ctx.store.drafts(ctx.view.dataset_id) if d.author == user.name])


def _my_drafts(drafts) -> None:
    st.subheader("My drafts", anchor=False)
    if not drafts:
        st.caption("None waiting.")
    for d in drafts:
        when = f"{d.created_at:%d %b %Y %H:%M} UTC"
        line = f"Draft {d.pk} · {d.kind} · {STATUS.get(d.status, d.status)} · {when} · {d.reason}"
        st.markdown(markdown_safe(line))
        if d.comment:
            st.caption("Reviewer: " + markdown_safe(d.comment))
