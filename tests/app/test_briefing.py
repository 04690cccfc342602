"""Briefing mode under AppTest: the URL opens a screen, previous/next move through issues and the URL."""

from __future__ import annotations

import json
import re

import pytest

from tests.support.figures import chart_texts


def title(at) -> str:
    return at.title[-1].value


def chart_labels(at) -> str:
    """The one chart's texts (scale ends, gap summary), joined."""
    (chart,) = at.get("plotly_chart")
    fig = json.loads(chart.proto.spec)
    return " ".join(chart_texts(fig))


def param(at, key: str) -> str | None:
    return at.query_params.get(key)


def indicator(at) -> str:
    return next(m.value for m in at.markdown if re.fullmatch(r"\*\*\d+ / \d+\*\*", m.value))


def stances(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_mode_brief_opens_the_issue_named_in_the_url(open_app):
    at = open_app("briefing", mode="brief", issue="trade")
    assert title(at) == "Trade"
    assert "2 / 3" in indicator(at)
    assert "Keep all" in chart_labels(at) and "Lift all" in chart_labels(at)
    assert at.button(key="brief-exit").label == "Exit"
    assert not [t for t in at.title if t.value == "Briefing"]  # the page heading is left out in briefing mode
    text = stances(at)
    assert "Keep restrictions until the border is settled" in text and "Lift all restrictions" in text


def test_mode_brief_on_the_home_url_routes_to_the_briefing_page(open_app):
    at = open_app(None, mode="brief", issue="water")
    assert title(at) == "Water rights"
    assert "*not stated*" in [m.value for m in at.markdown]
    assert (param(at, "mode"), param(at, "issue")) == ("brief", "water")


def test_links_with_issue_names_open_the_same_screens_and_the_url_is_rewritten(open_app):
    # Older links named issues by their names; they open the same screen, and the URL gets the ids.
    at = open_app("briefing", mode="brief", issue="Border line", issues="Border line,Trade")
    assert not at.warning
    assert title(at) == "Border line"
    assert "1 / 2" in indicator(at)
    assert (param(at, "issue"), param(at, "issues")) == ("border", "border,trade")


@pytest.mark.parametrize(
    ("link", "screen", "of"),
    [
        ({"slide": "3"}, "Water rights", "3 / 3"),
        ({"issues": "border,trade", "slide": "2"}, "Trade", "2 / 2"),  # the n-th of the issues chosen
    ],
)
def test_an_old_slide_number_opens_that_screen_and_the_url_names_its_issue(open_app, link, screen, of):
    at = open_app("briefing", mode="brief", **link)
    assert not at.warning
    assert title(at) == screen and of in indicator(at)
    assert "slide" not in at.query_params
    assert param(at, "issue") == {"Water rights": "water", "Trade": "trade"}[screen]
    assert param(at, "issues") == link.get("issues")


def test_a_slide_number_past_the_end_says_so_and_opens_the_first(open_app):
    at = open_app("briefing", mode="brief", slide="9")
    assert [w.value for w in at.warning] == ["The link asks for screen 9, and there are 3\\: showing the first\\."]
    assert title(at) == "Border line"


def test_next_and_previous_change_the_issue_and_the_url(open_app):
    at = open_app("briefing", mode="brief", issue="border")
    assert title(at) == "Border line" and at.button(key="brief-prev").disabled
    at.button(key="brief-next").click().run()
    assert not at.exception
    assert title(at) == "Trade" and param(at, "issue") == "trade" and param(at, "mode") == "brief"
    assert "2 / 3" in indicator(at)
    at.button(key="brief-next").click().run()
    assert title(at) == "Water rights" and param(at, "issue") == "water"
    assert at.button(key="brief-next").disabled
    at.button(key="brief-prev").click().run()
    assert title(at) == "Trade" and param(at, "issue") == "trade"
    assert "Lift all" in chart_labels(at)


def test_page_up_and_page_down_move_like_previous_and_next(open_app):
    # A presentation clicker sends Page Up / Page Down: the hidden buttons those keys press.
    at = open_app("briefing", mode="brief", issue="border")
    at.button(key="brief-pagedown").click().run()
    assert title(at) == "Trade" and param(at, "issue") == "trade"
    at.button(key="brief-pageup").click().run()
    assert title(at) == "Border line" and param(at, "issue") == "border"


@pytest.mark.parametrize(
    "parties",
    [
        "blue,green",  # ids
        ["Blue", "Green"],  # an older link: one parameter per party, by name
    ],
)
def test_selection_parameters_stay_in_the_url_while_briefing(open_app, parties):
    at = open_app("briefing", mode="brief", issue="border", parties=parties, as_of="2025-02-05")
    text = stances(at)
    assert "Freeze the line where it is" in text and "Recognise" not in text
    assert param(at, "parties") == "blue,green" and param(at, "as_of") == "2025-02-05"
    at.button(key="brief-next").click().run()
    assert param(at, "issue") == "trade" and title(at) == "Trade"
    assert param(at, "parties") == "blue,green" and param(at, "as_of") == "2025-02-05"
    text = stances(at)
    assert "Keep restrictions until the border is settled" in text and "Lift all restrictions" not in text


def test_exit_and_start_briefing_toggle_the_mode(open_app):
    at = open_app("briefing", mode="brief", issue="trade")
    at.button(key="brief-exit").click().run()
    assert not at.exception
    assert "mode" not in at.query_params and param(at, "issue") == "trade"
    assert at.title[0].value == "Briefing" and title(at) == "Trade"
    assert [b.label for b in at.button if b.key and b.key.startswith("prep-")] == [
        "Prepare HTML pack",
        "Prepare slides",
        "Prepare PDF",
        "Prepare spreadsheet",
    ]
    at.button(key="brief-start").click().run()
    assert param(at, "mode") == "brief" and title(at) == "Trade"


def test_the_sidebars_start_briefing_link_carries_the_view(open_app):
    at = open_app("gaps", parties="blue,green", issues="trade,water")
    (link,) = [el for el in at.sidebar.get("page_link") if el.proto.label == "Start briefing"]
    assert link.proto.query_string == "dataset=mini&parties=blue%2Cgreen&mode=brief&issues=trade%2Cwater"


@pytest.mark.parametrize(
    ("kind", "files"),
    [("html", ["Download HTML"]), ("table", ["CSV", "Excel"])],
)
def test_pack_is_built_only_when_asked_for(open_app, downloads, kind, files):
    at = open_app("briefing", issue="border")
    assert not at.get("download_button") and not downloads
    at.button(key=f"prep-{kind}").click().run()
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == files
    suffixes = {"html": [".html"], "table": [".csv", ".xlsx"]}[kind]
    assert sorted(downloads) == [f"parley-briefing-mini-2025-03-01{suffix}" for suffix in suffixes]
    assert all(downloads.values())


def test_issues_parameter_narrows_the_briefing_and_the_picker_sets_it(open_app):
    at = open_app("briefing", mode="brief", issues="border,water", issue="water")
    assert title(at) == "Water rights" and "2 / 2" in indicator(at)
    at.button(key="brief-exit").click().run()
    assert at.multiselect(key="w_brief_issues").value == ["border", "water"]
    at.multiselect(key="w_brief_issues").set_value(["trade"]).run()
    assert not at.exception
    assert param(at, "issues") == "trade" and "issue" not in at.query_params
    assert title(at) == "Trade" and "1 / 1" in indicator(at)
