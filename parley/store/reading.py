"""Reading the store: the datasets it holds, each one whole, its items and its history."""

from __future__ import annotations

import json

from sqlalchemy import select

from parley.catalog import Entry
from parley.load import Problem
from parley.memory import no_collection
from parley.model import Dataset
from parley.store.base import HistoryEntry, StoreBase, StoredItem
from parley.store.schema import datasets, history, import_problems, items, texts


class Reading(StoreBase):
    def revisions(self) -> dict[str, int]:
        with self.engine.connect() as c:
            return dict(c.execute(select(datasets.c.id, datasets.c.revision)).all())

    def entries(self, notes: dict[str, str] | None = None) -> dict[str, Entry]:
        """Every dataset in the store, and every folder whose import failed before it ever loaded."""
        notes = notes or {}
        found: dict[str, Entry] = {}
        with self.engine.connect() as c:
            for row in c.execute(select(datasets.c.id, datasets.c.title, datasets.c.revision)):
                found[row.id] = Entry(row.id, row.title, row.revision, note=notes.get(row.id, ""))
            for row in c.execute(select(import_problems)):
                problems = tuple(Problem(**p) for p in json.loads(row.problems))
                if row.folder in found:
                    entry = found[row.folder]
                    note = (
                        f"The folder {row.folder} has {len(problems)} problem(s), so it was not imported: "
                        "Parley shows the last version that loaded."
                    )
                    found[row.folder] = Entry(entry.id, entry.title, entry.revision, note=note)
                else:
                    found[row.folder] = Entry(row.folder, "", 0, problems)
        return dict(sorted(found.items()))

    def dataset(self, dataset_id: str) -> Dataset:
        with no_collection(), self.engine.connect() as c, c.begin():
            return self._dataset(c, dataset_id)

    def revision(self, dataset_id: str) -> int | None:
        with self.engine.connect() as c:
            return c.execute(select(datasets.c.revision).where(datasets.c.id == dataset_id)).scalar()

    def folder_state(self, dataset_id: str) -> tuple[str | None, bool] | None:
        """(the digest of the folder it was imported from, edited in the store since) or None."""
        with self.engine.connect() as c:
            query = select(datasets.c.folder_digest, datasets.c.edited).where(datasets.c.id == dataset_id)
            row = c.execute(query).first()
        return (row.folder_digest, row.edited) if row else None

    def items(self, dataset_id: str, kind: str) -> list[StoredItem]:
        with self.engine.connect() as c:
            query = select(items).where(items.c.dataset_id == dataset_id, items.c.kind == kind).order_by(items.c.sort)
            return [StoredItem.of(r) for r in c.execute(query)]

    def item(self, dataset_id: str, kind: str, key: str) -> StoredItem | None:
        with self.engine.connect() as c:
            return self._get(c, dataset_id, kind, key)

    def position_key(self, dataset_id: str, party: str, issue: str, date: str) -> str | None:
        """The key of the position of `party` on `issue` dated `date` (ISO), if there is one."""
        with self.engine.connect() as c:
            query = select(items.c.key).where(
                items.c.dataset_id == dataset_id,
                items.c.kind == "position",
                items.c.party == party,
                items.c.issue == issue,
                items.c.date == date,
            )
            return c.execute(query).scalar()

    def kept_text(self, dataset_id: str, source_id: str) -> str | None:
        with self.engine.connect() as c:
            query = select(texts.c.text).where(texts.c.dataset_id == dataset_id, texts.c.source_id == source_id)
            return c.execute(query).scalar()

    def history(
        self, dataset_id: str, kind: str | None = None, key: str | None = None, limit: int = 500
    ) -> list[HistoryEntry]:
        """Newest first."""
        query = select(history).where(history.c.dataset_id == dataset_id)
        if kind is not None:
            query = query.where(history.c.kind == kind)
        if key is not None:
            query = query.where(history.c.key == key)
        with self.engine.connect() as c:
            rows = c.execute(query.order_by(history.c.pk.desc()).limit(limit)).all()
        return [HistoryEntry.of(r) for r in rows]

    def history_entry(self, pk: int) -> HistoryEntry | None:
        with self.engine.connect() as c:
            row = c.execute(select(history).where(history.c.pk == pk)).first()
        return HistoryEntry.of(row) if row else None
