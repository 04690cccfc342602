"""The codebook's rules that a machine can check: one test per rule, each with its message.

Two kinds of evidence: a verbatim quote (checked against the source's kept text) and a summary
(someone else's words about the source). Only quotes can make a position `stated`.
"""

from __future__ import annotations

from parley.load import load_dataset
from tests.unit.test_load_errors import broken_copy, line_of, only_problem

RED_TRADE = "    - {source: red-paper, quote: All restrictions must go.}\n"


def test_a_summary_is_evidence_of_its_own_kind(tmp_path):
    summary = "    - {source: red-paper, summary: The paper says Red wants every restriction lifted.}\n"
    folder = broken_copy(tmp_path, "positions.yaml", RED_TRADE, RED_TRADE + summary)
    result = load_dataset(folder)
    assert result.ok, result.problems
    trade = next(p for p in result.dataset.positions if (p.party, p.issue) == ("red", "trade"))
    quote, summarised = trade.evidence
    assert (quote.is_quote, quote.text) == (True, "All restrictions must go.")
    assert (summarised.is_quote, summarised.summary) == (False, "The paper says Red wants every restriction lifted.")


def test_evidence_with_both_a_quote_and_a_summary(tmp_path):
    both = "    - {source: red-paper, quote: All restrictions must go., summary: Red wants them lifted.}\n"
    problem = only_problem(broken_copy(tmp_path, "positions.yaml", RED_TRADE, both))
    assert (problem.item, problem.field) == ("position 6 (red on trade, 2025-01-12)", "evidence.0")
    assert problem.message == (
        "an evidence entry needs either quote: (the source's own words) or summary: (reporting in other words), "
        "not both and not neither"
    )
    assert problem.fix == "keep one of the two, or split the entry in two"


def test_evidence_with_neither_a_quote_nor_a_summary(tmp_path):
    problem = only_problem(broken_copy(tmp_path, "positions.yaml", RED_TRADE, "    - {source: red-paper}\n"))
    assert problem.field == "evidence.0"
    assert problem.message.startswith("an evidence entry needs either quote:")


def test_stated_needs_a_verbatim_quote_not_only_summaries(tmp_path):
    summary = "    - {source: red-paper, summary: Red wants every restriction lifted.}\n"
    problem = only_problem(broken_copy(tmp_path, "positions.yaml", RED_TRADE, summary))
    assert (problem.item, problem.field) == ("position 6 (red on trade, 2025-01-12)", "evidence")
    assert problem.message == ("a stated position needs at least one verbatim quote, and this one has only summaries")
    assert problem.fix == (
        "a position whose evidence is only summaries is at most reported; add the party's words as quote: or set "
        "basis: reported"
    )


def test_a_position_resting_on_summaries_may_be_reported(tmp_path):
    summary = "    - {source: red-paper, summary: Red wants every restriction lifted.}\n"
    folder = broken_copy(tmp_path, "positions.yaml", RED_TRADE, summary)
    text = (folder / "positions.yaml").read_text(encoding="utf-8")
    marker = "  stance: Lift all restrictions\n  value: 100\n  basis: stated"
    (folder / "positions.yaml").write_text(text.replace(marker, marker.replace("stated", "reported")), "utf-8")
    assert load_dataset(folder).ok


def test_a_quote_needs_a_kept_text_to_be_checked_against(tmp_path):
    folder = broken_copy(tmp_path, "sources.yaml", "  text_file: sources/red-paper.txt\n", "")
    result = load_dataset(folder)
    assert {(p.item, p.field) for p in result.problems} == {
        ("position 3 (red on border, 2025-01-12)", "evidence.0.quote"),
        ("position 6 (red on trade, 2025-01-12)", "evidence.0.quote"),
    }
    problem = result.problems[0]
    assert problem.message == "the quote cannot be checked: source 'red-paper' has no kept text"
    assert problem.fix == "keep the page's words in a text_file for that source, or write the evidence as summary:"


def test_a_value_between_anchors_needs_a_reason(tmp_path):
    reason = "  value_reason: Close to the old line, but Blue could accept a frozen line for now.\n"
    folder = broken_copy(tmp_path, "positions.yaml", reason, "")
    problem = only_problem(folder)
    assert (problem.item, problem.field) == ("position 1 (blue on border, 2025-01-10)", "value_reason")
    assert problem.line == line_of(folder, "positions.yaml", "value: 10")
    assert problem.message == "the value 10 is not one of the anchors of issue 'border' (0, 50, 100)"
    assert problem.fix == (
        "put the stance on the anchor its words describe, or add value_reason: saying why it sits between two anchors"
    )


def test_a_value_on_an_anchor_or_on_a_scale_without_anchors_needs_no_reason(tmp_path):
    reason = "  value_reason: Close to the old line, but Blue could accept a frozen line for now.\n"
    folder = broken_copy(tmp_path, "positions.yaml", "  value: 10\n" + reason, "  value: 0\n")
    result = load_dataset(folder)
    assert result.ok, result.problems
    # Trade has no anchors, and Blue's 20 and Red's 100 on it need no reason.
    assert {p.value for p in result.dataset.positions if p.issue == "trade"} == {20, 100}


def test_an_event_has_a_quote_or_a_summary_not_both(tmp_path):
    both = "  quote: Red would accept a freeze before talks.\n  summary: Green said Red could accept a freeze.\n"
    problem = only_problem(
        broken_copy(tmp_path, "events.yaml", "  quote: Red would accept a freeze before talks.\n", both)
    )
    assert (problem.file, problem.item) == ("events.yaml", "event 2 (2025-02-01 Green briefs the press)")
    assert problem.message.startswith("an event has either quote:")


def test_an_event_summary_is_not_checked_against_the_text(tmp_path):
    summary = "  summary: Green said Red could accept a freeze.\n"
    folder = broken_copy(tmp_path, "events.yaml", "  quote: Red would accept a freeze before talks.\n", summary)
    result = load_dataset(folder)
    assert result.ok, result.problems
    event = result.dataset.events[1]
    assert (event.quote, event.summary) == (None, "Green said Red could accept a freeze.")
    assert not event.evidence.is_quote
