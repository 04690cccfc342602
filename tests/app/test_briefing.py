"""Briefing mode under AppTest: the URL opens a screen, previous/next move through issues and the URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def brief(monkeypatch, page: str | None = "briefing", **params) -> AppTest:
    monkeypatch.setenv("PARLEY_DATA_DIR", str(FIXTURES))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update(params)
    if page:
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def title(at: AppTest) -> str:
    return at.title[-1].value


def chart_labels(at: AppTest) -> str:
    """The one chart's annotation texts (scale ends, gap summary), joined."""
    (chart,) = at.get("plotly_chart")
    fig = json.loads(chart.proto.spec)
    return " ".join(a.get("text", "") for a in fig["layout"].get("annotations", []))


def param(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def indicator(at: AppTest) -> str:
    return next(m.value for m in at.markdown if " / " in m.value and "<div" in m.value)


def test_mode_brief_opens_the_issue_named_in_the_url(monkeypatch):
    at = brief(monkeypatch, mode="brief", issue="trade")
    assert title(at) == "Trade"
    assert "2 / 3" in indicator(at)
    assert "Keep all" in chart_labels(at) and "Lift all" in chart_labels(at)
    assert at.button(key="brief-exit").label == "Exit briefing"
    assert not [t for t in at.title if t.value == "Briefing"]  # the page heading is left out in briefing mode
    stances = "\n".join(m.value for m in at.markdown)
    assert "Keep restrictions until the border is settled" in stances and "Lift all restrictions" in stances


def test_mode_brief_on_the_home_url_routes_to_the_briefing_page(monkeypatch):
    at = brief(monkeypatch, page=None, mode="brief", issue="water")
    assert title(at) == "Water rights"
    assert "*not stated*" in [m.value for m in at.markdown]


def test_links_from_gaps_and_timeline_name_issues_by_name(monkeypatch):
    # Their bound widgets write the issue's name to the URL; briefing reads names as well as ids.
    at = brief(monkeypatch, mode="brief", issue="Border line", issues="Border line,Trade")
    assert title(at) == "Border line"
    assert "1 / 2" in indicator(at)


def test_slide_number_opens_that_screen(monkeypatch):
    at = brief(monkeypatch, mode="brief", slide="3")
    assert title(at) == "Water rights"


def test_next_and_previous_change_the_issue_and_the_url(monkeypatch):
    at = brief(monkeypatch, mode="brief", issue="border")
    assert title(at) == "Border line" and at.button(key="brief-prev").disabled
    at.button(key="brief-next").click().run()
    assert not at.exception
    assert title(at) == "Trade" and param(at, "issue") == ["trade"] and param(at, "mode") == ["brief"]
    assert "2 / 3" in indicator(at)
    at.button(key="brief-next").click().run()
    assert title(at) == "Water rights" and param(at, "issue") == ["water"]
    assert at.button(key="brief-next").disabled
    at.button(key="brief-prev").click().run()
    assert title(at) == "Trade" and param(at, "issue") == ["trade"]
    assert "Lift all" in chart_labels(at)


def test_selection_parameters_stay_in_the_url_while_briefing(monkeypatch):
    at = brief(monkeypatch, mode="brief", issue="border", parties=["Blue", "Green"], as_of="2025-02-05")
    text = "\n".join(m.value for m in at.markdown)
    assert "Freeze the line where it is" in text and "Recognise" not in text
    assert param(at, "parties") == ["Blue", "Green"] and param(at, "as_of") == ["2025-02-05"]
    at.button(key="brief-next").click().run()
    assert param(at, "issue") == ["trade"] and title(at) == "Trade"
    text = "\n".join(m.value for m in at.markdown)
    assert "Keep restrictions until the border is settled" in text and "Lift all restrictions" not in text


def test_exit_and_start_briefing_toggle_the_mode(monkeypatch):
    at = brief(monkeypatch, mode="brief", issue="trade")
    at.button(key="brief-exit").click().run()
    assert not at.exception
    assert "mode" not in at.query_params and param(at, "issue") == ["trade"]
    assert at.title[0].value == "Briefing" and title(at) == "Trade"
    assert [b.label for b in at.button if b.key and b.key.startswith("prep-")] == [
        "Prepare HTML pack",
        "Prepare slides",
        "Prepare spreadsheet",
    ]
    at.button(key="brief-start").click().run()
    assert param(at, "mode") == ["brief"]


@pytest.mark.parametrize("kind", ["html", "table"])
def test_pack_is_built_only_when_asked_for(monkeypatch, kind):
    at = brief(monkeypatch, issue="border")
    assert not at.get("download_button")
    at.button(key=f"prep-{kind}").click().run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == (["Download HTML"] if kind == "html" else ["CSV", "Excel"])


def test_issues_parameter_narrows_the_briefing_and_the_picker_sets_it(monkeypatch):
    at = brief(monkeypatch, mode="brief", issues="border,water", issue="water")
    assert title(at) == "Water rights" and "2 / 2" in indicator(at)
    at.button(key="brief-exit").click().run()
    assert at.multiselect(key="brief_issues").value == ["border", "water"]
    at.multiselect(key="brief_issues").set_value(["trade"]).run()
    assert not at.exception
    assert param(at, "issues") == ["trade"] and title(at) == "Trade" and "1 / 1" in indicator(at)
