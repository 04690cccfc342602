"""No input file, however built, takes the loader down: each bound is checked as the work is done.

One test per case found by probing: a file nested a hundred thousand levels deep (once a
segmentation fault), a field nested a thousand levels deep (once a RecursionError), a file of
items that all fail (once gigabytes of messages), and one with tens of thousands of problems.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from parley.load import Limits, load_dataset
from tests.unit.test_load_errors import MINI, broken_copy, only_problem

ROOT = Path(__file__).resolve().parents[2]


def _load_in_a_child(folder: Path) -> subprocess.CompletedProcess:
    """Run the load in its own process, so a crash fails this test instead of the whole run."""
    code = textwrap.dedent(f"""
        from parley.load import load_dataset
        result = load_dataset({str(folder)!r})
        print(result.ok, len(result.problems))
        print(result.problems[0])
    """)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_a_file_nested_a_hundred_thousand_levels_is_refused_not_a_crash(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", new="[" * 100_000 + "]" * 100_000 + "\n")
    run = _load_in_a_child(folder)
    assert run.returncode == 0, run.stderr[-2000:]
    ok, count = run.stdout.splitlines()[0].split()
    assert (ok, count) == ("False", "1")
    assert run.stdout.splitlines()[1] == (
        "positions.yaml, line 1: the data is nested more than 32 levels deep. Fix: write each item as "
        "'field: value' lines; Parley's files need only a few levels"
    )


def test_a_field_nested_a_thousand_levels_is_refused(tmp_path):
    nested = "{a: " * 1_000 + "x" + "}" * 1_000
    text = (MINI / "positions.yaml").read_text(encoding="utf-8")
    text += f"- party: red\n  issue: trade\n  date: 2025-03-01\n  stance: {nested}\n"
    folder = broken_copy(tmp_path, "positions.yaml", new=text)
    problem = only_problem(folder)
    assert problem.file == "positions.yaml"
    assert problem.message == "the data is nested more than 32 levels deep"


def _failing_items(count: int) -> str:
    days = (dt.date(2000, 1, 1) + dt.timedelta(days=n) for n in range(count))
    return "".join(f"- party: nobody\n  issue: trade\n  date: {day}\n" for day in days)


def test_more_items_than_the_limit_are_refused_before_they_are_checked(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", new=_failing_items(101))
    problem = only_problem(folder, Limits(items=100))
    assert problem.message == "the file holds more than 100 entries"


def test_many_problems_of_one_kind_are_counted_not_listed(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", new=_failing_items(2_000))
    started = time.monotonic()
    result = load_dataset(folder)
    assert time.monotonic() - started < 20
    assert not result.ok
    # Each failing item lacks stance, basis and confidence and names an unknown party: four kinds,
    # ten of each in full, then one line per kind with the count of the rest.
    assert len(result.problems) == 4 * 10 + 4
    more = [str(p) for p in result.problems if p.message.startswith("and ")]
    assert "positions.yaml: and 1,990 more of the same kind as “unknown party 'nobody'”. Fix: fix the ones listed " \
           "above the same way, then load again to see the rest" in more  # fmt: skip


def test_checking_stops_once_the_problems_pass_the_limit(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", new=_failing_items(500))
    result = load_dataset(folder, Limits(problems=100))
    assert str(result.problems[-1]) == (
        "checking stopped after 100 problems. Fix: fix the problems listed, then load again"
    )
    assert len(result.problems) < 60


def test_a_load_that_runs_out_of_time_stops_and_says_so(tmp_path):
    folder = broken_copy(tmp_path, "positions.yaml", new=_failing_items(60_000))
    result = load_dataset(folder, Limits(seconds=0.0))
    assert str(result.problems[-1]).startswith("checking stopped: the dataset took longer than 0 s to read")


def test_a_field_written_twice_is_reported(tmp_path):
    folder = broken_copy(tmp_path, "parties.yaml", "  short: Red\n", "  short: Red\n  short: Reds\n")
    problem = only_problem(folder)
    assert (problem.file, problem.line, problem.field) == ("parties.yaml", 9, "short")
    assert problem.message == "the field 'short' is written twice in one item (first on line 8)"


def test_a_yaml_tag_that_builds_objects_is_refused(tmp_path):
    folder = broken_copy(tmp_path, "parties.yaml", "  name: Red Federation", "  name: !!python/object:os.system x")
    problem = only_problem(folder)
    assert problem.message == "the YAML uses the tag tag:yaml.org,2002:python/object:os.system"


def test_an_empty_positions_file_loads_as_a_dataset_with_no_positions(tmp_path):
    for content in ("", "[]\n", "# nothing coded yet\n"):
        folder = broken_copy(tmp_path / str(len(content)), "positions.yaml", new=content)
        result = load_dataset(folder)
        assert result.ok, result.problems
        assert result.dataset.positions == []


def test_dates_at_the_ends_of_the_calendar_load(tmp_path):
    folder = broken_copy(
        tmp_path, "positions.yaml", "date: 2025-01-10\n  stance: Restore", "date: 0001-01-01\n  stance: Restore"
    )
    assert load_dataset(folder).ok
