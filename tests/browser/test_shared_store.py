"""Two app servers on one PostgreSQL store, as a team runs them (docs/deployment.md): a change approved
anywhere reaches a page already open on either server at its next run, the reader is told the dataset
changed under the page, and the History page of both servers names the change.

PostgreSQL comes from tests/support/postgres.py: missing, these tests skip locally and fail with CI=true.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from parley.store import Store
from tests.support.browser import (
    AppServer,
    exceptions,
    in_ci,
    open_app,
    screen_problems,
    screenshot,
    start_server,
    wait_for_app_run,
)
from tests.support.postgres import postgres_server

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DATASET = "mini"
OLD = "Restore the old line"
NEW = "Return to the old line, marked out by a joint commission"
AUTHOR, REVIEWER = "Ana Analyst", "Rui Reviewer"
REASON = "Blue's note asks for the old line under a joint survey, not simply restored"
CHANGED = (
    "This dataset has changed since this page last showed it (a new import, or an approved edit): "
    "what you see now is the current version."
)
WAIT_MS = 20_000  # a run reads the store's revision, so a change shows at the next run, not the next folder sync


@dataclass(frozen=True)
class Team:
    database_url: str
    a: str  # base URL of server A
    b: str  # base URL of server B


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    """A throwaway PostgreSQL and two servers on it sharing one data folder (a copy of mini), as on one host."""
    with ExitStack() as stack:
        try:
            url = stack.enter_context(postgres_server())
        except RuntimeError as exc:
            if in_ci():
                pytest.fail(f"{exc} (CI=true: the shared-store tests must run, not skip)", pytrace=False)
            pytest.skip(str(exc))
        root = tmp_path_factory.mktemp("team-data")
        shutil.copytree(FIXTURES / DATASET, root / DATASET)
        env = {"PARLEY_DATABASE_URL": url, "PARLEY_DEFAULT_DATASET": DATASET}
        with ThreadPoolExecutor(2) as pool:
            starting = [pool.submit(start_server, root, env, name) for name in ("team-a", "team-b")]
            started = [s.exception() or s.result() for s in starting]
        servers = [s for s in started if isinstance(s, AppServer)]
        stack.callback(_stop_all, servers)  # the servers stop before the database does
        for failed in started:
            if isinstance(failed, BaseException):
                raise failed
        yield Team(url, servers[0].url, servers[1].url)


def _stop_all(servers: list[AppServer]) -> None:
    with ThreadPoolExecutor(len(servers)) as pool:
        list(pool.map(AppServer.stop, servers))


def main(page):
    return page.locator('[data-testid="stMain"]')


def notices(page) -> list[str]:
    return main(page).locator('[data-testid="stAlert"]').all_inner_texts()


def told_changed(page) -> bool:
    return any(CHANGED in text for text in notices(page))


def go_to(page, title: str) -> None:
    """Follow the sidebar's link to a page, in the same browser session (as a reader moves between pages)."""
    page.bring_to_front()
    page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"]').get_by_text(title, exact=True).click()
    main(page).get_by_role("heading", name=title, exact=True).wait_for(timeout=WAIT_MS)
    wait_for_app_run(page)


def assert_history_names_the_change(page) -> None:
    text = main(page).inner_text()
    what = "Blue · Border line · 2025-01-10"
    approved = f"approved · {what} · by {REVIEWER}"
    changed = f"changed · {what} · by {AUTHOR}"
    drafted = f"drafted · {what} · by {AUTHOR}"
    assert approved in text and changed in text and drafted in text, text
    # Newest first: the approval, the write it made, the draft it approved.
    assert text.index(approved) < text.index(changed) < text.index(drafted)
    assert f"Why: {REASON} (approved by {REVIEWER})" in text


def approve_new_stance(store: Store) -> int:
    """What the coding workspace and the Review page do: a draft of the corrected stance, approved by a second
    analyst. Returns the dataset's revision after it."""
    key = store.position_key(DATASET, "blue", "border", "2025-01-10")
    assert key is not None
    item = store.item(DATASET, "position", key)
    assert item.data["stance"] == OLD
    draft = store.propose(
        DATASET, "position", {**item.data, "stance": NEW}, AUTHOR, REASON, key=key, base_version=item.version
    )
    store.approve(draft.pk, REVIEWER)
    return store.revision(DATASET)


def test_an_approved_change_reaches_open_pages_on_both_servers(team: Team, page, page_large):
    a, b = page_large, page  # A on a large monitor, B on a laptop
    for server, shown in ((team.a, a), (team.b, b)):
        open_app(shown, server, f"compare?dataset={DATASET}")
        assert exceptions(shown) == []
        text = main(shown).inner_text()
        assert OLD in text and NEW not in text
        assert not told_changed(shown)  # a first look is not news

    store = Store(team.database_url)
    try:
        before = store.revision(DATASET)
        after = approve_new_stance(store)
    finally:
        store.engine.dispose()
    assert after > before

    # B: the reader narrows Compare to one issue group; that run draws the approved stance and says why it moved.
    b.bring_to_front()
    main(b).locator('[data-testid="stMultiSelect"]').click()
    b.get_by_role("option", name="Territory", exact=True).click()
    b.keyboard.press("Escape")  # close the list, as a reader does once the group is chosen
    wait_for_app_run(b)
    main(b).get_by_text(NEW).wait_for(timeout=WAIT_MS)
    assert exceptions(b) == []
    text = main(b).inner_text()
    assert "Border line" in text and "Trade" not in text  # the interaction itself took effect
    assert OLD not in text
    assert told_changed(b), notices(b)
    assert screen_problems(b) == []
    shot = screenshot(b, "shared-store-changed-b-1280")
    assert shot.stat().st_size > 0
    # B's History page names the change; the session has seen this revision, so the notice is not repeated.
    go_to(b, "History")
    assert exceptions(b) == []
    assert_history_names_the_change(b)
    assert not told_changed(b)

    # A, untouched since the change: its next page is told, and its History names the same change.
    go_to(a, "History")
    assert exceptions(a) == []
    assert told_changed(a), notices(a)
    assert_history_names_the_change(a)
    go_to(a, "Compare")
    assert exceptions(a) == []
    text = main(a).inner_text()
    assert NEW in text and OLD not in text
    assert not told_changed(a)
