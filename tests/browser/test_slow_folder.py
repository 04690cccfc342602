"""A reader who opens a dataset before its folder has been read sees why the page waits, then the
dataset itself, without reloading."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.support.browser import exceptions, start_server, wait_for_app_run, wait_for_charts

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic import write_synthetic_dataset  # noqa: E402

MINI = ROOT / "tests" / "fixtures" / "mini"
NOTICE = "is still being read"


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory):
    """The mini dataset beside 60,000 generated positions, which take 10 s or more to import: the
    page must open before they are read, even on a busy machine (20,000 were read in 3.7 s, before
    a browser starting beside the test run had asked for the page)."""
    root = tmp_path_factory.mktemp("slow-data")
    shutil.copytree(MINI, root / "mini")
    write_synthetic_dataset(root, parties=10, issues=40, dates=150)
    server = start_server(root, {"PARLEY_DEFAULT_DATASET": "mini"}, name="slow-folder")
    yield server
    server.stop()


def test_a_page_opened_while_its_folder_is_read_opens_the_dataset_once_it_is(slow_server, page):
    page.goto(f"{slow_server.url}/?dataset=synthetic")
    notice = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').filter(has_text=NOTICE)
    notice.wait_for(timeout=60_000)
    assert "The dataset “synthetic” named in the link is still being read (" in notice.inner_text()
    assert "s so far): this page opens it as soon as it is read." in notice.inner_text()
    page.evaluate("window.__sameDocument = true")
    wait_for_app_run(page, 240_000)
    assert wait_for_charts(page) == 1
    assert page.evaluate("window.__sameDocument") is True  # no reload
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "Synthetic 10x40x150" in main and NOTICE not in main
    assert exceptions(page) == []
