"""Long negotiations: Overview, Compare, Sources, Timeline and Documents show a page at a time, the page in the URL."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic import write_synthetic_dataset  # noqa: E402

from tests.support.tables import html_tables  # noqa: E402

QUOTE = "“Position stated in the generated record.”"


@pytest.fixture
def synthetic_root(tmp_path):
    """2 parties x 14 issues x 2 dates: 56 quotes from one source."""
    write_synthetic_dataset(tmp_path, parties=2, issues=14, dates=2)
    return tmp_path


def _issue_titles(at):
    return [m.value.split("\n")[0] for m in at.markdown if m.value.startswith("### ")]


def test_compare_shows_twelve_issues_a_page(open_app, synthetic_root):
    at = open_app("compare", synthetic_root)
    assert len(_issue_titles(at)) == 12
    assert "Issues 1–12 of 14." in [c.value for c in at.caption]
    assert at.get("pagination")[0].value == 1


@pytest.mark.parametrize("link", [{"page": "2"}, {"issues_page": "2"}])  # now, and as older links had it
def test_compare_page_from_the_url(open_app, synthetic_root, link):
    at = open_app("compare", synthetic_root, **link)
    assert _issue_titles(at) == ["### Issue 5", "### Issue 11"]  # the last two in group order
    assert "Issues 13–14 of 14." in [c.value for c in at.caption]
    assert at.query_params["page"] == "2" and "issues_page" not in at.query_params


def test_sources_lists_quotes_a_page_at_a_time(open_app, synthetic_root):
    at = open_app("sources", synthetic_root)
    quotes = [t.value for t in at.text if t.value.startswith("“")]
    assert quotes == [QUOTE] * 25
    assert any(c.value.startswith("56 quote(s) and summaries from this source") for c in at.caption)  # 2 x 14 x 2
    table = at.dataframe[0].value
    assert list(table["quotes"]) == [56] and list(table["summaries"]) == [0]


@pytest.mark.parametrize("link", [{"page": "3"}, {"quotes_page": "3"}])
def test_sources_page_from_the_url(open_app, synthetic_root, link):
    at = open_app("sources", synthetic_root, **link)
    assert [t.value for t in at.text if t.value.startswith("“")] == [QUOTE] * 6  # 56 = 25 + 25 + 6
    assert at.get("pagination")[0].value == 3
    assert at.query_params["page"] == "3"


def _change_headlines(at):
    return [m.value for m in at.markdown if m.value.startswith("#### ")]


def test_timeline_shows_twenty_changes_a_page(open_app, synthetic_root):
    at = open_app("timeline", synthetic_root)
    assert any("**28 position records**" in m.value for m in at.markdown)  # 2 parties x 14 issues, all changed
    assert len(_change_headlines(at)) == 20
    assert "Changes 1–20 of 28." in [c.value for c in at.caption]


def test_timeline_page_from_the_url_and_back_to_the_first_on_new_dates(open_app, synthetic_root):
    at = open_app("timeline", synthetic_root, page="2")
    assert len(_change_headlines(at)) == 8
    assert "Changes 21–28 of 28." in [c.value for c in at.caption]
    at.date_input(key="w_since").set_value(at.date_input(key="w_since").value.replace(day=2)).run()
    assert "page" not in at.query_params
    assert "Changes 1–20 of 28." in [c.value for c in at.caption]


@pytest.fixture
def many_issues(tmp_path):
    """2 parties x 24 issues x 2 dates: more issues than the matrix draws at a time."""
    write_synthetic_dataset(tmp_path, parties=2, issues=24, dates=2)
    return tmp_path


def _matrix_rows(at) -> list[str]:
    return json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["yaxis"]["ticktext"]


def test_overview_draws_twenty_issues_a_page(open_app, many_issues):
    at = open_app(None, many_issues)
    assert len(_matrix_rows(at)) == 20
    assert "Issues 1–20 of 24." in [c.value for c in at.caption]
    last = open_app(None, many_issues, page="2")
    assert len(_matrix_rows(last)) == 4 and "Issues 21–24 of 24." in [c.value for c in last.caption]
    assert not set(_matrix_rows(at)) & set(_matrix_rows(last))


def test_overview_lists_the_widest_overlaps_and_the_nearest_misses_and_counts_both(open_app, many_issues):
    at = open_app(None, many_issues)
    listed = next(m.value for m in at.markdown if "No overlap" in m.value).replace("\\", "")
    lines = [line.removeprefix("- ") for line in listed.split("\n")]
    # 8 overlaps and 16 misses in this dataset: the 3 widest overlaps, then the 3 nearest misses.
    assert lines == [
        "Issue 18 (overlap 50–62)",
        "Issue 15 (overlap 43–49)",
        "Issue 14 (overlap 44–49)",
        "No overlap on Issue 12 (ranges 3 points apart)",
        "No overlap on Issue 21 (ranges 6 points apart)",
        "No overlap on Issue 5 (ranges 6 points apart)",
    ]
    assert "Ranges meet on 8 issue(s) and miss on 16: Gaps shows every one." in [c.value for c in at.caption]


def test_documents_show_twenty_issues_a_page_and_download_them_all(open_app, many_issues, deferred):
    at = open_app("documents", many_issues)
    assert at.markdown[0].value.startswith("**4 documents on 24 issues**")
    assert len(html_tables(at.main)[0]) == 20 and "Issues 1–20 of 24." in [c.value for c in at.caption]
    as_of = at.session_state["_parley_view"].as_of.isoformat()
    csv = deferred[f"parley-documents-synthetic-{as_of}.csv"]().decode("utf-8-sig")
    assert len(csv.splitlines()) == 1 + 24  # the header and every issue, not only this page's
    second = open_app("documents", many_issues, page="2")
    assert len(html_tables(second.main)[0]) == 4


def _gap_rows(at) -> list[str]:
    (chart,) = at.get("plotly_chart")
    gaps = json.loads(chart.proto.spec)
    return [a["name"] for a in gaps["layout"]["annotations"] if a["name"].startswith("reading ")]


def test_timeline_charts_twelve_gap_rows_a_page_its_page_in_the_url(open_app, many_issues):
    at = open_app("timeline", many_issues, chart="gaps")
    assert len(_gap_rows(at)) == 12
    assert "Issues 1–12 of 24." in [c.value for c in at.caption]
    last = open_app("timeline", many_issues, gaps_page="2")
    assert len(_gap_rows(last)) == 12 and "Issues 13–24 of 24." in [c.value for c in last.caption]
    assert not set(_gap_rows(at)) & set(_gap_rows(last))
    assert last.query_params["gaps_page"] == "2"
