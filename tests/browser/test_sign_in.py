"""Sign-in end to end in Chromium: a real OpenID provider on loopback (oidc-provider-mock), the app
started with [auth] and [parley.roles] in its secrets, and each analyst in their own browser.

A reader signs in and sees no editing controls; an editor codes a source and a position quoting it;
a reviewer approves both; readers then see the position on every view. Two editors changing one
position: the second is refused with the first one's draft shown, and keeps what they typed.

One app server and one provider serve the whole module; the tests share its store and run in order.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import browser
from tests.support.browser import (
    VIEWPORT,
    chart_lines,
    chart_phrases,
    exceptions,
    free_port,
    open_app,
    screen_problems,
    screenshot,
    start_server,
    wait_for_app_run,
    wait_for_charts,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ANA, CAT = "ana@example.org", "cat@example.org"  # editors
BEN = "ben@example.org"  # a reviewer
RITA = "rita@example.org"  # signed in, in no role: a reader
SOURCE_TITLE = "Blue statement on the border"
SOURCE_TEXT = "Blue will accept the line frozen where it is while talks go on. Trade stays restricted."
QUOTE = "Blue will accept the line frozen where it is while talks go on."
STANCE = "Accept the frozen line while talks go on"


@pytest.fixture(scope="module")
def provider() -> Iterator[int]:
    """An OpenID provider on loopback: its sign-in page asks for a subject, and the e-mail is that subject."""
    oidc_provider_mock = pytest.importorskip("oidc_provider_mock")
    with oidc_provider_mock.run_server_in_thread(port=0) as server:
        yield server.server_port


@pytest.fixture(scope="module")
def app(provider: int, chromium) -> Iterator[str]:
    """The app on fixtures/mini with sign-in configured, on a port fixed before the secrets name it."""
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="parley-secrets-"))
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a-cookie-secret-for-the-browser-tests"\n'
        'client_id = "parley"\n'
        'client_secret = "parley-test-secret"\n'
        f'server_metadata_url = "http://localhost:{provider}/.well-known/openid-configuration"\n'
        "\n[parley.roles]\n"
        f'editors = ["{ANA}", "{CAT}"]\n'
        f'reviewers = ["{BEN}"]\n',
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(browser, "free_port", lambda: port)
        server = start_server(FIXTURES, {"STREAMLIT_SECRETS_FILES": str(secrets)}, name="sign-in")
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browse(chromium) -> Iterator:
    """browse() -> a page in a fresh browser context (its own cookies: one analyst each)."""
    contexts = []

    def new():
        context = chromium.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="UTC")
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield new
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def analyst(app, browse):
    """analyst(email) -> that analyst's page, signed in once for the module, in a browser of their own."""
    pages = {}

    def signed_in(email: str):
        if email not in pages:
            pages[email] = browse()
            sign_in(pages[email], app, email)
        return pages[email]

    return signed_in


# --- driving the app -----------------------------------------------------------------------------


def main(page):
    return page.locator('[data-testid="stMain"]')


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def sign_in(page, url: str, email: str) -> None:
    """Sign in through the provider's page as `email` (it comes back to the app's start page)."""
    open_app(page, url)
    sidebar(page).get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/oauth2/authorize"))
    page.locator('input[name="sub"]').fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(re.escape(url)))
    wait_for_app_run(page)
    sidebar(page).get_by_text(f"Signed in as {email}").wait_for()


def type_into(page, label: str, text: str, area: bool = False) -> None:
    """Type into a text field and commit it (Streamlit reads a field when it loses focus)."""
    box = main(page).get_by_label(label, exact=True)
    box.fill(text)
    box.press("Control+Enter" if area else "Enter")
    wait_for_app_run(page)


def choose(page, label: str, option: str) -> None:
    main(page).get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app_run(page)


def click(page, name: str, exact: bool = True) -> None:
    main(page).get_by_role("button", name=name, exact=exact).click()
    wait_for_app_run(page)


def task(page, name: str) -> None:
    """Choose what to code (a segmented control: clicking the chosen one again would unselect it)."""
    option = main(page).get_by_role("radiogroup", name="What to code").get_by_role("radio", name=name, exact=True)
    if option.get_attribute("aria-checked") != "true":
        option.click()
        wait_for_app_run(page)


def alerts(page) -> list[str]:
    return main(page).locator('[data-testid="stAlert"]').all_inner_texts()


def open_position(page, party: str, issue: str, mode: str | None = None, pick: str | None = None) -> None:
    task(page, "Position")
    if mode is not None:
        main(page).get_by_text(mode, exact=True).click()
        wait_for_app_run(page)
        choose(page, "Which position", pick)
        return
    choose(page, "Party", party)
    choose(page, "Issue", issue)


# --- the tests -------------------------------------------------------------------------------------


def test_a_reader_sees_no_editing_controls_and_is_refused_the_workspace(app, browse, analyst):
    page = browse()
    open_app(page, app)
    nav = sidebar(page).inner_text()
    assert "Coding workspace" not in nav and "Review" not in nav
    assert sidebar(page).get_by_role("button", name="Sign in").is_visible()
    page = analyst(RITA)
    nav = sidebar(page).inner_text()
    assert f"Signed in as {RITA} (reader)" in nav and "Sign out" in nav
    assert "Overview" in nav and "History" in nav
    assert "Coding workspace" not in nav and "Review" not in nav
    for path, account in (("workspace", "an editor's"), ("review", "a reviewer's")):
        open_app(page, app, path)
        assert exceptions(page) == []
        (refusal,) = alerts(page)
        assert f"Sign in with {account} account" in refusal
        assert main(page).get_by_role("button").count() == 0
        assert main(page).locator("input, textarea").count() == 0
        assert f"Signed in as {RITA}" in sidebar(page).inner_text()  # the session survives the direct link


def test_an_editor_codes_a_position_from_a_pasted_source_and_a_reviewer_approves_it(app, browse, analyst):
    editor = analyst(ANA)
    open_app(editor, app, "workspace")
    nav = sidebar(editor).inner_text()
    assert "Coding workspace" in nav and "Review" not in nav
    assert "single local user" not in main(editor).inner_text()

    # The source, its words pasted.
    task(editor, "Source")
    type_into(editor, "Title of the page or document", SOURCE_TITLE)
    type_into(editor, "Publisher", "Blue Foreign Ministry")
    type_into(
        editor,
        "The page's words (only what the page says: they are what quotes are checked against)",
        SOURCE_TEXT,
        area=True,
    )
    assert main(editor).get_by_label("Id (links and positions use it; lowercase, digits, hyphens)").input_value() == (
        "blue-foreign-ministry-blue-statement-on-2025-03-01"
    )
    assert screen_problems(editor) == []
    screenshot(editor, "sign-in-workspace-source-1280")
    click(editor, "Save as draft for review")
    assert "Saved as draft 1" in " ".join(alerts(editor))
    assert "Draft 1 · source · waiting for review" in main(editor).inner_text()

    # The position, quoting it.
    open_position(editor, "Blue Republic", "Border line")
    type_into(editor, "Stance, in the project's own words (one line)", STANCE)
    main(editor).get_by_text("50 — Line frozen where it is", exact=True).click()
    wait_for_app_run(editor)
    choose(editor, "Source 1", f"{SOURCE_TITLE} (draft, waiting for review)")
    type_into(editor, "Its words", QUOTE, area=True)
    assert "Found verbatim in the source's kept text." in main(editor).inner_text()
    type_into(editor, "Why this change (kept in the history, read by the reviewer)", "Blue's statement of 1 March")
    assert wait_for_charts(editor, 1) == 1  # the preview of the issue's gap chart
    assert "Blue" in chart_phrases(editor)
    assert exceptions(editor) == []
    assert screen_problems(editor) == []
    screenshot(editor, "sign-in-workspace-position-1280")
    click(editor, "Save as draft for review")
    assert "Saved as draft 2" in " ".join(alerts(editor))
    assert "Draft 2 · position · waiting for review" in main(editor).inner_text()

    # A reader does not see it yet.
    reader = browse()
    open_app(reader, app)
    wait_for_charts(reader, 1)
    assert STANCE not in " ".join(chart_phrases(reader))

    # The reviewer, in a browser of their own.
    reviewer = analyst(BEN)
    open_app(reviewer, app, "review")
    nav = sidebar(reviewer).inner_text()
    assert "Review" in nav and "Coding workspace" not in nav
    text = main(reviewer).inner_text()
    assert "2 draft(s) waiting." in text
    assert f"by {ANA}" in text and "Blue's statement of 1 March" in text
    assert f"“{QUOTE}”" in text  # the quote whole, as the draft has it
    wait_for_charts(reviewer, 1)
    assert exceptions(reviewer) == []
    assert screen_problems(reviewer) == []
    screenshot(reviewer, "sign-in-review-1280")
    for n in (1, 2):
        main(reviewer).get_by_role("button", name="Approve").first.click()
        wait_for_app_run(reviewer)
        assert f"Draft {n} approved: readers see it now." in " ".join(alerts(reviewer))
    assert "0 draft(s) waiting." in main(reviewer).inner_text()

    # Every reader's view shows it now.
    open_app(reader, app)
    wait_for_charts(reader, 1)
    assert STANCE in " ".join(chart_phrases(reader))
    open_app(reader, app, "gaps")
    wait_for_charts(reader, 2)
    assert "Border line gap 40" in chart_lines(reader)  # Blue at 50 now, Red at 90 (it was 10 to 90)
    open_app(reader, app, "timeline")
    changed = reader.locator('[data-testid="stMain"]').inner_text().split("Over time")[0]
    assert STANCE in changed and "What changed" in changed
    open_app(reader, app, "briefing")
    main(reader).get_by_role("button", name="Prepare spreadsheet").click()
    wait_for_app_run(reader)
    with reader.expect_download() as download:
        main(reader).get_by_role("button", name=re.compile(r"CSV")).click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    blue = [r for r in rows if STANCE in " ".join(r.values())]
    assert blue, rows[:3]
    assert any(QUOTE in v for v in blue[0].values())


def test_two_editors_change_one_position_and_the_second_is_refused_without_losing_a_word(app, analyst):
    ana, cat = analyst(ANA), analyst(CAT)
    for page in (ana, cat):
        open_app(page, app, "workspace")
    pick = "Red · Trade · 2025-01-12"
    for page in (ana, cat):
        open_position(page, "", "", mode="Correct or withdraw one on record", pick=pick)
        assert main(page).get_by_label("Stance, in the project's own words (one line)").input_value() == (
            "Lift all restrictions"
        )
    stance = "Stance, in the project's own words (one line)"
    why = "Why this change (kept in the history, read by the reviewer)"
    type_into(ana, stance, "Lift all restrictions at once")
    type_into(ana, why, "Ana: the paper says 'must go'")
    click(ana, "Save as draft for review")
    assert any(a.startswith("Saved as draft") for a in alerts(ana))

    type_into(cat, stance, "Lift every restriction")
    type_into(cat, why, "Cat: closer to the paper")
    click(cat, "Save as draft for review")
    assert exceptions(cat) == []
    text = main(cat).inner_text()
    assert f"Not saved: {ANA} already has a draft of this item waiting for review" in text
    assert "Your entries are still in the form." in text
    assert "Their draft: Ana: the paper says 'must go'" in text
    assert main(cat).get_by_label(stance).input_value() == "Lift every restriction"
    assert main(cat).get_by_label(why).input_value() == "Cat: closer to the paper"
    assert screen_problems(cat) == []
    screenshot(cat, "sign-in-workspace-refused-1280")
