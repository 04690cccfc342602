"""Readying a fresh server: what the pages import, and the default dataset in the store before any reader."""

from __future__ import annotations

import gc
import importlib
import logging
import shutil
from pathlib import Path

from parley.store import Store
from parley.ui.shell import PAGES, PAGES_DIR
from parley.ui.warm import load_code, page_modules, ready_data

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def test_the_modules_of_every_page_are_found_and_import():
    modules = page_modules(PAGES_DIR)
    assert {"parley.ui.shell", "parley.ui.packs", "parley.charts.scale", "parley.ui.coding.workspace"} <= set(modules)
    assert len(modules) == len(set(modules))
    assert all(name.startswith("parley") for name in modules)
    for name in modules:
        importlib.import_module(name)
    assert len(list(PAGES_DIR.glob("*.py"))) == len(PAGES)


def test_readying_imports_the_data_folder_and_reads_the_default_dataset(tmp_path, monkeypatch):
    shutil.copytree(MINI, tmp_path / "data" / "mini")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("PARLEY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PARLEY_DATABASE_URL", url)
    monkeypatch.setenv("PARLEY_DEFAULT_DATASET", "mini")
    gc.unfreeze()
    try:
        load_code()
        assert gc.get_freeze_count() > 100_000  # what was loaded is out of every later collection's walk
    finally:
        gc.unfreeze()
    assert Store(url).revisions() == {}  # the store is made, the folder not yet read
    ready_data()
    assert Store(url).revisions() == {"mini": 1}


def test_readying_builds_the_chart_the_app_opens_with_once(tmp_path, monkeypatch):
    import parley.charts.matrix as matrix
    from parley import urls
    from parley.selection import resolve
    from parley.ui import data, shell

    shutil.copytree(MINI, tmp_path / "data" / "mini")
    monkeypatch.setenv("PARLEY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PARLEY_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    monkeypatch.setenv("PARLEY_DEFAULT_DATASET", "mini")
    built, real = [], matrix.matrix_figure
    monkeypatch.setattr(matrix, "matrix_figure", lambda *args: built.append(args) or real(*args))
    ready_data()
    assert len(built) == 1
    # The first page's run resolves the same view and finds its matrix made.
    entries, load = data.catalog("mini")
    view = resolve(urls.parse("overview", {}), entries, load, "mini")
    results = shell.results_for(view)
    results.matrix(tuple(i.id for i in results.table.issues))  # the mini dataset's issues fit one page
    assert len(built) == 1


def test_a_failure_to_ready_the_data_is_logged_and_leaves_the_work_to_the_first_page(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("PARLEY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PARLEY_DATABASE_URL", "nosuchdriver://nowhere")
    with caplog.at_level(logging.ERROR, logger="parley"):
        load_code()
        ready_data()
    assert "opening the store failed; the first page run tries again" in caplog.text
    assert "readying the default dataset failed; the first page run does the work instead" in caplog.text
