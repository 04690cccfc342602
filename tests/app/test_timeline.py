"""Timeline under AppTest: what changed between two dates, events, steps and gaps, driven by the URL."""

from __future__ import annotations

import json

import pytest

from tests.support.hostile import SCRIPT

THREE = "blue,red,green"


def figures(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def role(fig: dict, name: str) -> dict:
    return {t["meta"].get("party") or t["meta"].get("issue"): t for t in fig["data"] if t["meta"]["role"] == name}


def test_default_view_compares_the_last_event_with_the_as_of_date(open_app):
    at = open_app("timeline", parties=THREE)
    text = markdown(at)
    assert "after **01 Feb 2025** \\(Green briefs the press\\) up to **01 Mar 2025**" in text
    assert "#### Red · Border line\\: changed \\(60 → 90, \\+30\\)" in text
    assert "> “Red would accept a freeze before talks\\.”" in text  # before, with its quote
    assert "> “Red hardened again\\.”" in text  # after, with its quote
    assert [t.label for t in at.tabs] == ["Events", "Positions on one issue", "Gaps between two parties"]
    (events,) = figures(at)  # only the open tab's chart is drawn
    assert {t["meta"]["kind"] for t in events["data"]} == {"talks", "statement"}
    assert dict(at.query_params) == {"dataset": "mini", "parties": THREE}


def test_each_chart_opens_from_its_link(open_app):
    (steps,) = figures(open_app("timeline", parties=THREE, chart="positions"))
    red = role(steps, "step")["red"]
    assert red["line"]["shape"] == "hv" and red["y"] == [100, 60, 90, 90]
    assert [x[:10] for x in role(steps, "change")["red"]["x"]] == ["2025-01-12", "2025-02-01", "2025-02-20"]
    at = open_app("timeline", parties=THREE, chart="gaps")
    (gaps,) = figures(at)
    border = role(gaps, "gap")["border"]
    assert [y - border["meta"]["offset"] for y in border["y"]] == [90, 50, 80, 80]  # rows are offset up one axis
    assert dict(at.query_params) == {"dataset": "mini", "parties": THREE, "chart": "gaps"}


def test_the_positions_chart_shows_the_issue_with_the_most_records(open_app):
    at = open_app("timeline", parties=THREE, chart="positions")
    assert at.selectbox(key="w_focus").value == "border"
    assert at.query_params["chart"] == "positions"  # no issue chosen yet: the link names its tab


def charted(at) -> list[str]:
    """Which of Timeline's charts the page drew, by the roles of their traces."""
    shown = []
    for fig in figures(at):
        roles = {t["meta"]["role"] for t in fig["data"]}
        shown.append("gaps" if "gap" in roles else "positions" if "step" in roles else "events")
    return shown


@pytest.mark.parametrize(
    ("params", "shown"),
    [({"pair": "red,green"}, "gaps"), ({"gaps_page": "2"}, "gaps"), ({"focus": "trade"}, "positions"), ({}, "events")],
)
def test_a_link_without_a_chart_opens_the_one_its_choices_are_for(open_app, params, shown):
    at = open_app("timeline", parties=THREE, **params)
    assert charted(at) == [shown]
    assert "chart" not in at.query_params


def test_a_chart_the_timeline_does_not_have_is_named_and_the_events_shown(open_app):
    at = open_app("timeline", parties=THREE, chart="map")
    assert [w.value for w in at.warning] == [
        "The link asks for a chart Timeline does not have \\(“map”\\)\\: showing the events\\."
    ]
    assert charted(at) == ["events"]
    assert "chart" not in at.query_params


@pytest.mark.parametrize("issue", [{"focus": "trade"}, {"issue": "Trade"}])  # now, and as older links had it
def test_url_chooses_issue_window_and_period(open_app, issue):
    at = open_app(
        "timeline",
        parties=THREE,
        since="2025-01-11",
        until="2025-02-05",
        **issue,
        **{"from": "2025-01-20", "to": "2025-03-01"},
    )
    assert not at.warning
    text = markdown(at)
    assert "**4 position records** and **2 events**" in text
    assert "#### Red · Border line\\: newly stated" in text and "#### Green · Border line\\: newly stated" in text
    assert "First round of talks" in text  # events in the window are listed
    (steps,) = figures(at)  # the link names an issue: its positions open
    assert set(role(steps, "step")) == {"blue", "red"}  # Green never stated trade: no line
    assert role(steps, "step")["blue"]["x"][0][:10] == "2025-01-20"  # carried in from before the period
    assert "change" not in {t["meta"]["role"] for t in steps["data"]}  # no trade record inside the period
    assert at.selectbox(key="w_focus").value == "trade"
    assert at.date_input(key="w_since").value.isoformat() == "2025-01-11"
    assert at.date_input(key="w_start").value.isoformat() == "2025-01-20"
    # The URL names the issue by id under its current parameter; "to" at the as-of date is the default.
    assert dict(at.query_params) == {
        "dataset": "mini",
        "parties": THREE,
        "since": "2025-01-11",
        "until": "2025-02-05",
        "from": "2025-01-20",
        "focus": "trade",
    }
    period = {"from": "2025-01-20", "to": "2025-03-01"}
    (events,) = figures(open_app("timeline", parties=THREE, chart="events", **issue, **period))
    assert {t["meta"]["kind"] for t in events["data"]} == {"statement"}  # talks on 15 Jan is before "from"


def test_choosing_an_issue_and_a_pair_writes_them_into_the_url(open_app):
    at = open_app("timeline", parties=THREE, chart="positions")
    at.selectbox(key="w_focus").set_value("trade").run()
    assert dict(at.query_params) == {"dataset": "mini", "parties": THREE, "focus": "trade"}  # its tab follows
    assert set(role(figures(at)[0], "step")) == {"blue", "red"}
    at = open_app("timeline", parties=THREE, chart="gaps")
    at.selectbox(key="w_pair").set_value("red,green").run()
    assert dict(at.query_params) == {"dataset": "mini", "parties": THREE, "pair": "red,green"}
    assert "Distance between Red and Green" in markdown(at)


def test_withdrawal_and_new_statement_are_listed(open_app, history_root):
    at = open_app("timeline", history_root, parties=THREE, since="2025-02-05")
    text = markdown(at)
    assert "#### Blue · Border line\\: withdrawn" in text
    assert "**Withdrawn:** Border demand set aside pending talks" in text
    assert "#### Green · Trade\\: newly stated" in text
    assert "Outline agreement signed" in text
    (events,) = figures(at)
    assert "agreement" in {t["meta"]["kind"] for t in events["data"]}
    (steps,) = figures(open_app("timeline", history_root, parties=THREE, since="2025-02-05", chart="positions"))
    assert role(steps, "step")["blue"]["y"] == [10, 10]  # ends at the withdrawal, no line after
    (gaps,) = figures(open_app("timeline", history_root, parties=THREE, since="2025-02-05", chart="gaps"))
    assert "gap unknown" in " ".join(a["text"] for a in gaps["layout"]["annotations"])


def test_one_party_shows_no_gap_chart_but_no_error(open_app):
    at = open_app("timeline", parties="green", chart="gaps")
    assert figures(at) == []
    assert any("second party" in i.value for i in at.info)


def test_nothing_changed_says_so(open_app):
    at = open_app("timeline", since="2025-03-01")
    assert any("No position of the chosen parties" in i.value for i in at.info)


def test_the_evidence_filter_leaves_changes_out_and_says_how_many(open_app):
    at = open_app("timeline", parties=THREE, since="2025-01-11", basis="stated")
    # Red's two border changes are reported and Green's position is assessed: three left out, and counted.
    headlines = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headlines == ["#### Red · Border line\\: newly stated", "#### Red · Trade\\: newly stated"]
    assert "3 more change(s) left out by the evidence filter (only basis stated)." in [c.value for c in at.caption]


def test_hostile_text_stays_text(open_app, hostile_root):
    at = open_app("timeline", hostile_root, since="2025-01-01")
    assert SCRIPT not in markdown(at)
    for fig in figures(at):
        assert SCRIPT not in json.dumps(fig)
