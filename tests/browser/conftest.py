"""Fixtures for the browser tests: the app under `streamlit run`, Chromium through Playwright.

- app_server: base URL of the app serving the bundled data/ (one server per session).
- start_app(data_dir, env=None): base URL of a server for another data folder, e.g.
  tests/fixtures or a tmp dataset; cached per folder (and env) for the session.
- page: a fresh 1280x720 page per test; page_large: the same at 1920x1080.
- Helpers to import: tests.support.browser (open_app, wait_for_app_run, wait_for_charts,
  exceptions, screen_problems, screenshot).

If Chromium or Playwright is missing, these tests SKIP locally but FAIL when CI=true:
CI must never pass by skipping them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.browser import (
    BUNDLED_DATA,
    CHROMIUM,
    CHROMIUM_ARGS,
    VIEWPORT,
    VIEWPORT_LARGE,
    AppServer,
    in_ci,
    start_server,
)

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - exercised only where the dev requirements are missing
    sync_playwright = None


def _unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason} (CI=true: browser tests must run, not skip)", pytrace=False)
    pytest.skip(f"{reason}; install it with: sudo apt-get install chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


# --- servers -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _servers() -> Iterator[dict[tuple, AppServer]]:
    servers: dict[tuple, AppServer] = {}
    yield servers
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def start_app(_servers: dict[tuple, AppServer]) -> Callable[..., str]:
    """Factory: start_app(data_dir, env=None) -> base URL of a server for that data folder."""

    def start(data_dir: Path, env: dict[str, str] | None = None) -> str:
        folder = Path(data_dir).resolve()
        key = (str(folder), tuple(sorted((env or {}).items())))
        if key not in _servers:
            _servers[key] = start_server(folder, env, name=folder.name)
        server = _servers[key]
        if server.process.poll() is not None:
            raise RuntimeError(f"the server for {folder} has stopped:\n{server.log_tail()}")
        return server.url

    return start


@pytest.fixture(scope="session")
def app_server(start_app: Callable[..., str]) -> str:
    """Base URL of the app serving the bundled datasets in data/."""
    return start_app(BUNDLED_DATA)


# --- browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, launched once per session (not Playwright's downloaded build)."""
    if sync_playwright is None:
        _unavailable("Playwright is not installed (pip install -r requirements-dev.txt)")
    if not os.path.exists(CHROMIUM):
        _unavailable(f"Chromium is not installed at {CHROMIUM}")
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    except Exception as exc:
        manager.stop()
        _unavailable(f"Chromium at {CHROMIUM} could not start: {str(exc).splitlines()[0]}")
    yield browser
    browser.close()
    manager.stop()


def _new_page(browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    """A fresh page at 1280x720 (a laptop screen shared in a meeting)."""
    yield from _new_page(chromium, VIEWPORT)


@pytest.fixture
def page_large(chromium: Browser) -> Iterator[Page]:
    """A fresh page at 1920x1080 (a projector or a large monitor)."""
    yield from _new_page(chromium, VIEWPORT_LARGE)
