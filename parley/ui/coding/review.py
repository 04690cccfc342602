"""The reviewer's side: every waiting draft next to what readers see now, and the three decisions.

An author cannot review their own draft (except the single local user of an installation without
sign-in); approving checks the draft again against the dataset as it stands, so a draft of an
item someone else changed in the meantime is refused with that change shown.
"""

from __future__ import annotations

import streamlit as st

from parley import coding
from parley.charts.scale import issue_figure
from parley.store import DraftGone, InvalidItem, OwnDraft, StaleWrite
from parley.text import markdown_safe
from parley.ui.charts import show
from parley.ui.coding.common import show_refusal
from parley.ui.coding.workspace import refused
from parley.ui.history_view import item_label

ACTION = {"create": "adds", "update": "changes", "remove": "removes"}


def _side_by_side(before: dict | None, after: dict | None) -> None:
    before, after = before or {}, after or {}
    rows = []
    for field in dict.fromkeys([*before, *after]):
        old, new = before.get(field), after.get(field)
        rows.append(
            {
                "field": field,
                "approved now": "" if old is None else str(old),
                "draft": "" if new is None else str(new),
                "changed": "yes" if old != new else "",
            }
        )
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={
            "approved now": st.column_config.TextColumn(width="large"),
            "draft": st.column_config.TextColumn(width="large"),
        },
    )


def review(ctx) -> None:
    user, store, view = ctx.user, ctx.store, ctx.view
    if not user.can_review:
        refused("review page")
    waiting = store.drafts(view.dataset_id, statuses=("draft",))
    st.caption(
        f"{len(waiting)} draft(s) waiting. Readers see none of them until approved; every decision goes into the "
        "history with its comment."
    )
    for d in waiting:
        key = d.key or d.label_key
        with st.container(border=True):
            st.markdown(
                f"**Draft {d.pk}** {ACTION[d.action]} {markdown_safe(item_label(ctx, d.kind, key))} · by "
                f"{markdown_safe(d.author)}, {d.created_at:%d %b %Y %H:%M} UTC"
            )
            st.markdown("*Why:* " + markdown_safe(d.reason))
            current = store.item(view.dataset_id, d.kind, d.key) if d.key else None
            if d.key and (current is None or current.version != d.base_version):
                st.warning(
                    "The approved item changed after this draft was made: approving it will be refused "
                    "with that change shown; send it back so its author can bring it up to date."
                )
            _side_by_side(current.data if current else None, d.data)
            if d.kind == "position" and d.data:
                gap = coding.preview(view.dataset, d.data, view.parties)
                if gap is not None:
                    show(
                        issue_figure(gap, ctx.results.colors, titled=False),
                        "review",
                        view,
                        key=f"review-{d.pk}",
                        toolbar=False,
                    )
            own = d.author == user.name and not user.local
            if own:
                st.caption("Your own draft: a second analyst must review it.")
            comment = st.text_input(
                "Comment (needed to send back or reject)", key=f"review-comment-{d.pk}", disabled=own
            )
            cols = st.columns(3)
            decision = None
            if cols[0].button("Approve", key=f"approve-{d.pk}", type="primary", disabled=own, icon=":material/check:"):
                decision = "approve"
            if cols[1].button(
                "Send back", key=f"back-{d.pk}", disabled=own or not comment.strip(), icon=":material/undo:"
            ):
                decision = "send_back"
            if cols[2].button(
                "Reject", key=f"reject-{d.pk}", disabled=own or not comment.strip(), icon=":material/block:"
            ):
                decision = "reject"
            if decision:
                try:
                    method = getattr(store, decision)
                    method(d.pk, user.name, comment.strip(), version=d.version, allow_own=user.local)
                except (StaleWrite, InvalidItem) as exc:
                    show_refusal(exc)
                except (DraftGone, OwnDraft) as exc:
                    st.error(str(exc))
                else:
                    st.success(
                        {
                            "approve": "Approved: readers see it now.",
                            "send_back": "Sent back to its author.",
                            "reject": "Rejected.",
                        }[decision]
                    )
                    st.rerun()
