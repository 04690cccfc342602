"""One test per kind of bad input: each breaks a copy of tests/fixtures/mini and checks the
message an analyst sees, i.e. the file, line, item, field, what is wrong and how to fix it.

Every test expects exactly one problem, so a mistake that cascades into a pile of follow-on
messages (e.g. every use of a party flagged because parties.yaml has a typo) fails too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from parley.load import LIMITS, Limits, Problem, load_dataset

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def broken_copy(tmp_path: Path, file: str, old: str | None = None, new: str | bytes = "") -> Path:
    """A copy of the mini dataset with `old` replaced by `new` in `file` (or the file rewritten)."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    path = folder / file
    if isinstance(new, bytes):
        path.write_bytes(new)
    elif old is None:
        path.write_text(new, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {file}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def line_of(folder: Path, file: str, needle: str) -> int:
    lines = (folder / file).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def only_problem(folder: Path, limits: Limits = LIMITS) -> Problem:
    result = load_dataset(folder, limits)
    assert not result.ok
    assert result.dataset is None
    assert len(result.problems) == 1, "\n".join(map(str, result.problems))
    return result.problems[0]


def test_the_fixture_itself_loads():
    result = load_dataset(MINI)
    assert result.ok, "\n".join(map(str, result.problems))
    assert result.problems == []


def test_malformed_yaml_bad_indentation(tmp_path):
    folder = broken_copy(tmp_path, "parties.yaml", "  name: Red Federation", "     name: Red Federation")
    problem = only_problem(folder)
    assert (problem.file, problem.line, problem.item, problem.field) == ("parties.yaml", 7, "", "")
    assert problem.message.startswith("the YAML cannot be read: a 'field: value' line is indented differently")
    assert "indentation" in problem.fix
    assert str(problem).startswith("parties.yaml, line 7: the YAML cannot be read")


def test_tab_indentation(tmp_path):
    folder = broken_copy(tmp_path, "parties.yaml", "  short: Red\n", "\tshort: Red\n")
    problem = only_problem(folder)
    assert (problem.file, problem.line) == ("parties.yaml", 8)
    assert "a tab is used for indentation; YAML needs spaces" in problem.message


def test_unknown_party(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", "party: red\n  issue: trade", "party: purple\n  issue: trade")
    problem = only_problem(folder)
    assert problem.file == "positions.yaml"
    assert problem.line == line_of(folder, "positions.yaml", "party: purple")
    assert problem.item == "position 6 (purple on trade, 2025-01-12)"
    assert problem.field == "party"
    assert problem.message == "unknown party 'purple'"
    assert problem.fix == "use an id defined in parties.yaml (blue, green, red)"


def test_unknown_issue(tmp_path):
    folder = broken_copy(
        tmp_path, "positions.yaml", "issue: trade\n  date: 2025-01-12", "issue: fishing\n  date: 2025-01-12"
    )
    problem = only_problem(folder)
    assert problem.line == line_of(folder, "positions.yaml", "issue: fishing")
    assert (problem.item, problem.field) == ("position 6 (red on fishing, 2025-01-12)", "issue")
    assert problem.message == "unknown issue 'fishing'"
    assert problem.fix == "use an id defined in issues.yaml (border, trade, water)"


def test_unknown_source(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", "source: red-paper, quote: All", "source: red-papers, quote: All")
    problem = only_problem(folder)
    assert problem.line == line_of(folder, "positions.yaml", "red-papers")
    assert (problem.item, problem.field) == ("position 6 (red on trade, 2025-01-12)", "evidence.0.source")
    assert problem.message == "unknown source 'red-papers'"
    assert problem.fix == "use an id defined in sources.yaml (blue-note, green-brief, red-paper)"


def test_unknown_source_in_an_event(tmp_path):
    folder = broken_copy(tmp_path, "events.yaml", "  source: green-brief\n- date", "  source: grene-brief\n- date")
    problem = only_problem(folder)
    assert (problem.file, problem.field) == ("events.yaml", "source")
    assert problem.item == "event 1 (2025-01-15 First round of talks)"
    assert problem.message == "unknown source 'grene-brief'"


def test_duplicate_id(tmp_path):
    folder = broken_copy(tmp_path, "issues.yaml", "id: water", "id: trade")
    problem = only_problem(folder)
    assert (problem.file, problem.item, problem.field) == ("issues.yaml", "issue 'trade'", "id")
    assert problem.line == line_of(folder, "issues.yaml", "Water rights") - 1
    assert problem.message == "the id 'trade' is used twice"
    assert problem.fix == "give each item its own id"


def test_duplicate_party_id_names_it_a_party(tmp_path):
    folder = broken_copy(tmp_path, "parties.yaml", "id: green", "id: red")
    problems = load_dataset(folder).problems
    assert [p.item for p in problems if p.field == "id"] == ["party 'red'"]


def test_value_outside_0_100(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", "value: 100\n  acceptable: [80", "value: 120\n  acceptable: [80")
    problem = only_problem(folder)
    assert problem.line == line_of(folder, "positions.yaml", "value: 120")
    assert (problem.item, problem.field) == ("position 3 (red on border, 2025-01-12)", "value")
    assert problem.message == "120 is above the maximum of 100"
    assert problem.fix == "use a number from 0 to 100 on the issue's scale"


def test_salience_outside_0_1(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", "salience: 0.8", "salience: 8")
    problem = only_problem(folder)
    assert (problem.field, problem.message) == ("salience", "8 is above the maximum of 1")
    assert problem.fix == "use a number from 0 (unimportant) to 1 (most important)"


def test_value_that_is_not_a_number(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", "value: 60", "value: sixty")
    problem = only_problem(folder)
    assert (problem.field, problem.message) == ("value", "'sixty' is not a number")


def test_acceptable_range_unordered(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", "acceptable: [70, 100]", "acceptable: [70, 30]")
    problem = only_problem(folder)
    assert problem.line == line_of(folder, "positions.yaml", "acceptable: [70, 30]")
    assert (problem.item, problem.field) == ("position 5 (red on border, 2025-02-20)", "acceptable")
    assert problem.message == "the range [70, 30] is not ordered"
    assert problem.fix == "write the lower bound first"


def test_acceptable_range_with_one_number(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", "acceptable: [70, 100]", "acceptable: [70]")
    problem = only_problem(folder)
    assert problem.field == "acceptable.1"
    assert problem.message == "acceptable must be two numbers, [low, high], but has only one"
    assert problem.fix == "write the range as [low, high], e.g. [40, 60]"


def test_acceptable_range_with_three_numbers(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", "acceptable: [70, 100]", "acceptable: [70, 80, 100]")
    problem = only_problem(folder)
    assert (problem.field, problem.message) == (
        "acceptable",
        "acceptable must be two numbers, [low, high] (got [70, 80, 100])",
    )


def test_impossible_date(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", "date: 2025-02-20", "date: 2025-02-30")
    problem = only_problem(folder)
    assert problem.line == line_of(folder, "positions.yaml", "2025-02-30")
    assert (problem.item, problem.field) == ("position 5 (red on border, 2025-02-30)", "date")
    assert problem.message == "'2025-02-30' is not a real date"
    assert problem.fix == "write a real date as YYYY-MM-DD, e.g. 2025-03-01"


def test_date_in_another_format(tmp_path):
    folder = broken_copy(tmp_path, "sources.yaml", "date: 2025-01-12", "date: 12/01/2025")
    problem = only_problem(folder)
    assert (problem.file, problem.item, problem.field) == ("sources.yaml", "source 'red-paper'", "date")
    assert problem.message == "'12/01/2025' is not a real date"


def test_stated_position_without_evidence(tmp_path):
    folder = broken_copy(
        tmp_path, "positions.yaml", "  evidence:\n    - {source: red-paper, quote: All restrictions must go.}\n", ""
    )
    problem = only_problem(folder)
    assert problem.item == "position 6 (red on trade, 2025-01-12)"
    assert problem.line == line_of(folder, "positions.yaml", "Lift all restrictions") - 3
    assert problem.message == "a stated position needs at least one evidence quote"
    assert problem.field == "evidence"
    assert problem.fix == "add evidence: [{source: ..., quote: ...}] or set basis: assessed with a note"


def test_evidence_left_empty(tmp_path):
    folder = broken_copy(
        tmp_path, "positions.yaml", "    - {source: red-paper, quote: All restrictions must go.}\n", ""
    )
    problem = only_problem(folder)
    assert (problem.field, problem.message) == ("evidence", "'evidence' is empty")
    assert problem.fix == "fill in a value after 'evidence:' or remove the line"


def test_assessed_position_without_note(tmp_path):
    note = "  note: Inferred from Green's briefing; Green has not said so in its own words.\n"
    folder = broken_copy(tmp_path, "positions.yaml", note, "")
    problem = only_problem(folder)
    assert problem.item == "position 7 (green on border, 2025-02-01)"
    assert problem.line == line_of(folder, "positions.yaml", "party: green")
    assert problem.message == "an assessed position needs a note saying why the analyst coded it so"
    assert problem.field == "note"
    assert problem.fix == "add note: with the reasoning, or cite evidence and set basis: stated or reported"


def test_quote_not_in_its_source_text(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", "We want the old line restored", "We want the old line back")
    problem = only_problem(folder)
    assert problem.line == line_of(folder, "positions.yaml", "We want the old line back")
    assert (problem.item, problem.field) == ("position 1 (blue on border, 2025-01-10)", "evidence.0.quote")
    assert problem.message == "the quote is not in the text of source 'blue-note'"
    assert problem.fix == (
        "copy the quote verbatim from that source's text file, or write it as summary: if it is not the source's "
        "own words"
    )


def test_quote_matches_despite_curly_quotes_and_spacing(tmp_path):
    # The text file has a straight quote mark and single spaces: "We want the old line restored,"
    folder = broken_copy(
        tmp_path, "positions.yaml", '"We want the old line restored"', "'“We  want the old   line restored'"
    )
    assert load_dataset(folder).ok


def test_unknown_field_typo(tmp_path):
    folder = broken_copy(tmp_path, "parties.yaml", "  description: Speaks", "  descripton: Speaks")
    problem = only_problem(folder)
    assert problem.line == line_of(folder, "parties.yaml", "descripton")
    assert (problem.item, problem.field) == ("party 'blue'", "descripton")
    assert problem.message == "'descripton' is not a field Parley knows"
    assert problem.fix == "did you mean 'description'? rename or remove it (data/CODEBOOK.md lists the fields)"


def test_required_field_missing(tmp_path):
    folder = broken_copy(tmp_path, "parties.yaml", "  name: Green Union\n", "")
    problem = only_problem(folder)
    assert (problem.item, problem.field) == ("party 'green'", "name")
    assert problem.message == "the required field 'name' is missing"
    assert problem.fix == "add 'name:' with a value (data/CODEBOOK.md lists it)"


def test_value_not_in_the_allowed_list(tmp_path):
    folder = broken_copy(tmp_path, "parties.yaml", "role: mediator", "role: broker")
    problem = only_problem(folder)
    assert (problem.field, problem.message) == ("role", "'broker' is not one of the allowed values")
    assert problem.fix == "use one of 'negotiating_party', 'mediator' or 'third_party'"


def test_id_that_is_not_a_slug(tmp_path):
    folder = broken_copy(tmp_path, "issues.yaml", "id: water", "id: Water Rights")
    problem = only_problem(folder)
    assert (problem.item, problem.field) == ("issue 'Water Rights'", "id")
    assert problem.message == "'Water Rights' is not a valid id"
    assert problem.fix == "use lowercase letters, digits and hyphens, e.g. 'united-states'"


def test_missing_required_file(tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    (folder / "issues.yaml").unlink()
    problem = only_problem(folder)  # and no "unknown issue" at every position that names one
    assert (problem.file, problem.line, problem.item, problem.field) == ("issues.yaml", None, "", "")
    assert problem.message == "the file is missing"
    assert problem.fix == "create issues.yaml in the dataset folder (data/CODEBOOK.md describes it)"
    assert str(problem) == (
        "issues.yaml: the file is missing. "
        "Fix: create issues.yaml in the dataset folder (data/CODEBOOK.md describes it)"
    )


def test_events_file_is_optional(tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    (folder / "events.yaml").unlink()
    result = load_dataset(folder)
    assert result.ok and result.dataset.events == []


def test_duplicate_party_issue_and_date(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", "date: 2025-02-20", "date: 2025-02-01")
    problem = only_problem(folder)
    first = line_of(folder, "positions.yaml", "Freeze the line, then talk") - 3
    assert problem.line == line_of(folder, "positions.yaml", "Recognise the new line after all") - 1
    assert (problem.item, problem.field) == ("position 5 (red on border, 2025-02-01)", "date")
    assert problem.message == f"red already has a position on border dated 2025-02-01 (line {first})"
    assert problem.fix == "merge the two into one position, or give the later one its own date"


def test_duplicate_short_label(tmp_path):
    folder = broken_copy(tmp_path, "parties.yaml", "short: Green", "short: Red")
    problem = only_problem(folder)
    assert problem.line == line_of(folder, "parties.yaml", "Green Union") + 1
    assert (problem.item, problem.field) == ("party 'green'", "short")
    assert problem.message == "the label 'Red' is already used by party 'red'"
    assert problem.fix == "give each party its own short label; charts and links use it"


def test_short_label_too_long(tmp_path):
    folder = broken_copy(tmp_path, "parties.yaml", "short: Green", "short: Green Union Mediators")
    problem = only_problem(folder)
    assert (problem.field, problem.message) == ("short", "the text is 21 characters long, over the limit of 12")
    assert problem.fix == "shorten it (it is the label on charts)"


def test_file_that_is_not_a_list(tmp_path):
    folder = broken_copy(tmp_path, "issues.yaml", new="id: border\nname: Border line\n")
    problem = only_problem(folder)  # positions naming issues are not flagged one by one
    assert (problem.file, problem.line, problem.item) == ("issues.yaml", 1, "")
    assert problem.message == "the file must hold a list of items"
    assert problem.fix == "start each item with '- ' at the left margin"


def test_oversized_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    folder = broken_copy(tmp_path, "positions.yaml", new="# " + "x" * 2_000 + "\n")

    read_bytes, read_text = Path.read_bytes, Path.read_text

    def guard(read):
        def reading(path, *args, **kwargs):
            assert path.name != "positions.yaml", "an oversized file must be refused from its size alone"
            return read(path, *args, **kwargs)

        return reading

    monkeypatch.setattr(Path, "read_bytes", guard(read_bytes))
    monkeypatch.setattr(Path, "read_text", guard(read_text))
    problem = only_problem(folder, Limits(file_bytes=1_000))
    assert (problem.file, problem.line) == ("positions.yaml", None)
    assert problem.message == "the file is 2,003 bytes, over the limit of 1,000"
    assert problem.fix == "split the negotiation into smaller datasets or remove pasted documents"


def test_alias_bomb_is_refused(tmp_path):
    # "Billion laughs": nine levels, each nine references to the one before (9**9 strings).
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(8):
        prev, name = chr(ord("a") + level), chr(ord("b") + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    folder = broken_copy(tmp_path, "events.yaml", new="\n".join(lines) + "\n")
    problem = only_problem(folder)
    assert (problem.file, problem.line) == ("events.yaml", 1)
    assert problem.message == ("the YAML uses an anchor and alias (&name / *name), which Parley data does not allow")
    assert problem.fix == "write the repeated value out in full"


def test_non_utf8_file(tmp_path):
    text = (MINI / "parties.yaml").read_text(encoding="utf-8").replace("Speaks through", "Speaks through é")
    folder = broken_copy(tmp_path, "parties.yaml", new=text.encode("latin-1"))
    problem = only_problem(folder)
    assert (problem.file, problem.line) == ("parties.yaml", 5)
    assert problem.message == "the file is not UTF-8 text (byte 0xe9 cannot be read)"
    assert problem.fix.startswith("save the file with UTF-8 encoding")


def test_every_problem_is_reported_at_once(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", "value: 100\n  acceptable: [80", "value: 120\n  acceptable: [80")
    for file, old, new in (
        ("issues.yaml", "id: water", "id: trade"),
        ("parties.yaml", "role: mediator", "role: broker"),
    ):
        path = folder / file
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = load_dataset(folder)
    assert not result.ok
    assert sorted((p.file, p.field) for p in result.problems) == [
        ("issues.yaml", "id"),
        ("parties.yaml", "role"),
        ("positions.yaml", "value"),
    ]


def test_problem_text_reads_as_a_sentence():
    problem = Problem("positions.yaml", 25, "position 3 (red on border, 2025-01-12)", "value",
                      "120 is above the maximum of 100", "use a number from 0 to 100 on the issue's scale")  # fmt: skip
    assert str(problem) == (
        "positions.yaml, line 25: position 3 (red on border, 2025-01-12), field 'value': "
        "120 is above the maximum of 100. Fix: use a number from 0 to 100 on the issue's scale"
    )


def test_folder_name_that_is_not_an_id_is_reported(tmp_path):
    folder = tmp_path / "My Talks"
    shutil.copytree(MINI, folder)
    result = load_dataset(folder)
    assert not result.ok
    assert [str(p) for p in result.problems] == [
        "My Talks: the folder name is not a valid dataset id; links and the sidebar use it. "
        "Fix: rename the folder with lowercase letters, digits and hyphens, e.g. 'trade-talks-2026'"
    ]


def test_every_problem_of_one_item_is_reported_at_once(tmp_path):
    red_on_trade = "- party: red\n  issue: trade\n"
    folder = broken_copy(tmp_path, "positions.yaml", red_on_trade, red_on_trade.replace("red", "nobody"))
    text = (folder / "positions.yaml").read_text(encoding="utf-8")
    backed = "  confidence: high\n  evidence:\n    - {source: red-paper, quote: All restrictions must go.}"
    broken = backed.replace("high", "hgh").replace("red-paper", "nosrc")
    (folder / "positions.yaml").write_text(text.replace(backed, broken), encoding="utf-8")
    result = load_dataset(folder)
    found = {(p.item, p.field): p.message for p in result.problems}
    item = "position 6 (nobody on trade, 2025-01-12)"
    assert set(found) == {(item, "confidence"), (item, "party"), (item, "evidence.0.source")}
    assert found[(item, "party")] == "unknown party 'nobody'"
    assert found[(item, "evidence.0.source")] == "unknown source 'nosrc'"


def test_source_text_that_is_not_utf8(tmp_path):
    folder = broken_copy(tmp_path, "sources/blue-note.txt", None, b"We want \xff the old line restored")
    problem = only_problem(folder)
    assert (problem.file, problem.item, problem.field) == ("sources.yaml", "source 'blue-note'", "text_file")
    assert problem.message.startswith("the text file is not UTF-8 text")
    assert problem.fix == "save the file as UTF-8"


def test_oversized_source_text_is_refused(tmp_path):
    folder = broken_copy(tmp_path, "sources/blue-note.txt", None, "We want the old line restored. " * 100)
    problem = only_problem(folder, Limits(file_bytes=2_000))
    assert (problem.item, problem.field) == ("source 'blue-note'", "text_file")
    assert problem.message == "the text file is 3,100 bytes, over the limit of 2,000"
