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
from parley.ui.shell import flash

ACTION = {"create": "adds", "update": "changes", "remove": "removes"}


def _shown(field: str, value: object) -> str:
    """A field's value as a reviewer reads it: numbers as written, each piece of evidence on a line of its own."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    if field == "evidence" and isinstance(value, list):
        return "\n\n".join(
            f"quote from {e.get('source')}: “{e['quote']}”"
            if "quote" in e
            else f"summary of {e.get('source')} (not its words): {e.get('summary', '')}"
            for e in value
            if isinstance(e, dict)
        )
    if isinstance(value, list):
        return " – ".join(_shown(field, v) for v in value) if field == "acceptable" else ", ".join(map(str, value))
    return str(value)


def _side_by_side(before: dict | None, after: dict | None) -> None:
    """Every field of the draft beside the approved one, whole (a reviewer reads every word of a quote):
    a static table, each cell escaped, as the table renders markdown."""
    new = not before
    before, after = before or {}, after or {}
    rows = []
    for field in dict.fromkeys([*before, *after]):
        old, draft = _shown(field, before.get(field)), _shown(field, after.get(field))
        row = {"field": field} if new else {"field": field, "approved now": markdown_safe(old)}
        row["draft"] = markdown_safe(draft)
        if not new:
            row["changed"] = "yes" if old != draft else ""
        rows.append(row)
    st.table(rows, hide_index=True, border="horizontal")


def review(ctx) -> None:
    user, store, view = ctx.user, ctx.store, ctx.view
    if not user.can_review:
        refused("review page", "a reviewer's")
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
            if d.kind == "source" and d.text:
                with st.expander(
                    f"The source's kept text ({len(d.text):,} characters): what quotes are checked against"
                ):
                    st.text(d.text)
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
                    # Said on the next run: the rerun that drops this draft from the list would wipe it here.
                    flash(
                        {
                            "approve": f"Draft {d.pk} approved: readers see it now.",
                            "send_back": f"Draft {d.pk} sent back to its author.",
                            "reject": f"Draft {d.pk} rejected.",
                        }[decision]
                    )
                    st.rerun()
