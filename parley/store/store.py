"""The store: every dataset, item and kept text, with a version on each and a history of each write.

Every write is one transaction that raises the dataset's revision (the change counter the
app's caches are keyed by), carries the version it was based on (a write based on an older
version is refused with the other change, never lost), and leaves a history row: who, when,
what it was before and after, and why. The parts live in their own modules: reading, importing
whole datasets, writing single items, and the drafts that wait for review.
"""

from __future__ import annotations

from sqlalchemy import Engine

from parley.store.drafts import Drafting
from parley.store.engine import open_engine, upgrade
from parley.store.importing import Importing
from parley.store.reading import Reading
from parley.store.writing import Writing


class Store(Reading, Importing, Writing, Drafting):
    def __init__(self, url: str | None = None, migrate: bool = True, engine: Engine | None = None) -> None:
        self.engine = engine or open_engine(url)
        if migrate:
            upgrade(self.engine)
