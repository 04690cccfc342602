"""Long negotiations: Compare and Sources show their lists a page at a time, the page in the URL."""

import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic import write_synthetic_dataset  # noqa: E402


@pytest.fixture
def app(tmp_path, monkeypatch):
    write_synthetic_dataset(tmp_path, parties=2, issues=14, dates=2)
    monkeypatch.setenv("PARLEY_DATA_DIR", str(tmp_path))
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)


def _issue_titles(at):
    return [m.value for m in at.markdown if m.value.startswith("### ")]


def test_compare_shows_twelve_issues_a_page(app):
    at = app.switch_page("pages/compare.py").run()
    assert not at.exception
    assert len(_issue_titles(at)) == 12
    assert "Issues 1–12 of 14" in [c.value for c in at.caption]


def test_compare_page_from_the_url(app):
    app.query_params["issues_page"] = "2"
    at = app.switch_page("pages/compare.py").run()
    assert _issue_titles(at) == ["### Issue 5", "### Issue 11"]  # the last two in group order


def test_sources_lists_quotes_a_page_at_a_time(app):
    at = app.switch_page("pages/sources.py").run()
    assert not at.exception
    quotes = [t.value for t in at.text if t.value.startswith("“")]
    assert len(quotes) == 25
    assert any(c.value.startswith("56 quote(s) from this source") for c in at.caption)  # 2 x 14 x 2
