"""The shell every page shares (dashboard.py + parley.ui.state): which datasets the sidebar
offers, how a broken dataset is reported, how a link's query parameters reopen a view, and
that a failing page shows a short message instead of a traceback."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from parley import tables

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
MINI = ROOT / "tests" / "fixtures" / "mini"
SECOND_TITLE = "Second mini negotiation"


def copy_mini(root: Path, name: str, title: str | None = None) -> Path:
    folder = root / name
    shutil.copytree(MINI, folder)
    if title:
        info = folder / "dataset.yaml"
        info.write_text(info.read_text(encoding="utf-8").replace("Mini negotiation (test fixture)", title))
    return folder


@pytest.fixture
def data_root(tmp_path, monkeypatch):
    """mini, a second good copy, a broken copy and a template folder that is not data."""
    copy_mini(tmp_path, "mini")
    copy_mini(tmp_path, "second", SECOND_TITLE)
    broken = copy_mini(tmp_path, "broken", "Broken copy")
    positions = broken / "positions.yaml"
    positions.write_text(positions.read_text(encoding="utf-8").replace("value: 60", "value: 160"), encoding="utf-8")
    copy_mini(tmp_path, "_template", "Template")
    monkeypatch.setenv("PARLEY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PARLEY_DEFAULT_DATASET", raising=False)
    return tmp_path


def app() -> AppTest:
    return AppTest.from_file(DASHBOARD, default_timeout=60)


def test_sidebar_offers_every_dataset_that_loads(data_root):
    at = app().run()
    assert not at.exception
    chooser = at.sidebar.selectbox(key="dataset")
    assert chooser.options == ["mini", "second"]  # not broken, not _template
    assert chooser.value == "mini"  # the first, as the bundled default is absent
    assert at.sidebar.caption[0].value == "Mini negotiation \\(test fixture\\)"  # its title, escaped


def test_default_dataset_from_the_environment(data_root, monkeypatch):
    monkeypatch.setenv("PARLEY_DEFAULT_DATASET", "second")
    at = app().run()
    assert at.sidebar.selectbox(key="dataset").value == "second"


def test_broken_dataset_is_named_with_its_problems(data_root):
    at = app().run()
    warnings = [w.value for w in at.sidebar.warning]
    assert warnings == ["1 dataset(s) not shown because of errors in their files."]
    assert [e.label for e in at.sidebar.expander] == ["Problems in broken"]
    problems = [t.value for t in at.sidebar.expander[0].text]
    assert problems == [
        "positions.yaml, line 36: position 4 (red on border, 2025-02-01), field 'value': "
        "160 is above the maximum of 100. Fix: use a number from 0 to 100 on the issue's scale"
    ]
    # The good datasets are still served.
    assert at.session_state["_parley_view"].dataset_id == "mini"
    assert not at.main.error


def test_only_broken_datasets_say_so(tmp_path, monkeypatch):
    broken = copy_mini(tmp_path, "broken")
    (broken / "parties.yaml").unlink()
    monkeypatch.setenv("PARLEY_DATA_DIR", str(tmp_path))
    at = app().run()
    assert not at.exception
    assert at.sidebar.error[0].value == f"No dataset could be loaded from {tmp_path}."
    assert [t.value for t in at.sidebar.expander[0].text] == [
        "parties.yaml: the file is missing. Fix: create parties.yaml in the dataset folder "
        "(data/CODEBOOK.md describes it)"
    ]
    assert at.main.info[0].value.startswith("Add a dataset folder to the data directory")


def test_empty_data_directory_explains_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_DATA_DIR", str(tmp_path))
    at = app().run()
    assert not at.exception
    assert at.main.title[0].value == "Parley"
    assert "data/CODEBOOK.md" in at.main.info[0].value


def test_query_parameters_open_that_view(data_root):
    # A link carries the dataset's folder id, the parties' short names and the date.
    at = app()
    at.query_params["dataset"] = "second"
    at.query_params["parties"] = ["Red", "Green"]
    at.query_params["as_of"] = "2025-02-01"
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    assert at.sidebar.selectbox(key="dataset").value == "second"
    assert at.sidebar.multiselect(key="parties").value == ["red", "green"]
    assert at.sidebar.date_input(key="as_of").value == dt.date(2025, 2, 1)
    view = at.session_state["_parley_view"]
    assert (view.dataset_id, view.parties, view.as_of) == ("second", ["red", "green"], dt.date(2025, 2, 1))
    assert at.main.title[0].value == "Sources"
    # The view state feeds the pages: as of 1 February Red's border position is the freeze.
    current = view.current()
    red = current[(current["party"] == "red") & (current["issue"] == "border")]
    assert list(red["value"]) == [60]


def test_without_query_parameters_the_dataset_defaults_apply(data_root):
    at = app().run()
    view = at.session_state["_parley_view"]
    assert (view.parties, view.as_of) == (["blue", "red"], dt.date(2025, 3, 1))


def test_a_failing_page_shows_a_short_error_not_a_traceback(data_root, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(tables, "sources_in_view", broken)
    at = app().switch_page("pages/sources.py").run()
    assert not at.exception  # no traceback element reaches the reader
    assert [e.value for e in at.main.error] == [
        "The Sources page could not be drawn. The other pages still work; "
        "if this persists, check the dataset files for the problem named in the server log."
    ]
    everything = " ".join(str(getattr(el, "value", "")) for el in at.main)
    assert "secret internal detail" not in everything
    assert at.sidebar.selectbox(key="dataset").value == "mini"  # the shell still works
