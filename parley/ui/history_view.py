"""The History page: a dataset's writes newest first, one item's history, and restoring a version."""

from __future__ import annotations

import streamlit as st

from parley.store import HistoryEntry, InvalidItem, StaleWrite
from parley.text import markdown_safe
from parley.ui.shell import flash
from parley.ui.url_state import bound, writes

DRAFT_ACTIONS = ("draft", "revise", "send back", "reject")
DECISIONS = ("approve", "send back", "reject")
ACTIONS = {
    "import": "imported",
    "create": "added",
    "update": "changed",
    "remove": "removed",
    "restore": "restored",
    "draft": "drafted",
    "revise": "draft revised",
    "approve": "approved",
    "send back": "sent back",
    "reject": "rejected",
    "delete": "dataset deleted",
}


def item_label(ctx, kind: str, key: str) -> str:
    ds = ctx.view.dataset
    if kind == "position" and key.count("|") >= 2:
        party, issue, date = key.split("#")[0].split("|")
        who = ds.parties_by_id.get(party)
        what = ds.issues_by_id.get(issue)
        return f"{who.short if who else party} · {what.name if what else issue} · {date}"
    if kind == "dataset":
        return "the whole dataset"
    return f"{kind} {key}"


def _changes(entry: HistoryEntry) -> list[tuple[str, object, object]]:
    before, after = entry.before or {}, entry.after or {}
    if entry.kind == "dataset" or entry.action in DECISIONS:
        # A review decision keeps the draft, not what the item was before: the draft's own row and the
        # write an approval made show the change.
        return []
    fields = list(dict.fromkeys([*before, *after]))
    return [(f, before.get(f), after.get(f)) for f in fields if before.get(f) != after.get(f)]


def history_page(ctx) -> None:
    view, user, store = ctx.view, ctx.user, ctx.store
    ds = view.dataset
    st.title("History")
    st.caption(
        "Every write to this dataset: imports from its folder, edits, drafts and reviews, restores. The newest first."
    )
    entries = store.history(ds.id, limit=1000)
    if not (user.can_edit or user.can_review):
        # Drafts are the analysts' until approved: a reader's history shows approved writes only.
        entries = [e for e in entries if e.action not in DRAFT_ACTIONS]
    items = {(e.kind, e.key) for e in entries if e.kind != "dataset"}
    options = ["", *sorted(f"{k}:{key}" for k, key in items)]
    chosen = view.item if view.item in options else ""
    st.selectbox(
        "Item",
        options,
        key=bound("w_item", chosen),
        format_func=lambda o: "The whole dataset" if not o else item_label(ctx, *o.split(":", 1)),
        on_change=writes("item", "w_item", lambda o: o or None),
    )
    if chosen:
        kind, key = chosen.split(":", 1)
        entries = [e for e in entries if e.kind == kind and e.key == key]
    st.markdown(f"**{len(entries)}** write(s).")
    for entry in entries[:200]:
        with st.container(border=True):
            st.markdown(
                f"**{entry.at:%d %b %Y %H:%M} UTC** · {markdown_safe(ACTIONS.get(entry.action, entry.action))} · "
                f"{markdown_safe(item_label(ctx, entry.kind, entry.key))} · by {markdown_safe(entry.actor)}"
            )
            st.markdown("*Why:* " + markdown_safe(entry.reason))
            changed = _changes(entry)
            if changed:
                st.dataframe(
                    [{"field": f, "before": _shown(b), "after": _shown(a)} for f, b, a in changed],
                    hide_index=True,
                    width="stretch",
                )
            elif entry.kind == "dataset" and entry.after:
                st.caption(markdown_safe(_summary(entry.after)))
            if user.can_review and entry.restorable:
                _restore(store, entry, user)


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def _summary(after: dict) -> str:
    counts = ", ".join(f"{after[k]} {k}s" for k in ("party", "issue", "source", "position", "event") if k in after)
    return f"Dataset as imported: {counts}."


def _restore(store, entry: HistoryEntry, user) -> None:
    with st.popover("Restore what it was before", icon=":material/history:"):
        reason = st.text_input("Why restore it?", key=f"restore-reason-{entry.pk}")
        if st.button("Restore", key=f"restore-{entry.pk}", disabled=not reason.strip()):
            try:
                store.restore(entry.pk, user.name, reason.strip())
            except (StaleWrite, InvalidItem) as refused:
                st.error(str(refused))
            else:
                # Said on the next run: the rerun that lists the restore would wipe it here.
                flash("Restored. The history records it.")
                st.rerun()
