"""What datasets there are: each with its title, its version, and its problems if it has any.

The store and the folder loader both describe their datasets this way, so the view model and
the pages do not care where a dataset comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from parley.load import Problem


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    revision: int  # changes whenever the dataset changes: caches and exports are keyed by it
    problems: tuple[Problem, ...] = ()
    note: str = ""  # something a reader should know about this dataset's source of truth

    @property
    def ok(self) -> bool:
        return not self.problems
