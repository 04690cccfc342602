"""Fixtures for the app tests: dashboard.py under Streamlit's AppTest on the shared datasets.

- open_app(page=None, data_dir=FIXTURES, **params): an AppTest of dashboard.py with those query
  parameters (a list value repeats the parameter, as older links did), run once on that page
  ("overview", "gaps", ...; None: the home URL) and checked to have drawn without a traceback
  or an error box (check=False: not checked); env sets environment variables for it. Parameters
  that are Python keywords go in as **{"from": ...}.
- history_root, hostile_root: a data folder holding the history or the hostile dataset
  (tests/support/history.py, tests/support/hostile.py).
- mini_copy(root, name, title=None, edits=None): a copy of tests/fixtures/mini in root/name, with
  its title changed and text replaced file by file ({"parties.yaml": [(old, new)]}).
- downloads: every file the app served for download in this test, by file name.
- deferred: the file behind each download button that builds its file on the click, by file name.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tests.support.history import write_history_dataset
from tests.support.hostile import write_hostile_dataset

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini"
MINI_TITLE = "Mini negotiation (test fixture)"


@pytest.fixture(scope="session")
def store_templates(tmp_path_factory) -> dict[str, Path]:
    """A store per data folder, imported once per test run: each test starts from a copy of it."""
    return {"root": tmp_path_factory.mktemp("stores")}


def _store_for(templates: dict, data_dir: Path, target: Path) -> None:
    """Copy the data folder's prepared store to `target`, preparing it on first use."""
    key = str(data_dir)
    if key not in templates:
        from parley.store import Store
        from parley.store.folders import sync

        path = templates["root"] / f"{len(templates)}.db"
        store = Store(f"sqlite:///{path}")
        sync(store, data_dir)
        store.engine.dispose()
        templates[key] = path
    shutil.copyfile(templates[key], target)


@pytest.fixture
def open_app(monkeypatch, tmp_path, store_templates) -> Callable[..., AppTest]:
    def start(
        page: str | None = None,
        /,
        data_dir: Path = FIXTURES,
        check: bool = True,
        env: dict | None = None,
        **params,
    ) -> AppTest:
        monkeypatch.setenv("PARLEY_DATA_DIR", str(data_dir))
        store = tmp_path / "store.db"
        if not store.exists():
            _store_for(store_templates, Path(data_dir), store)
        monkeypatch.setenv("PARLEY_DATABASE_URL", f"sqlite:///{store}")
        monkeypatch.delenv("PARLEY_DEFAULT_DATASET", raising=False)
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        at = AppTest.from_file(DASHBOARD, default_timeout=60)
        at.query_params.update(params)
        if page is not None:
            at.switch_page(f"pages/{page}.py")
        at.run()
        if check:
            assert not at.exception, [e.value for e in at.exception]
            assert not at.error, [e.value for e in at.error]
        return at

    return start


def copy_mini(root: Path, name: str, title: str | None = None, edits: dict | None = None) -> Path:
    folder = Path(root) / name
    shutil.copytree(MINI, folder)
    changes = dict(edits or {})
    if title:
        changes.setdefault("dataset.yaml", []).append((MINI_TITLE, title))
    for file, replacements in changes.items():
        path = folder / file
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, (file, old)
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def mini_copy() -> Callable[..., Path]:
    return copy_mini


@pytest.fixture
def history_root(tmp_path) -> Path:
    write_history_dataset(tmp_path)
    return tmp_path


@pytest.fixture
def hostile_root(tmp_path) -> Path:
    write_hostile_dataset(tmp_path)
    return tmp_path


@pytest.fixture
def downloads(monkeypatch) -> Iterator[dict[str, bytes]]:
    """The bytes behind each download button, as the browser would receive them."""
    served: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            served[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)
    yield served


@pytest.fixture
def deferred(monkeypatch) -> dict:
    """The file behind each download button that builds its file on the click, by file name: call it to get
    the bytes the browser would receive."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    made: dict = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return made
