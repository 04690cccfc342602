"""Overview, Compare and Gaps under AppTest on the mini fixture: they draw, say what the data says,
and follow the URL's query parameters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.hostile import write_hostile_dataset

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _headers(fig: dict) -> list[str]:
    """The matrix column headers as a reader sees them, without their colour markup."""
    return [re.sub(r"<[^>]+>", "", t) for t in fig["layout"]["xaxis"]["ticktext"]]


def app(monkeypatch, data_dir: Path = FIXTURES, **params) -> AppTest:
    monkeypatch.setenv("PARLEY_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def annotations(fig: dict) -> list[str]:
    return [a["text"].replace("<br>", " ") for a in fig["layout"].get("annotations", [])]


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_overview_shows_headline_and_matrix(monkeypatch):
    at = open_page(app(monkeypatch), "overview")
    text = markdown(at)
    assert "01 March 2025" in text
    assert "Border line\\: 80 points \\(Blue ↔ Red\\)" in text  # escaped markdown of the widest gap
    (fig,) = figures(at)
    assert _headers(fig) == ["Blue", "Red"]
    labels = annotations(fig)
    assert "Restore the old line" in labels and "Recognise the new line after all" in labels
    assert labels.count("<i>not stated</i>") == 2  # water rights, both parties


def test_query_params_choose_the_parties_and_the_date(monkeypatch):
    at = open_page(app(monkeypatch, parties=["Blue", "Red", "Green"], as_of="2025-02-05"), "overview")
    (fig,) = figures(at)
    assert _headers(fig) == ["Blue", "Red", "Green"]
    labels = annotations(fig)
    assert "Freeze the line, then talk" in labels  # Red's border position on 5 Feb
    assert "Recognise the new line after all" not in labels
    assert "05 February 2025" in markdown(at)


def test_gaps_page_draws_scale_and_ranked_charts_and_names_the_mean_gap(monkeypatch):
    at = open_page(app(monkeypatch, parties=["Blue", "Green"]), "gaps")
    scale, ranked = figures(at)
    points = {
        (issue, t["text"][n]): t["x"][n]
        for t in scale["data"]
        if t.get("meta", {}).get("role") == "point"
        for n, issue in enumerate(t["customdata"])
    }
    assert points == {("border", "Blue"): 10, ("border", "Green"): 50, ("trade", "Blue"): 20}
    assert "overlap 40–50" in annotations(scale)
    assert "gap unknown · not stated: Green" in annotations(scale)  # trade: only Blue placed, never a 0 gap
    assert ranked["data"][0]["y"] == ["Border line"]
    assert "Blue and Green are 40 points apart on average, over 1 shared issue\\." in [m.value for m in at.markdown]


def test_gaps_page_with_three_parties_draws_the_distance_matrix(monkeypatch):
    at = open_page(app(monkeypatch, parties=["Blue", "Red", "Green"]), "gaps")
    distance = figures(at)[2]
    assert distance["layout"]["title"]["text"].startswith("Mean gap between parties")
    assert "80" in annotations(distance) and "—" in annotations(distance)


def test_gaps_issue_filter_is_bound_to_the_url(monkeypatch):
    at = open_page(app(monkeypatch, issues="Trade"), "gaps")
    scale = figures(at)[0]
    assert "<b>Trade</b>" in annotations(scale)
    assert "<b>Border line</b>" not in annotations(scale)
    assert at.multiselect(key="issues").value == ["trade"]
    # AppTest does not write widget changes back to its query_params (the browser does; the
    # browser tests check that direction), so here: the widget drives the chart.
    at.multiselect(key="issues").set_value(["border", "water"]).run()
    assert "<b>Trade</b>" not in annotations(figures(at)[0])
    assert "<b>Water rights</b>" in annotations(figures(at)[0])


def test_compare_shows_each_partys_evidence_and_the_gap(monkeypatch):
    at = open_page(app(monkeypatch, parties=["Blue", "Red", "Green"]), "compare")
    text = markdown(at)
    assert "Gap 80 points\\: Blue 10 ↔ Red 90" in text
    assert "*“We want the old line restored”*" in text
    assert "Red hardened again\\." in text
    assert "open source" in text and "https://example.org/red-paper" in text
    assert "*Analyst coding*: Inferred from Green" in text
    assert "not stated" in text
    assert [h.value for h in at.markdown if h.value.startswith("#### ")][:3] == ["#### Blue", "#### Red", "#### Green"]


def test_compare_group_filter_is_bound_to_the_url(monkeypatch):
    at = open_page(app(monkeypatch, group="Economy"), "compare")
    headings = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert headings == ["### Trade", "### Water rights"]
    at.multiselect(key="group").set_value(["Territory"]).run()
    assert [m.value for m in at.markdown if m.value.startswith("### ")] == ["### Border line"]


@pytest.mark.parametrize("page", ["overview", "compare", "gaps"])
def test_planted_markup_in_the_data_shows_as_text(monkeypatch, tmp_path, page):
    write_hostile_dataset(tmp_path)
    at = open_page(app(monkeypatch, data_dir=tmp_path), page)
    for m in at.markdown:
        assert "<script" not in m.value and "<img" not in m.value and "](javascript" not in m.value
    for fig in figures(at):
        dumped = json.dumps(fig, ensure_ascii=False)
        assert "<script" not in dumped and "<img" not in dumped
