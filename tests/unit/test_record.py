"""Positions in force as of a date: the latest on or before it; withdrawn drops out; a party
with no record is "not stated", never zero; a position the evidence filter leaves out is
"left out", never "not stated" and never replaced by an older one."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from parley.evidence import Cited, weakness
from parley.filters import NO_FILTER, Filters
from parley.model import Source
from parley.record import in_force, table
from parley.wording import LEFT_OUT, NOT_STATED, standing_coding

END = dt.date(2025, 3, 1)


def value(ds, party: str, issue: str, as_of: dt.date) -> float | None:
    position = in_force(ds, as_of).get((party, issue))
    return None if position is None else position.value


def standings(ds, parties, as_of=END, filters=NO_FILTER):
    t = table(ds, in_force(ds, as_of), as_of, parties, filters)
    return {key: t.cells[key] for key in t.cells}


def test_latest_position_on_or_before_the_date(mini):
    # Red on the border: 100 on 12 Jan, 60 on 1 Feb, 90 on 20 Feb.
    assert value(mini, "red", "border", dt.date(2025, 1, 11)) is None
    assert value(mini, "red", "border", dt.date(2025, 1, 12)) == 100
    assert value(mini, "red", "border", dt.date(2025, 1, 31)) == 100
    assert value(mini, "red", "border", dt.date(2025, 2, 1)) == 60  # on the day counts
    assert value(mini, "red", "border", dt.date(2025, 2, 19)) == 60
    assert value(mini, "red", "border", END) == 90


def test_one_standing_per_party_and_issue(mini):
    current = in_force(mini, END)
    assert sorted(current) == [
        ("blue", "border"), ("blue", "trade"), ("green", "border"), ("red", "border"), ("red", "trade"),
    ]  # fmt: skip
    assert all((p.party, p.issue) == key for key, p in current.items())
    t = table(mini, current, END, ["blue", "red", "green"])
    assert [i.id for i in t.issues] == ["border", "trade", "water"]
    assert [p.id for p in t.parties] == ["blue", "red", "green"]
    for issue, row in t.rows():
        assert [(s.issue.id, s.party.id) for s in row] == [(issue.id, p) for p in ("blue", "red", "green")]


def test_before_any_position_nothing_is_in_force(mini):
    assert in_force(mini, dt.date(2024, 12, 31)) == {}


def test_withdrawn_position_drops_out_from_its_date(history):
    # history: Blue withdraws its border position (10) on 25 Feb.
    assert value(history, "blue", "border", dt.date(2025, 2, 24)) == 10
    assert ("blue", "border") not in in_force(history, dt.date(2025, 2, 25))
    border = standings(history, ["blue"])[("border", "blue")]
    assert border.state == "not stated" and border.position is None
    assert standing_coding(border) == NOT_STATED
    assert not border.shown and border.value is None and border.acceptable is None


def test_not_stated_is_never_zero(mini):
    cells = standings(mini, ["blue", "red", "green"])
    assert len(cells) == 3 * 3  # every issue x party cell is there, stated or not
    water = [cells[("water", p)] for p in ("blue", "red", "green")]
    assert [s.state for s in water] == ["not stated"] * 3
    assert [standing_coding(s) for s in water] == [NOT_STATED] * 3
    assert all(s.value is None and not s.placed for s in water)
    green_trade = cells[("trade", "green")]
    assert green_trade.state == "not stated" and green_trade.value is None
    stated = [s for s in cells.values() if s.state == "stated"]
    assert len(stated) == 5 and all(s.value is not None for s in stated)
    assert all(s.value != 0 for s in cells.values())  # nothing in the fixture is coded 0, so no 0 may appear


def test_matrix_before_any_position_is_all_not_stated(mini):
    cells = standings(mini, ["blue", "red"], as_of=dt.date(2025, 1, 1))
    assert len(cells) == 3 * 2
    assert {s.state for s in cells.values()} == {"not stated"}
    assert all(s.value is None for s in cells.values())


def test_standing_carries_range_salience_and_evidence(mini):
    red = standings(mini, ["red"], as_of=dt.date(2025, 2, 19))[("border", "red")]
    assert red.position.date == dt.date(2025, 2, 1)
    assert (red.acceptable, red.position.salience) == ((50, 90), 0.8)
    first = red.cited[0]
    assert first.text == "Red would accept a freeze before talks." and first.is_quote
    assert first.source.title == "Green mediator briefing"
    green = standings(mini, ["green"])[("border", "green")]
    assert green.position.basis == "assessed" and green.position.evidence == [] and green.cited == ()
    assert green.state == "stated" and green.value == 50  # assessed, no evidence, still shown
    assert green.weakness == ""  # no evidence is not "weakly sourced": the note explains the coding


# --- the evidence filter -----------------------------------------------------------------------


def test_position_left_out_by_basis_is_left_out_not_replaced_by_an_older_one(mini):
    # Red's border position in force is the reported one of 20 Feb; the stated one of 12 Jan is older.
    cells = standings(mini, ["blue", "red", "green"], filters=Filters(basis=frozenset({"stated"})))
    red = cells[("border", "red")]
    assert red.state == "left out" and red.left_out == "basis reported"
    assert red.position.date == dt.date(2025, 2, 20)  # the position in force, not the older stated one
    assert not red.shown and red.value is None and red.acceptable is None and not red.placed
    assert standing_coding(red) == f"{LEFT_OUT} (basis reported)"
    assert cells[("border", "green")].left_out == "basis assessed"
    assert cells[("border", "blue")].state == "stated" and cells[("border", "blue")].value == 10
    assert cells[("water", "red")].state == "not stated"  # the filter never turns "not stated" into anything else


def test_position_left_out_by_reliability_names_the_reliability_it_has(mini):
    cells = standings(mini, ["blue", "red", "green"], filters=Filters(reliability=frozenset({"high"})))
    red_trade = cells[("trade", "red")]  # Red position paper: medium reliability
    assert red_trade.state == "left out" and red_trade.left_out == "medium-reliability sources only"
    assert red_trade.value is None and red_trade.position.value == 100
    assert standing_coding(red_trade) == f"{LEFT_OUT} (medium-reliability sources only)"
    green = cells[("border", "green")]  # assessed, no evidence at all
    assert green.state == "left out" and green.left_out == "no source"
    assert cells[("border", "red")].state == "stated"  # Green mediator briefing: high
    assert cells[("water", "blue")].state == "not stated"
    left = table(mini, in_force(mini, END), END, ["blue", "red", "green"], Filters(reliability=frozenset({"high"})))
    assert sorted((s.issue.id, s.party.id) for s in left.left_out()) == [("border", "green"), ("trade", "red")]


def test_filter_allowing_the_reliability_shows_the_position(mini):
    cells = standings(mini, ["red"], filters=Filters(reliability=frozenset({"medium", "low"})))
    assert cells[("trade", "red")].state == "stated" and cells[("trade", "red")].value == 100
    assert cells[("border", "red")].left_out == "high-reliability sources only"


# --- weakly sourced ------------------------------------------------------------------------------


def source(reliability: str) -> Source:
    return Source(
        id=f"{reliability}-page",
        title=f"A {reliability} page",
        publisher="Someone",
        date=dt.date(2025, 1, 1),
        kind="news_report",
        reliability=reliability,
    )


def quote(reliability: str) -> Cited:
    return Cited(source(reliability), "Their own words.", is_quote=True)


def summary(reliability: str) -> Cited:
    return Cited(source(reliability), "What they meant.", is_quote=False)


@pytest.mark.parametrize(
    ("cited", "expected"),
    [
        ((quote("low"),), "only low-reliability sources"),
        ((quote("low"), quote("low")), "only low-reliability sources"),
        ((summary("high"),), "only summaries, no verbatim quote"),
        ((summary("high"), summary("medium")), "only summaries, no verbatim quote"),
        ((summary("low"),), "only summaries of low-reliability sources"),
        ((quote("low"), summary("high")), ""),  # a quote, and a source that is not low
        ((quote("low"), quote("medium")), ""),
        ((quote("high"),), ""),
        ((), ""),
    ],
)
def test_weakness(cited, expected):
    assert weakness(cited) == expected


def test_standing_is_weakly_sourced_only_while_shown(mini):
    red = standings(mini, ["red"])[("border", "red")]
    assert red.weakness == ""  # Green mediator briefing: high reliability, a verbatim quote
    weak = replace(red, cited=(quote("low"),))
    assert weak.weakness == "only low-reliability sources"
    assert replace(weak, left_out="basis reported").weakness == ""  # left out: nothing is shown to mark
