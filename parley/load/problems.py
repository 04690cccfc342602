"""Problems found in a dataset, and the log that keeps their number bounded.

A file with forty thousand broken items must still give a readable answer: the log keeps the
first few problems of each kind in full and counts the rest, and stops the load once the count
passes a limit, so the messages never cost more than the data.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

from parley.load.limits import LIMITS, Limits


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    item: str
    field: str
    message: str
    fix: str
    # What kind of mistake this is, for counting similar ones; never shown.
    code: str = ""

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        subject = ", ".join(part for part in (self.item, f"field '{self.field}'" if self.field else "") if part)
        lead = ": ".join(part for part in (where, subject) if part)
        return f"{lead + ': ' if lead else ''}{self.message}. Fix: {self.fix}"


class TooManyProblems(Exception):
    """Raised by the log once a load has found more problems than anyone could read."""


class TooSlow(Exception):
    """Raised by the log once a load has run past its time limit."""


class ProblemLog:
    def __init__(self, limits: Limits = LIMITS) -> None:
        self.limits = limits
        self._shown: list[Problem] = []
        self._kinds: Counter[tuple[str, str]] = Counter()
        self._first: dict[tuple[str, str], Problem] = {}
        self._deadline = time.monotonic() + limits.seconds
        self.stopped: Problem | None = None

    def add(self, problem: Problem) -> None:
        kind = (problem.file, problem.code or problem.message)
        self._kinds[kind] += 1
        self._first.setdefault(kind, problem)
        if self._kinds[kind] <= self.limits.problems_in_full:
            self._shown.append(problem)
        if self.total > self.limits.problems:
            raise TooManyProblems

    def extend(self, problems: list[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def tick(self) -> None:
        """Called inside long loops: stops the load once it has run out of time."""
        if time.monotonic() > self._deadline:
            raise TooSlow

    def stop(self, problem: Problem) -> None:
        self.stopped = problem

    @property
    def total(self) -> int:
        return sum(self._kinds.values())

    def __bool__(self) -> bool:
        return self.total > 0 or self.stopped is not None

    def files_with_problems(self, file_level_only: bool = False) -> set[str]:
        return {p.file for p in self._first.values() if not file_level_only or not p.item}

    def problems(self) -> list[Problem]:
        """The problems in full, then one line per kind that had more, then why the load stopped."""
        out = list(self._shown)
        for kind, count in self._kinds.items():
            extra = count - self.limits.problems_in_full
            if extra > 0:
                first = self._first[kind]
                out.append(
                    Problem(
                        first.file,
                        None,
                        "",
                        "",
                        f"and {extra:,} more of the same kind as “{first.message}”",
                        "fix the ones listed above the same way, then load again to see the rest",
                        code="more",
                    )
                )
        if self.stopped is not None:
            out.append(self.stopped)
        return out
