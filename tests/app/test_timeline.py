"""Timeline under AppTest: what changed between two dates, events, steps and gaps, driven by the URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.history import write_history_dataset
from tests.support.hostile import SCRIPT, write_hostile_dataset

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def timeline(monkeypatch, data_dir: Path = FIXTURES, **params) -> AppTest:
    monkeypatch.setenv("PARLEY_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update({k: v for k, v in params.items() if k in ("parties", "as_of", "dataset")})
    at.run()
    at.switch_page("pages/timeline.py")
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def role(fig: dict, name: str) -> dict:
    return {t["meta"].get("party") or t["meta"].get("issue"): t for t in fig["data"] if t["meta"]["role"] == name}


def test_default_view_compares_the_last_event_with_the_as_of_date(monkeypatch):
    at = timeline(monkeypatch, parties=["Blue", "Red", "Green"])
    text = markdown(at)
    assert "after **01 Feb 2025** \\(Green briefs the press\\) up to **01 Mar 2025**" in text
    assert "#### Red · Border line: changed \\(60 → 90, \\+30\\)" in text
    assert "> Red would accept a freeze before talks\\." in text  # before, with its quote
    assert "> Red hardened again\\." in text  # after, with its quote
    events, steps, gaps = figures(at)
    assert {t["meta"]["kind"] for t in events["data"]} == {"talks", "statement"}
    red = role(steps, "step")["red"]
    assert red["line"]["shape"] == "hv" and red["y"] == [100, 60, 90, 90]
    assert [x[:10] for x in role(steps, "change")["red"]["x"]] == ["2025-01-12", "2025-02-01", "2025-02-20"]
    assert role(gaps, "gap")["border"]["y"] == [90, 50, 80, 80]


def test_url_chooses_issue_window_and_period(monkeypatch):
    at = timeline(
        monkeypatch,
        parties=["Blue", "Red", "Green"],
        since="2025-01-11",
        until="2025-02-05",
        issue="Trade",
        **{"from": "2025-01-20", "to": "2025-03-01"},
    )
    text = markdown(at)
    assert "**4 position records** and **2 events**" in text
    assert "#### Red · Border line: newly stated" in text and "#### Green · Border line: newly stated" in text
    assert "First round of talks" in text  # events in the window are listed
    events, steps, _ = figures(at)
    assert {t["meta"]["kind"] for t in events["data"]} == {"statement"}  # talks on 15 Jan is before "from"
    assert set(role(steps, "step")) == {"blue", "red"}  # Green never stated trade: no line
    assert role(steps, "step")["blue"]["x"][0][:10] == "2025-01-20"  # carried in from before the period
    assert "change" not in {t["meta"]["role"] for t in steps["data"]}  # no trade record inside the period
    assert at.selectbox(key="issue").value == "trade"


def test_withdrawal_and_new_statement_are_listed(monkeypatch, tmp_path):
    write_history_dataset(tmp_path)
    at = timeline(monkeypatch, tmp_path, parties=["Blue", "Red", "Green"], since="2025-02-05")
    text = markdown(at)
    assert "#### Blue · Border line: withdrawn" in text
    assert "**Withdrawn:** Border demand set aside pending talks" in text
    assert "#### Green · Trade: newly stated" in text
    assert "Outline agreement signed" in text
    events, steps, gaps = figures(at)
    assert "agreement" in {t["meta"]["kind"] for t in events["data"]}
    assert role(steps, "step")["blue"]["y"] == [10, 10]  # ends at the withdrawal, no line after
    assert "gap unknown" in " ".join(a["text"] for a in gaps["layout"]["annotations"])


def test_one_party_shows_no_gap_section_but_no_error(monkeypatch):
    at = timeline(monkeypatch, parties=["Green"])
    assert len(figures(at)) == 2
    assert any("second party" in i.value for i in at.info)


@pytest.mark.parametrize("since", ["2025-03-01"])
def test_nothing_changed_says_so(monkeypatch, since):
    at = timeline(monkeypatch, since=since)
    assert any("No position of the chosen parties" in i.value for i in at.info)


def test_hostile_text_stays_text(monkeypatch, tmp_path):
    write_hostile_dataset(tmp_path)
    at = timeline(monkeypatch, tmp_path, since="2025-01-01")
    assert SCRIPT not in markdown(at)
    for fig in figures(at):
        assert SCRIPT not in json.dumps(fig)
