"""Changing one item at a time: checked like a YAML file, refused when based on an old version."""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from parley.model import Dataset
from parley.store.base import HistoryEntry, InvalidItem, StaleWrite, StoreBase, StoredItem, columns, dumps, now
from parley.store.documents import keyed
from parley.store.schema import datasets, items, texts


class Writing(StoreBase):
    def save(
        self,
        dataset_id: str,
        kind: str,
        data: dict[str, Any],
        actor: str,
        reason: str,
        key: str | None = None,
        base_version: int | None = None,
        text: str | None = None,
    ) -> StoredItem:
        """Create an item (key None) or change one (key and the version it was based on).

        Runs the loader's checks against the dataset as it stands in this transaction; an invalid
        item raises InvalidItem with the loader's own messages, a stale one StaleWrite. `text` is a
        source's kept text, stored with it.
        """
        with self._write() as c:
            return self._save(c, dataset_id, kind, data, actor, reason, key, base_version, text)

    def _save(
        self,
        c: Connection,
        dataset_id: str,
        kind: str,
        data: dict[str, Any],
        actor: str,
        reason: str,
        key: str | None,
        base_version: int | None,
        text: str | None = None,
        action: str | None = None,
    ) -> StoredItem:
        from parley.store.checking import item_problems

        revision = self._bump(c, dataset_id)
        current = self._get(c, dataset_id, kind, key) if key is not None else None
        if key is not None and (current is None or current.version != base_version):
            raise StaleWrite(current, self._last_change(c, dataset_id, kind, key))
        if kind == "source" and text is not None:
            data = {**data, "text_file": data.get("text_file") or f"sources/{data['id']}.txt"}
        ds = self._dataset(c, dataset_id)
        if text is not None:
            ds = ds.model_copy(update={"source_texts": {**ds.source_texts, data["id"]: text}})
        problems = item_problems(ds, kind, data, replacing=current)
        if problems:
            raise InvalidItem(problems)
        stamp = {"updated_by": actor, "updated_at": now()}
        if current is None:
            query = select(items.c.key).where(items.c.dataset_id == dataset_id, items.c.kind == kind)
            existing = set(c.execute(query).scalars())
            key = base = next(iter(keyed(kind, [data])))
            n = 1
            while key in existing:
                n += 1
                key = f"{base}#{n}"
            last = select(func.coalesce(func.max(items.c.sort), -1) + 1)
            sort = c.execute(last.where(items.c.dataset_id == dataset_id, items.c.kind == kind)).scalar()
            c.execute(
                insert(items).values(
                    dataset_id=dataset_id,
                    kind=kind,
                    key=key,
                    sort=sort,
                    version=1,
                    data=dumps(data),
                    **columns(kind, data),
                    **stamp,
                )
            )
            self._record(c, dataset_id, revision, kind, key, action or "create", actor, reason, after=data)
        else:
            done = c.execute(
                update(items)
                .where(
                    items.c.dataset_id == dataset_id,
                    items.c.kind == kind,
                    items.c.key == key,
                    items.c.version == base_version,
                )
                .values(data=dumps(data), version=base_version + 1, **columns(kind, data), **stamp)
            )
            if done.rowcount != 1:
                raise StaleWrite(self._get(c, dataset_id, kind, key), self._last_change(c, dataset_id, kind, key))
            self._record(
                c, dataset_id, revision, kind, key, action or "update", actor, reason, before=current.data, after=data
            )
        if kind == "source" and text is not None:
            c.execute(delete(texts).where(texts.c.dataset_id == dataset_id, texts.c.source_id == data["id"]))
            c.execute(
                insert(texts).values(dataset_id=dataset_id, source_id=data["id"], path=data["text_file"], text=text)
            )
        if kind == "info":
            c.execute(update(datasets).where(datasets.c.id == dataset_id).values(title=data["title"]))
        return self._get(c, dataset_id, kind, key)

    def remove(self, dataset_id: str, kind: str, key: str, base_version: int, actor: str, reason: str) -> None:
        with self._write() as c:
            self._remove(c, dataset_id, kind, key, base_version, actor, reason)

    def _remove(
        self,
        c: Connection,
        dataset_id: str,
        kind: str,
        key: str,
        base_version: int,
        actor: str,
        reason: str,
        action: str = "remove",
    ) -> None:
        from parley.store.checking import removal_problems

        revision = self._bump(c, dataset_id)
        current = self._get(c, dataset_id, kind, key)
        if current is None or current.version != base_version:
            raise StaleWrite(current, self._last_change(c, dataset_id, kind, key))
        problems = removal_problems(self._dataset(c, dataset_id), kind, current.data)
        if problems:
            raise InvalidItem(problems)
        c.execute(delete(items).where(items.c.dataset_id == dataset_id, items.c.kind == kind, items.c.key == key))
        self._record(c, dataset_id, revision, kind, key, action, actor, reason, before=current.data)

    def restore(self, pk: int, actor: str, reason: str) -> int:
        """Put back what a history entry recorded before it: an item's earlier version, or a dataset's
        state before an import. The restore is itself a recorded write; returns the new revision."""
        from parley.store.schema import history

        with self.engine.connect() as c:
            row = c.execute(select(history).where(history.c.pk == pk)).first()
        if row is None:
            raise KeyError(pk)
        if row.kind == "dataset":
            kept = row.snapshot_before or row.snapshot_after
            if kept is None:
                raise ValueError("this history entry holds no earlier dataset to restore")
            return self.import_dataset(Dataset.model_validate_json(zlib.decompress(kept)), actor, reason)
        entry = HistoryEntry.of(row)
        with self._write() as c:
            current = self._get(c, entry.dataset_id, entry.kind, entry.key)
            if entry.before is None:  # it was created then: restoring removes it
                if current is not None:
                    self._remove(c, entry.dataset_id, entry.kind, entry.key, current.version, actor, reason, "restore")
            else:
                self._save(
                    c,
                    entry.dataset_id,
                    entry.kind,
                    entry.before,
                    actor,
                    reason,
                    current.key if current else None,
                    current.version if current else None,
                    action="restore",
                )
            return c.execute(select(datasets.c.revision).where(datasets.c.id == entry.dataset_id)).scalar()
