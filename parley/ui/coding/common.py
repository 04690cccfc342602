"""What every coding form shares: saving a draft with the loader's checks, and saying why not.

Nothing typed is lost when a check fails: the form's widgets keep their values in the session,
and the problems are listed above the save button in the loader's own words.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from parley.access import User
from parley.load import Problem
from parley.store import DraftConflict, DraftGone, InvalidItem, StaleWrite, Store
from parley.text import markdown_safe
from parley.ui.safe import problem_list

BASIS_HELP = {
    "stated": "The party's own words or document (a memorandum, a plan text, a leader's statement), even on a copy. "
    "Needs at least one verbatim quote.",
    "reported": "Others report the stance: anonymous sources, the other side's account, a news summary. A position "
    "whose evidence is only summaries is at most reported.",
    "assessed": "The analyst's inference from several facts. Needs a note saying why it was coded so.",
}
CONFIDENCE_HELP = {
    "high": "Confirmed on a high-reliability source, or on several independent ones; the coding follows directly.",
    "medium": "One medium source, a copy of the text, an approximate date, or a coding that needs some judgement.",
    "low": "Only an aggregator or other low-reliability page, uncorroborated, or the coding is a stretch.",
}


def suggested(key: str, suggestion: str) -> str:
    """The key of a text field that shows `suggestion` (an id made from the title) until the analyst
    types their own; a widget whose value lives in the session takes no default of its own."""
    shown = key + "_suggested"
    if st.session_state.get(key, "") in ("", st.session_state.get(shown)):
        st.session_state[key] = suggestion
    st.session_state[shown] = suggestion
    return key


def show_problems(problems: list[Problem]) -> None:
    st.error(f"Not saved: {len(problems)} problem(s), each as the loader would report it in the YAML files.")
    problem_list(problems)


def show_refusal(exc: Exception, user: User | None = None) -> None:
    """A refused save, with the change that got there first; the form keeps what was typed."""
    if isinstance(exc, StaleWrite):
        st.error(str(exc) + " Your entries are still in the form: compare them with the change below, then save again.")
        if exc.change is not None:
            st.markdown(
                f"**The other change**, by {markdown_safe(exc.change.actor)}: {markdown_safe(exc.change.reason)}"
            )
            before, after = exc.change.before or {}, exc.change.after or {}
            rows = [
                {"field": f, "before": str(before.get(f, "")), "after": str(after.get(f, ""))}
                for f in dict.fromkeys([*before, *after])
                if before.get(f) != after.get(f)
            ]
            st.dataframe(rows, hide_index=True, width="stretch")
    elif isinstance(exc, DraftConflict) and user is not None and exc.other.author == user.name:
        st.error(
            f"Not saved: you have a draft of this item waiting for review already (draft {exc.other.pk}): change "
            "it with “Revise one of my drafts”. Your entries are still in the form."
        )
    elif isinstance(exc, DraftConflict):
        st.error(
            f"Not saved: {markdown_safe(exc.other.author)} already has a draft of this item waiting for review "
            f"(since {exc.other.created_at:%d %b %Y %H:%M} UTC). Your entries are still in the form."
        )
        st.markdown("**Their draft:** " + markdown_safe(exc.other.reason))
        st.json(exc.other.data or {}, expanded=True)
    elif isinstance(exc, InvalidItem):
        show_problems(exc.problems)
    elif isinstance(exc, DraftGone):
        st.error(f"Not saved: {exc}. Your entries are still in the form; open the draft again to see its state.")
    else:
        raise exc


def save_draft(
    store: Store,
    user: User,
    dataset_id: str,
    kind: str,
    data: dict[str, Any] | None,
    why: str,
    key: str | None = None,
    base_version: int | None = None,
    remove: bool = False,
    text: str | None = None,
    draft: Any = None,
) -> bool:
    """Propose the item (or revise the author's own draft); True when saved."""
    if not why.strip():
        st.error("Not saved: say why (the history keeps it, and the reviewer reads it).")
        return False
    try:
        if draft is not None:
            saved = store.revise(draft.pk, data, draft.version, user.name, why.strip(), text=text)
        else:
            saved = store.propose(
                dataset_id,
                kind,
                data,
                user.name,
                why.strip(),
                key=key,
                base_version=base_version,
                remove=remove,
                text=text,
            )
    except (StaleWrite, DraftConflict, InvalidItem, DraftGone) as exc:
        show_refusal(exc, user)
        return False
    st.success(
        f"Saved as draft {saved.pk}: readers do not see it until a second analyst approves it on the Review page."
    )
    return True
