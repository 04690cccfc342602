"""The coding workspace and Review under AppTest: a draft is checked as it is typed, readers see it
only once a second analyst approves it, and sign-in decides who may code and who may review.

Without an [auth] section in the secrets Parley runs as one local user with every role; with it,
roles come from [parley.roles] by e-mail address and everyone else is a reader.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from parley.store import Store
from parley.text import markdown_safe
from tests.app.test_hostile_text import _assert_inert
from tests.support.figures import chart_texts
from tests.support.hostile import PLANTED
from tests.support.tables import html_tables

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-cookie-secret-for-the-tests-only",
    "client_id": "parley",
    "client_secret": "not-a-secret",
    "server_metadata_url": "http://localhost:9/.well-known/openid-configuration",
}
ANA, CAT = "ana@example.org", "cat@example.org"  # editors
BEN = "ben@example.org"  # a reviewer
DEE = "dee@example.org"  # an editor who is also a reviewer
RITA = "rita@example.org"  # signed in, but in no role: a reader
ROLES = {"editors": [ANA, CAT, DEE], "reviewers": [BEN, DEE]}
SOURCE_TEXT = "Blue will share the river with Red. Management of the river stays joint until a treaty is signed."
SOURCE_TITLE = "Blue statement on the river"
SOURCE_ID = "blue-foreign-ministry-blue-statement-on-2025-03-01"  # publisher and title, cut at 40, and date
LOCAL_NOTE = "Parley runs here as a single local user, because sign-in is not configured"


@pytest.fixture
def open_as(open_app, monkeypatch):
    """open_as(email, page, **params): open_app with sign-in configured, as that signed-in user
    (None: nobody signed in). Each call is a new browser session on the same store."""
    original = AppTest.from_file.__func__
    who: dict = {}

    def from_file(cls, *args, **kwargs):
        at = original(cls, *args, **kwargs)
        at.secrets["auth"] = dict(AUTH)
        at.secrets["parley"] = {"roles": ROLES}
        at.user = dict(who["user"])
        return at

    monkeypatch.setattr(AppTest, "from_file", classmethod(from_file))

    def start(email: str | None, page: str | None = None, /, **kwargs) -> AppTest:
        who["user"] = {"is_logged_in": False} if email is None else {"is_logged_in": True, "email": email}
        return open_app(page, **kwargs)

    return start


class _TheStore:
    """The store the apps of this test read, opened when first used (after the first app)."""

    def __init__(self) -> None:
        self.opened: Store | None = None

    def __getattr__(self, name: str):
        if self.opened is None:
            self.opened = Store(os.environ["PARLEY_DATABASE_URL"])
        return getattr(self.opened, name)


@pytest.fixture
def store() -> Iterator[_TheStore]:
    the = _TheStore()
    yield the
    if the.opened is not None:
        the.opened.engine.dispose()


# --- reading the screen ------------------------------------------------------------------------


def texts(at, kind: str) -> list[str]:
    return [e.value for e in at.main.get(kind)]


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def sidebar_pages(at) -> list[str]:
    return [link.proto.label for link in at.sidebar.get("page_link")]


def matrix_labels(at) -> list[str]:
    (chart,) = at.get("plotly_chart")
    return chart_texts(json.loads(chart.proto.spec))


def buttons(at) -> dict[str, bool]:
    """Each main-area button by key: True when it can be clicked."""
    return {b.key: not b.proto.disabled for b in at.main.button}


def no_problems(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.main.error, texts(at, "error")


# --- typing into the forms ---------------------------------------------------------------------


def add_source(at, title: str = SOURCE_TITLE, text: str = SOURCE_TEXT, why: str = "the ministry's statement"):
    at.button_group(key="w_task").set_value("source").run()
    at.text_input(key="sf_title").input(title)
    at.text_input(key="sf_publisher").input("Blue Foreign Ministry")
    at.text_area(key="sf_text").input(text)
    at.text_input(key="sf_why").input(why).run()
    at.button(key="sf-save").click().run()
    return at


def open_position(at, party: str = "blue", issue: str = "water"):
    at.button_group(key="w_task").set_value("position").run()
    at.selectbox(key="pf_party").set_value(party)
    at.selectbox(key="pf_issue").set_value(issue).run()
    return at


def fill_position(
    at,
    stance: str = "Share the river",
    source: str = SOURCE_ID,
    words: str = "Blue will share the river with Red.",
    kind: str = "quote",
    why: str = "Blue's statement on the river",
    **fields: str,
):
    open_position(at, fields.pop("party", "blue"), fields.pop("issue", "water"))
    at.text_input(key="pf_stance").input(stance)
    at.selectbox(key="pf_src_0").set_value(source).run()
    at.radio(key="pf_kind_0").set_value(kind).run()
    at.text_area(key="pf_text_0").input(words)
    for name, value in fields.items():
        (at.text_area if name in ("note", "reason", "detail") else at.text_input)(key=f"pf_{name}").input(value)
    at.text_input(key="pf_why").input(why).run()
    return at


def save_position(at):
    at.button(key="pf-save").click().run()
    return at


def approve_all(at):
    """Approve every waiting draft on the Review page, oldest first."""
    while keys := [b.key for b in at.main.button if b.key.startswith("approve-")]:
        at.button(key=keys[0]).click().run()
        assert not at.exception
    return at


# --- local mode: one analyst on their own machine ----------------------------------------------


def test_local_mode_says_it_is_a_single_local_user_not_a_shared_server(open_app):
    at = open_app("workspace")
    (note, *_) = texts(at, "info")
    assert note.startswith(LOCAL_NOTE)
    assert "not a shared server" in note and "configure sign-in" in note
    assert "Coding workspace" in sidebar_pages(at) and "Review" in sidebar_pages(at)
    assert not at.sidebar.button  # no sign-in button: there is nothing to sign in to


def test_a_source_with_pasted_text_is_saved_as_a_draft(open_app, store):
    at = open_app("workspace", task="source")
    at.text_input(key="sf_title").input(SOURCE_TITLE)
    at.text_input(key="sf_publisher").input("Blue Foreign Ministry").run()
    assert at.text_input(key="sf_id").value == SOURCE_ID  # suggested from the publisher, title and date
    at.text_area(key="sf_text").input(SOURCE_TEXT).run()
    assert not texts(at, "error")
    at.button(key="sf-save").click().run()
    no_problems(at)
    assert texts(at, "success") == [
        "Saved as draft 1: readers do not see it until a second analyst approves it on the Review page."
    ]
    (draft,) = store.drafts("mini")
    assert (draft.kind, draft.status, draft.author, draft.text) == ("source", "draft", "local analyst", SOURCE_TEXT)
    assert draft.data["title"] == SOURCE_TITLE and draft.data["text_file"] == f"sources/{SOURCE_ID}.txt"
    assert any(m.startswith("Draft 1 · source · waiting for review") for m in texts(at, "markdown"))
    # Readers' pages do not list it.
    sources = open_app("sources")
    assert SOURCE_TITLE not in sources.dataframe[0].value["title"].tolist()


def test_a_source_without_a_title_or_id_is_refused_with_the_loaders_problems(open_app, store):
    at = open_app("workspace", task="source")
    at.text_input(key="sf_publisher").input("Blue Foreign Ministry")
    at.text_area(key="sf_text").input(SOURCE_TEXT).run()
    assert at.text_input(key="sf_id").value == ""  # nothing to suggest it from
    at.button(key="sf-save").click().run()
    assert not at.exception
    assert texts(at, "error") == ["Not saved: 2 problem(s), each as the loader would report it in the YAML files."]
    (problems,) = [c.value.splitlines() for c in at.main.code]
    assert [re.search(r"field '(\w+)'", line).group(1) for line in problems] == ["id", "title"]
    assert store.drafts("mini") == []
    assert at.text_area(key="sf_text").value == SOURCE_TEXT
    assert at.text_input(key="sf_publisher").value == "Blue Foreign Ministry"


def test_the_same_source_saved_twice_is_refused(open_app, store):
    at = add_source(open_app("workspace"))
    at.button(key="sf-save").click().run()
    assert texts(at, "error") == ["Not saved: 1 problem(s), each as the loader would report it in the YAML files."]
    assert f"the id '{SOURCE_ID}' is used twice" in at.main.code[0].value
    assert len(store.drafts("mini")) == 1


def test_a_quote_is_checked_against_the_sources_text_as_it_is_typed(open_app, store):
    at = add_source(open_app("workspace"))
    fill_position(at)
    no_problems(at)
    assert "Found verbatim in the source's kept text." in texts(at, "success")
    at.text_area(key="pf_text_0").input("Blue will own the river.").run()
    assert (
        "Not in the source's kept text: copy the words exactly (or pick a sentence above), or mark it as a summary."
        in (texts(at, "error"))
    )
    assert "Found verbatim in the source's kept text." not in texts(at, "success")
    # The same words marked as a summary are someone's account, not checked as a quote; a position
    # resting on summaries only is not "stated", and the form says so before anything is saved.
    at.radio(key="pf_kind_0").set_value("summary").run()
    assert "Found verbatim in the source's kept text." not in texts(at, "success")
    assert "Not in the source's kept text" not in " ".join(texts(at, "error"))
    assert "a stated position needs at least one verbatim quote" in at.main.code[0].value.casefold()
    save_position(at)
    assert store.drafts("mini")[1:] == []
    at.radio(key="pf_basis").set_value("reported").run()
    no_problems(at)
    save_position(at)
    no_problems(at)
    position = next(d for d in store.drafts("mini") if d.kind == "position")
    assert position.data["evidence"] == [{"source": SOURCE_ID, "summary": "Blue will own the river."}]


def test_a_sentence_picked_from_the_source_fills_the_quote(open_app):
    at = add_source(open_app("workspace"))
    open_position(at)
    at.selectbox(key="pf_src_0").set_value(SOURCE_ID).run()
    picker = at.selectbox(key="pf_pick_0")
    assert "Management of the river stays joint until a treaty is signed." in picker.options
    picker.set_value("Management of the river stays joint until a treaty is signed.").run()
    assert at.text_area(key="pf_text_0").value == "Management of the river stays joint until a treaty is signed."
    assert "Found verbatim in the source's kept text." in texts(at, "success")


def test_a_value_between_anchors_without_a_reason_is_refused_and_nothing_typed_is_lost(open_app, store):
    at = open_app("workspace")
    fill_position(
        at,
        stance="Freeze the line for now",
        source="blue-note",
        words="Blue could accept a line frozen where it is for now.",
        issue="border",
        note="Blue's note of 10 January",
    )
    at.radio(key="pf_place").set_value("between").run()
    at.slider(key="pf_value").set_value(30.0).run()
    assert texts(at, "warning") == ["A value between anchors needs its reason: the loader refuses it without one."]
    problem = (
        "positions.yaml: position 1 (blue on border, 2025-03-01), field 'value_reason': the value 30 is not one of "
        "the anchors of issue 'border' (0, 50, 100). Fix: put the stance on the anchor its words describe, or add "
        "value_reason: saying why it sits between two anchors"
    )
    assert [c.value for c in at.main.code] == [problem]
    save_position(at)
    assert not at.exception
    assert "Not saved: 1 problem(s), each as the loader would report it in the YAML files." in texts(at, "error")
    assert store.drafts("mini") == []
    # Everything typed is still there.
    typed = {
        "pf_party": "blue",
        "pf_issue": "border",
        "pf_stance": "Freeze the line for now",
        "pf_place": "between",
        "pf_value": 30.0,
        "pf_src_0": "blue-note",
        "pf_text_0": "Blue could accept a line frozen where it is for now.",
        "pf_note": "Blue's note of 10 January",
        "pf_why": "Blue's statement on the river",
    }
    assert {key: at.session_state[key] for key in typed} == typed
    at.text_area(key="pf_reason").input("Between the old line and a frozen one: a freeze, for now only.").run()
    assert not at.main.code and not texts(at, "warning")
    save_position(at)
    no_problems(at)
    (draft,) = store.drafts("mini")
    assert draft.data["value"] == 30 and draft.data["value_reason"].startswith("Between the old line")


def test_a_draft_shows_to_readers_only_once_approved_on_review(open_app):
    at = add_source(open_app("workspace"))
    save_position(fill_position(at))
    no_problems(at)
    assert "Saved as draft 2: readers do not see it until a second analyst approves it on the Review page." in (
        texts(at, "success")
    )
    overview, compare = open_app("overview"), open_app("compare")
    assert "Share the river" not in matrix_labels(overview)
    assert matrix_labels(overview).count("<i>not stated</i>") == 2  # water rights, Blue and Red
    assert "Share the river" not in markdown(compare)

    review = open_app("review")
    assert texts(review, "caption")[0].startswith("2 draft(s) waiting.")
    heads = [m for m in texts(review, "markdown") if m.startswith("**Draft ")]
    assert heads[0].startswith(f"**Draft 1** adds source {markdown_safe(SOURCE_ID)} · by local analyst")
    assert heads[1].startswith("**Draft 2** adds Blue · Water rights · 2025\\-03\\-01 · by local analyst")
    assert buttons(review)["approve-1"] and buttons(review)["approve-2"]  # the local user reviews their own
    assert [e.label for e in review.main.expander] == [
        f"The source's kept text ({len(SOURCE_TEXT)} characters): what quotes are checked against"
    ]
    assert review.main.expander[0].text[0].value == SOURCE_TEXT
    # A new item: every field of the draft, whole, the quote with its source.
    position = review.main.table[1].value
    assert list(position.columns) == ["field", "draft"]
    assert position.set_index("field")["draft"].to_dict() == {
        "basis": "stated",
        "confidence": "high",
        "date": markdown_safe("2025-03-01"),
        "evidence": markdown_safe(f"quote from {SOURCE_ID}: “Blue will share the river with Red.”"),
        "issue": "water",
        "party": "blue",
        "stance": "Share the river",
    }
    review.button(key="approve-1").click().run()
    assert texts(review, "success") == [markdown_safe("Draft 1 approved: readers see it now.")]
    review.button(key="approve-2").click().run()
    assert texts(review, "success") == [markdown_safe("Draft 2 approved: readers see it now.")]
    assert texts(review, "caption")[0].startswith("0 draft(s) waiting.")

    overview, compare = open_app("overview"), open_app("compare")
    assert "Share the river<br><i>(not on the scale)</i>" in matrix_labels(overview)  # water rights has no anchors
    assert matrix_labels(overview).count("<i>not stated</i>") == 1
    text = markdown(compare)
    assert "**Share the river**" in text and "> “Blue will share the river with Red\\.”" in text
    assert markdown_safe(SOURCE_TITLE) in text


def test_sending_back_needs_a_comment_and_the_author_reads_it(open_app, store):
    at = add_source(open_app("workspace"))
    review = open_app("review")
    assert buttons(review) == {"approve-1": True, "back-1": False, "reject-1": False}
    review.text_input(key="review-comment-1").input("Add the statement's address.").run()
    assert buttons(review)["back-1"] and buttons(review)["reject-1"]
    review.button(key="back-1").click().run()
    assert texts(review, "success") == [markdown_safe("Draft 1 sent back to its author.")]
    (draft,) = store.drafts("mini")
    assert (draft.status, draft.comment) == ("sent_back", "Add the statement's address.")
    at.run()
    assert any(m.startswith("Draft 1 · source · sent back") for m in texts(at, "markdown"))
    assert "Reviewer: Add the statement's address\\." in texts(at, "caption")


# --- sign-in: who may code, who may review -----------------------------------------------------


@pytest.mark.parametrize("email", [None, RITA], ids=["not signed in", "a reader"])
def test_readers_see_no_coding_pages_and_a_direct_link_is_refused(open_as, email):
    at = open_as(email, "overview")
    pages = sidebar_pages(at)
    assert "Overview" in pages and "History" in pages
    assert "Coding workspace" not in pages and "Review" not in pages
    if email is None:
        assert [b.label for b in at.sidebar.button] == ["Sign in"]
    else:
        assert f"Signed in as {markdown_safe(RITA)} (reader)" in [c.value for c in at.sidebar.caption]
    for page, account in (("workspace", "an editor's"), ("review", "a reviewer's")):
        at = open_as(email, page, check=False)
        assert not at.exception
        (refusal,) = texts(at, "error")
        assert refusal.startswith("The ") and f"Sign in with {account} account" in refusal
        assert not at.main.button and not at.main.text_input and not at.main.selectbox  # no form, no drafts
        assert not texts(at, "info")  # nor the local user's note


def test_an_editor_codes_but_cannot_review(open_as, store):
    at = open_as(ANA, "workspace")
    assert "Coding workspace" in sidebar_pages(at) and "Review" not in sidebar_pages(at)
    assert f"Signed in as {markdown_safe(ANA)} (editor)" in [c.value for c in at.sidebar.caption]
    assert not any(m.startswith(LOCAL_NOTE) for m in texts(at, "info"))
    add_source(at)
    no_problems(at)
    assert store.drafts("mini")[0].author == ANA
    review = open_as(ANA, "review", check=False)
    assert "Sign in with a reviewer's account" in texts(review, "error")[0]
    assert not review.main.button


def test_an_author_who_also_reviews_cannot_approve_their_own_draft(open_as, store):
    add_source(open_as(DEE, "workspace"))
    review = open_as(DEE, "review")
    assert "Review" in sidebar_pages(review)
    assert "Your own draft: a second analyst must review it." in texts(review, "caption")
    assert review.text_input(key="review-comment-1").disabled
    assert buttons(review) == {"approve-1": False, "back-1": False, "reject-1": False}
    assert store.drafts("mini")[0].status == "draft"


def test_a_reviewer_approves_another_authors_draft(open_as, store):
    at = add_source(open_as(ANA, "workspace"))
    save_position(fill_position(at))
    no_problems(at)
    review = open_as(BEN, "review")
    assert "Coding workspace" not in sidebar_pages(review)
    assert texts(review, "caption")[0].startswith("2 draft(s) waiting.")
    assert "Your own draft: a second analyst must review it." not in texts(review, "caption")
    approve_all(review)
    assert texts(review, "success") == [markdown_safe("Draft 2 approved: readers see it now.")]
    assert store.drafts("mini") == []
    position = store.item("mini", "position", "blue|water|2025-03-01")
    assert position.data["stance"] == "Share the river" and position.updated_by == ANA
    # A reader sees it now.
    reader = open_as(RITA, "compare")
    assert "**Share the river**" in markdown(reader)


def test_two_editors_correcting_one_position_the_second_is_refused_and_keeps_what_was_typed(open_as, store):
    def correct(email: str, stance: str, why: str):
        at = open_as(email, "workspace")
        at.radio(key="pf_mode").set_value("correct").run()
        at.selectbox(key="pf_pick_item").set_value("blue|border|2025-01-10").run()
        assert at.text_input(key="pf_stance").value == "Restore the old line"  # opened with the stored fields
        at.text_input(key="pf_stance").input(stance)
        at.text_input(key="pf_why").input(why).run()
        return save_position(at)

    first = correct(ANA, "Restore the old line in full", "Ana's reading of the note")
    no_problems(first)
    # The reviewer sees the draft beside the approved version, the changed field marked.
    fields = open_as(BEN, "review").main.table[0].value.set_index("field")
    assert fields.loc["stance"].to_dict() == {
        "approved now": "Restore the old line",
        "draft": "Restore the old line in full",
        "changed": "yes",
    }
    assert fields.loc["value"].to_dict() == {"approved now": "10", "draft": "10", "changed": ""}
    assert fields.loc["acceptable", "draft"] == "0 – 50"
    assert set(fields["changed"]) == {"yes", ""} and list(fields["changed"]).count("yes") == 1
    second = correct(CAT, "Restore the old line at once", "Cat's reading of the note")
    assert not second.exception
    (refusal,) = texts(second, "error")
    assert refusal.startswith(f"Not saved: {markdown_safe(ANA)} already has a draft of this item waiting for review")
    assert refusal.endswith("Your entries are still in the form.")
    assert "**Their draft:** Ana's reading of the note" in texts(second, "markdown")
    assert json.loads(second.main.json[0].value)["stance"] == "Restore the old line in full"
    assert second.text_input(key="pf_stance").value == "Restore the old line at once"
    assert second.text_input(key="pf_why").value == "Cat's reading of the note"
    (draft,) = store.drafts("mini")
    assert draft.author == ANA


def test_two_editors_adding_one_new_position_the_second_is_refused_and_keeps_what_was_typed(open_as, store):
    ana = open_as(ANA, "workspace")
    save_position(fill_position(ana, source="blue-note", words="Blue could accept a line frozen where it is for now."))
    no_problems(ana)
    cat = open_as(CAT, "workspace")
    fill_position(
        cat,
        stance="Share the river, say the Blue",
        source="blue-note",
        words="Trade restrictions stay until the border is settled.",
        why="Cat's reading",
    )
    save_position(cat)
    assert not cat.exception
    (refusal,) = texts(cat, "error")
    assert refusal.startswith(f"Not saved: {markdown_safe(ANA)} already has a draft of this item waiting for review")
    assert json.loads(cat.main.json[0].value)["stance"] == "Share the river"
    assert cat.text_input(key="pf_stance").value == "Share the river, say the Blue"
    assert cat.text_area(key="pf_text_0").value == "Trade restrictions stay until the border is settled."
    assert [d.author for d in store.drafts("mini")] == [ANA]


def test_saving_a_new_position_twice_points_to_revising_the_draft(open_app, store):
    at = save_position(
        fill_position(
            open_app("workspace"), source="blue-note", words="Blue could accept a line frozen where it is for now."
        )
    )
    no_problems(at)
    save_position(at)
    assert texts(at, "error") == [
        "Not saved: you have a draft of this item waiting for review already (draft 1): change it with “Revise one "
        "of my drafts”. Your entries are still in the form."
    ]
    assert len(store.drafts("mini")) == 1
    # Revising it: the draft's fields are in the form, and the save changes the same draft.
    at.radio(key="pf_mode").set_value("revise").run()
    at.selectbox(key="pf_pick_draft").set_value("draft:1").run()
    assert at.text_input(key="pf_stance").value == "Share the river"
    at.text_input(key="pf_stance").input("Share the river, for now").run()
    at.text_input(key="pf_why").input("shorter").run()
    save_position(at)
    no_problems(at)
    (draft,) = store.drafts("mini")
    assert (draft.pk, draft.version, draft.data["stance"]) == (1, 2, "Share the river, for now")


def test_a_correction_approved_after_another_was_refused_with_that_change_shown(open_as, store):
    """Ana's draft is approved; Cat, who opened the position before that, is told what changed."""
    cat = open_as(CAT, "workspace")
    cat.radio(key="pf_mode").set_value("correct").run()
    cat.selectbox(key="pf_pick_item").set_value("blue|border|2025-01-10").run()
    ana = open_as(ANA, "workspace")
    ana.radio(key="pf_mode").set_value("correct").run()
    ana.selectbox(key="pf_pick_item").set_value("blue|border|2025-01-10").run()
    ana.text_input(key="pf_stance").input("Restore the old line in full")
    ana.text_input(key="pf_why").input("Ana's reading").run()
    save_position(ana)
    approve_all(open_as(BEN, "review"))
    cat.text_input(key="pf_stance").input("Restore the old line at once")
    cat.text_input(key="pf_why").input("Cat's reading").run()
    save_position(cat)
    assert not cat.exception
    refusal = texts(cat, "error")[0]
    assert "This item was changed by" in refusal and "your change was not saved" in refusal
    assert "Your entries are still in the form" in refusal
    changed = cat.main.dataframe[0].value
    assert changed.to_dict("records") == [
        {"field": "stance", "before": "Restore the old line", "after": "Restore the old line in full"}
    ]
    assert cat.text_input(key="pf_stance").value == "Restore the old line at once"
    assert store.drafts("mini") == []


def test_hostile_text_is_stored_and_shown_literally(open_app, store):
    at = add_source(open_app("workspace"), title=f"Title {PLANTED}")
    source_id = store.drafts("mini")[0].data["id"]
    fill_position(at, stance=f"Stance {PLANTED}", note=f"Note {PLANTED}", source=source_id)
    no_problems(at)
    _assert_inert(at)
    save_position(at)
    no_problems(at)
    source, position = store.drafts("mini")
    assert source.data["title"] == f"Title {PLANTED}"
    assert position.data["stance"] == f"Stance {PLANTED}" and position.data["note"] == f"Note {PLANTED}"
    review = open_app("review")
    _assert_inert(review)
    shown = review.main.table[1].value.set_index("field")["draft"]  # a static table: cells render as markdown
    assert shown["stance"] == markdown_safe(f"Stance {PLANTED}")
    assert shown["note"] == markdown_safe(f"Note {PLANTED}")
    approve_all(review)
    compare = open_app("compare")
    _assert_inert(compare)
    text = markdown(compare)
    assert f"**{markdown_safe(f'Stance {PLANTED}')}**" in text
    assert f"*Analyst note*: {markdown_safe(f'Note {PLANTED}')}" in text
    assert markdown_safe(f"Title {PLANTED}") in text
    _assert_inert(open_app("overview"))
    sources = open_app("sources", source=source_id)
    _assert_inert(sources)
    assert f"Title {PLANTED}" in sources.dataframe[0].value["title"].tolist()


# --- the pages around the workspace: Search, Documents, Coding report, History -----------------


def test_search_from_the_url_finds_article_5_in_bold_grouped_by_issue(open_app, bundled):
    at = open_app("search", bundled, q="Article 5")
    headings = [s.value for s in at.main.subheader]
    assert headings[:2] == ["NATO / alliance status", "Security guarantees"] and headings[-1] == "Events"
    lines = texts(at, "markdown")
    assert re.match(r"\*\*\d+\*\* position records in \*\*2\*\* issue\(s\) and \*\*1\*\* event match\.", lines[0])
    assert any("**Article** **5**" in line for line in lines)
    assert "*quote* “We need security to work in practice like **Article** **5** of NATO\\.”" in "\n".join(lines)
    links = [(p.proto.label, p.proto.page) for p in at.main.get("page_link")]
    assert ("Compare as of that day", "compare") in links and ("On the timeline", "timeline") in links
    first = at.main.get("page_link")[0].proto.query_string
    assert "as_of=2025-12-23" in first and "groups=security" in first
    assert at.text_input(key="w_q").value == "Article 5"


def test_search_filters_narrow_the_matches(open_app, bundled):
    at = open_app("search", bundled, q="Article 5", issues="security-guarantees")
    assert [s.value for s in at.main.subheader] == ["Security guarantees", "Events"]
    everything = open_app("search", bundled, q="Article 5")
    at = open_app("search", bundled, q="Article 5", basis="stated")
    count = int(re.match(r"\*\*(\d+)\*\*", texts(at, "markdown")[0]).group(1))
    assert 0 < count < int(re.match(r"\*\*(\d+)\*\*", texts(everything, "markdown")[0]).group(1))
    bases = [
        re.search(r" · \*(\w+)\*$", m) for m in texts(at, "markdown") if re.match(r"\*\*\d\d \w{3} \d{4}\*\* · ", m)
    ]
    assert {b.group(1) for b in bases if b} == {"stated"}
    at.text_input(key="w_q").input("nothing-matches-this").run()
    assert at.query_params["q"] == "nothing-matches-this"
    assert texts(at, "info") == [
        "Nothing matches. Try fewer words, another spelling, or widen the dates, issues or parties."
    ]


RECORD_LINE = re.compile(r"\*\*\d\d \w{3} \d{4}\*\* · .* · \*(stated|reported|assessed)\*$")  # a position, not an event


def test_search_pages_its_records_thirty_at_a_time(open_app, bundled):
    at = open_app("search", bundled, q="the")
    total = int(re.match(r"\*\*(\d+)\*\*", texts(at, "markdown")[0]).group(1))
    assert total > 30
    first = [m for m in texts(at, "markdown") if RECORD_LINE.match(m)]
    assert len(first) == 30
    assert f"Records 1–30 of {total}, grouped by issue and party." in texts(at, "caption")
    at = open_app("search", bundled, q="the", page="2")
    second = [m for m in texts(at, "markdown") if RECORD_LINE.match(m)]
    assert 0 < len(second) <= 30 and not set(second) & set(first)
    assert f"Records 31–{30 + len(second)} of {total}, grouped by issue and party." in texts(at, "caption")


def test_documents_side_by_side_with_not_addressed_and_the_csv(open_app, bundled, deferred):
    at = open_app("documents", bundled)
    picked = at.multiselect(key="w_docs").value
    assert picked == [
        "ukraine@2025-06-01",
        "russia@2025-06-02",
        "united-states@2025-11-21",
        "europe@2025-11-24",
        "ukraine@2025-12-23",
    ]
    assert texts(at, "markdown")[0].startswith("**5 documents on 12 issues**")
    (table,) = html_tables(at.main)
    assert list(table.columns) == [
        "Issue",
        "Ukraine 1 Jun",
        "Russia 2 Jun",
        "US 21 Nov",
        "Europe 24 Nov",
        "Ukraine 23 Dec",
        "Where they differ",
    ]
    ceasefire = table.set_index("Issue").loc["Ceasefire terms"]
    assert ceasefire["Europe 24 Nov"] == "not addressed" and ceasefire["Where they differ"] == "gap 100"
    said = next(e for e in at.main.expander if e.label.startswith("Ceasefire terms")).markdown[0].value.split("\n\n")
    europe = next(n for n, block in enumerate(said) if "Europe, 24 Nov 2025" in block)
    assert said[europe + 1] == "*not addressed*"
    as_of = at.session_state["_parley_view"].as_of.isoformat()
    csv = deferred[f"parley-documents-russia-ukraine-2025-{as_of}.csv"]().decode("utf-8-sig")
    assert (
        csv.splitlines()[0]
        == "Issue,Ukraine 1 Jun,Russia 2 Jun,US 21 Nov,Europe 24 Nov,Ukraine 23 Dec,Where they differ"
    )
    assert "not addressed" in csv and "Ceasefire terms" in csv
    # Two documents chosen: the table narrows to them.
    at.multiselect(key="w_docs").set_value(["ukraine@2025-06-01", "russia@2025-06-02"]).run()
    assert at.query_params["docs"] == "ukraine@2025-06-01,russia@2025-06-02"
    assert list(html_tables(at.main)[0].columns) == ["Issue", "Ukraine 1 Jun", "Russia 2 Jun", "Where they differ"]
    # The link it wrote opens the same documents.
    again = open_app("documents", bundled, docs="united-states@2025-11-21,europe@2025-11-24")
    assert not again.warning
    assert list(html_tables(again.main)[0].columns) == ["Issue", "US 21 Nov", "Europe 24 Nov", "Where they differ"]


def test_coding_report_lists_each_entry_with_its_reason(open_app):
    at = open_app("report")
    lines = texts(at, "markdown")
    assert lines[0] == "**4** entries for 7 positions; **1 not explained**."
    assert [s.value for s in at.main.subheader] == ["Between anchors (3)", "Evidence not near (1)"]
    assert "Blue on Border line, 10 Jan 2025\\: 10 is between anchors" in lines
    assert "*Why:* Close to the old line, but Blue could accept a frozen line for now\\." in lines
    assert any(line.startswith(":red-badge[not explained] Red on Border line, 20 Feb 2025") for line in lines)


def test_history_shows_an_approved_draft_with_who_and_why(open_as):
    at = add_source(open_as(ANA, "workspace"))
    save_position(fill_position(at, why="Blue's statement of 1 March"))
    approve_all(open_as(BEN, "review"))
    history = open_as(BEN, "history")
    heads = [m for m in texts(history, "markdown") if " UTC** · " in m]
    water = [m for m in heads if "Blue · Water rights · 2025\\-03\\-01" in m]
    assert [m.split(" · ", 1)[1] for m in water] == [
        f"approved · Blue · Water rights · 2025\\-03\\-01 · by {markdown_safe(BEN)}",
        f"added · Blue · Water rights · 2025\\-03\\-01 · by {markdown_safe(ANA)}",
        f"drafted · Blue · Water rights · 2025\\-03\\-01 · by {markdown_safe(ANA)}",
    ]
    assert f"*Why:* Blue's statement of 1 March \\(approved by {markdown_safe(BEN)}\\)" in texts(history, "markdown")
    # A reader sees the approved writes, not the drafts.
    reader = open_as(RITA, "history")
    heads = [m for m in texts(reader, "markdown") if " UTC** · " in m]
    assert any(" · added · Blue · Water rights" in m for m in heads)
    assert not any(" · drafted · " in m for m in heads)
    assert not reader.main.get("popover")  # nor can a reader restore anything


def test_a_reviewer_restores_an_earlier_version(open_as, store):
    ana = open_as(ANA, "workspace")
    ana.radio(key="pf_mode").set_value("correct").run()
    ana.selectbox(key="pf_pick_item").set_value("blue|border|2025-01-10").run()
    ana.text_input(key="pf_stance").input("Restore the old line in full")
    ana.text_input(key="pf_why").input("Ana's reading").run()
    save_position(ana)
    approve_all(open_as(BEN, "review"))
    assert store.item("mini", "position", "blue|border|2025-01-10").data["stance"] == "Restore the old line in full"
    history = open_as(BEN, "history", item="position:blue|border|2025-01-10")
    heads = [m.split(" · ", 1)[1] for m in texts(history, "markdown") if " UTC** · " in m]
    assert heads[:2] == [
        f"approved · Blue · Border line · 2025\\-01\\-10 · by {markdown_safe(BEN)}",
        f"changed · Blue · Border line · 2025\\-01\\-10 · by {markdown_safe(ANA)}",
    ]
    # One way back per change: the change itself, not the approval that made it.
    restorable = [p.proto.popover.label for p in history.main.get("popover")]
    assert restorable == ["Restore what it was before"]
    changed = history.main.dataframe[0].value.to_dict("records")
    assert changed == [{"field": "stance", "before": "Restore the old line", "after": "Restore the old line in full"}]
    entry = next(e for e in store.history("mini") if e.action == "update")
    history.text_input(key=f"restore-reason-{entry.pk}").input("The note says only 'restored'.").run()
    history.button(key=f"restore-{entry.pk}").click().run()
    assert not history.exception
    assert texts(history, "success") == [markdown_safe("Restored. The history records it.")]
    assert store.item("mini", "position", "blue|border|2025-01-10").data["stance"] == "Restore the old line"
    heads = [m.split(" · ", 1)[1] for m in texts(history, "markdown") if " UTC** · " in m]
    assert heads[0] == f"restored · Blue · Border line · 2025\\-01\\-10 · by {markdown_safe(BEN)}"
    # A reader sees the restored version.
    assert "**Restore the old line**" in markdown(open_as(RITA, "compare"))


@pytest.fixture
def bundled():
    from tests.support.browser import BUNDLED_DATA

    return BUNDLED_DATA
