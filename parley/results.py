"""Everything the views compute from one dataset for one selection, each computed once and kept.

Results are plain Python, shared by every session that looks at the same view: the key is the
dataset's id and revision (its change counter) with the parties, date and filter, so a change to
the data is never served from an older result. Figures built from a result are kept with it too
(`memo`), so a warm page run draws from memory.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from parley import briefs, changes, gaps, headline, record
from parley import search as text_search
from parley.filters import Filters
from parley.memory import long_lived
from parley.model import Dataset, Position
from parley.palette import party_colors

if TYPE_CHECKING:
    import plotly.graph_objects as go

T = TypeVar("T")


class _Memo:
    """The most recently used values: every search or period a reader tries adds one, so it is bounded."""

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = build()
        with self._lock:
            value = self._values.setdefault(key, value)
            while len(self._values) > self._size:
                self._values.popitem(last=False)
            return value


class Loaded:
    """One dataset at one revision, with what every view of it shares."""

    def __init__(self, dataset: Dataset, revision: Hashable) -> None:
        self.dataset = dataset
        self.revision = revision
        self._memo = _Memo()

    @cached_property
    def colors(self) -> dict[str, str]:
        return party_colors(self.dataset.parties)

    @cached_property
    def histories(self) -> dict[tuple[str, str], list[Position]]:
        return long_lived(changes.histories(self.dataset))

    @cached_property
    def uses(self) -> dict[str, list]:
        from parley.evidence import uses

        return long_lived(uses(self.dataset))

    @cached_property
    def search_index(self) -> text_search.Index:
        return long_lived(text_search.Index(self.dataset))

    def in_force(self, as_of: dt.date) -> dict[tuple[str, str], Position]:
        return self._memo.get(("in_force", as_of), lambda: record.in_force(self.dataset, as_of))

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        return self._memo.get(key, build)


class Results:
    def __init__(self, loaded: Loaded, parties: tuple[str, ...], as_of: dt.date, filters: Filters) -> None:
        self.loaded = loaded
        self.dataset = loaded.dataset
        self.parties = parties
        self.as_of = as_of
        self.filters = filters
        self._memo = _Memo()

    @property
    def colors(self) -> dict[str, str]:
        return self.loaded.colors

    @cached_property
    def table(self) -> record.Table:
        """Every issue by the chosen parties."""
        current = self.loaded.in_force(self.as_of)
        return record.table(self.dataset, current, self.as_of, self.parties, self.filters)

    def table_for(self, issues: Sequence[str] = (), groups: Sequence[str] = ()) -> record.Table:
        if not issues and not groups:
            return self.table
        wanted = {
            i.id for i in self.dataset.issues if (not issues or i.id in issues) and (not groups or i.group in groups)
        }
        return self.memo(("table", tuple(issues), tuple(groups)), lambda: _narrow(self.table, wanted))

    @cached_property
    def gaps(self) -> tuple[gaps.IssueGap, ...]:
        return gaps.issue_gaps(self.table)

    @cached_property
    def distances(self) -> gaps.Distances:
        return gaps.distances(self.table)

    @cached_property
    def headline(self) -> headline.Headline:
        return headline.headline(self.gaps)

    def matrix(self, issues: tuple[str, ...]) -> go.Figure:
        """Overview's chart: the rows of `issues` as a matrix of stances."""
        from parley.charts.matrix import matrix_figure

        return self.memo(("matrix", issues), lambda: matrix_figure(self.table_for(issues), self.colors))

    def briefs(self, issues: Sequence[str] = (), groups: Sequence[str] = ()) -> tuple[briefs.IssueBrief, ...]:
        return self.memo(
            ("briefs", tuple(issues), tuple(groups)), lambda: briefs.issue_briefs(self.table_for(issues, groups))
        )

    def brief(self, issues: Sequence[str] = ()) -> briefs.Brief:
        note = self.filters.describe() if self.filters.active else ""
        return self.memo(
            ("brief", tuple(issues)), lambda: briefs.brief(self.dataset, self.table_for(issues), self.colors, note)
        )

    def changes(
        self, since: dt.date, until: dt.date, parties: Sequence[str] = (), issues: Sequence[str] = ()
    ) -> tuple[list[changes.Change], int]:
        """What changed, and how many changes the filter leaves out."""

        def build() -> tuple[list[changes.Change], int]:
            found = changes.changes_between(
                self.loaded.histories, since, until, tuple(parties or self.parties), issues or None
            )
            if not self.filters.active:
                return found, 0
            from parley.evidence import cited_of

            kept = [c for c in found if not self.filters.left_out(c.new, cited_of(self.dataset, c.new))]
            return kept, len(found) - len(kept)

        return self.memo(("changes", since, until, tuple(parties), tuple(issues)), build)

    def readings(self, a: str, b: str, start: dt.date, end: dt.date) -> list[changes.GapReading]:
        return self.memo(
            ("readings", a, b, start, end),
            lambda: changes.gap_readings(self.dataset, self.loaded.histories, a, b, start, end, self.filters),
        )

    def search(
        self, query: str, issues: tuple[str, ...], start: dt.date | None, end: dt.date | None
    ) -> text_search.Results:
        """Search's matches for the chosen parties and filter; paging through them searches once."""
        return self.memo(
            ("search", query, issues, start, end),
            lambda: text_search.search(self.loaded.search_index, query, self.parties, issues, start, end, self.filters),
        )

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        return self._memo.get(key, build)


def _narrow(table: record.Table, wanted: set[str]) -> record.Table:
    issues = tuple(i for i in table.issues if i.id in wanted)
    cells = {k: v for k, v in table.cells.items() if k[0] in wanted}
    return record.Table(table.as_of, issues, table.parties, cells)


class Cache:
    """The most recently used results, shared across sessions; old revisions age out."""

    def __init__(self, size: int = 128) -> None:
        self._size = size
        self._loaded: OrderedDict[tuple[str, Hashable], Loaded] = OrderedDict()
        self._results: OrderedDict[tuple, Results] = OrderedDict()
        self._lock = threading.Lock()

    def loaded(self, dataset: Dataset, revision: Hashable) -> Loaded:
        """`revision` must change whenever the dataset does: the store's location with its revision."""
        key = (dataset.id, revision)
        with self._lock:
            if key not in self._loaded:
                self._loaded[key] = Loaded(dataset, revision)
                while len(self._loaded) > 8:
                    self._loaded.popitem(last=False)
            self._loaded.move_to_end(key)
            return self._loaded[key]

    def results(
        self, dataset: Dataset, revision: Hashable, parties: tuple[str, ...], as_of: dt.date, filters: Filters
    ) -> Results:
        loaded = self.loaded(dataset, revision)
        key = (dataset.id, revision, parties, as_of, filters)
        with self._lock:
            if key not in self._results:
                self._results[key] = Results(loaded, parties, as_of, filters)
                while len(self._results) > self._size:
                    self._results.popitem(last=False)
            self._results.move_to_end(key)
            return self._results[key]


CACHE = Cache()
