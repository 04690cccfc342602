"""Importing a whole dataset in one transaction, updating stored items in place so each keeps its history."""

from __future__ import annotations

import json

from sqlalchemy import Connection, delete, func, insert, select, update

from parley.load import Problem
from parley.model import Dataset
from parley.store.base import StoreBase, columns, dumps, now, snapshot
from parley.store.documents import dataset_documents, keyed
from parley.store.schema import datasets, history, import_problems, items, texts


class Importing(StoreBase):
    def import_dataset(
        self,
        ds: Dataset,
        actor: str,
        reason: str,
        folder: str | None = None,
        digest: str | None = None,
    ) -> int:
        """Write a whole dataset in one transaction, or nothing; returns its new revision.

        An existing dataset is updated in place: items are matched by id (positions by party,
        issue and date), so each keeps its history, and the whole dataset before and after is kept
        with the import so it can be restored.
        """
        documents = dataset_documents(ds)
        with self._write() as c:
            exists = c.execute(select(datasets.c.revision).where(datasets.c.id == ds.id)).scalar() is not None
            before = snapshot(self._dataset(c, ds.id)) if exists else None
            if exists:
                revision = self._bump(c, ds.id, edited=False)
            else:
                # A dataset deleted and made again carries on from its old revisions: never the same one twice.
                last = select(func.coalesce(func.max(history.c.revision), 0)).where(history.c.dataset_id == ds.id)
                revision = c.execute(last).scalar() + 1
                c.execute(
                    insert(datasets).values(
                        id=ds.id,
                        title=ds.info.title,
                        revision=revision,
                        edited=False,
                        created_at=now(),
                        updated_at=now(),
                    )
                )
            c.execute(
                update(datasets)
                .where(datasets.c.id == ds.id)
                .values(title=ds.info.title, folder=folder, folder_digest=digest)
            )
            counts = {
                kind: self._replace_kind(c, ds.id, kind, keyed(kind, docs), actor, reason, revision, per_item=exists)
                for kind, docs in documents.items()
            }
            c.execute(delete(texts).where(texts.c.dataset_id == ds.id))
            paths = {s.id: s.text_file or f"sources/{s.id}.txt" for s in ds.sources}
            rows = [
                {"dataset_id": ds.id, "source_id": sid, "path": paths[sid], "text": text}
                for sid, text in ds.source_texts.items()
            ]
            if rows:
                c.execute(insert(texts), rows)
            summary = {kind: len(docs) for kind, docs in documents.items()} | {"changed": counts}
            self._record(
                c,
                ds.id,
                revision,
                "dataset",
                ds.id,
                "import",
                actor,
                reason,
                after=summary,
                snapshot_before=before,
                snapshot_after=snapshot(ds),
            )
            if folder is not None:
                c.execute(delete(import_problems).where(import_problems.c.folder == ds.id))
        return revision

    def _replace_kind(
        self,
        c: Connection,
        dataset_id: str,
        kind: str,
        wanted: dict[str, dict],
        actor: str,
        reason: str,
        revision: int,
        per_item: bool,
    ) -> dict[str, int]:
        """Make the stored items of one kind equal `wanted`; returns how many were added, changed, removed."""
        query = select(items).where(items.c.dataset_id == dataset_id, items.c.kind == kind)
        stored = {row.key: row for row in c.execute(query)}
        stamp = {"updated_by": actor, "updated_at": now()}
        added = changed = 0
        new_rows = []
        for sort, (key, data) in enumerate(wanted.items()):
            text = dumps(data)
            row = stored.pop(key, None)
            if row is None:
                new_rows.append(
                    {
                        "dataset_id": dataset_id,
                        "kind": kind,
                        "key": key,
                        "sort": sort,
                        "version": 1,
                        "data": text,
                        **columns(kind, data),
                        **stamp,
                    }
                )
                added += 1
                if per_item:
                    self._record(c, dataset_id, revision, kind, key, "import", actor, reason, after=data)
            elif row.data != text or row.sort != sort:
                bump = row.data != text
                c.execute(
                    update(items)
                    .where(items.c.pk == row.pk)
                    .values(data=text, sort=sort, version=row.version + bump, **columns(kind, data), **stamp)
                )
                if bump:
                    changed += 1
                    self._record(
                        c,
                        dataset_id,
                        revision,
                        kind,
                        key,
                        "import",
                        actor,
                        reason,
                        before=json.loads(row.data),
                        after=data,
                    )
        if new_rows:
            c.execute(insert(items), new_rows)
        for key, row in stored.items():
            c.execute(delete(items).where(items.c.pk == row.pk))
            self._record(c, dataset_id, revision, kind, key, "remove", actor, reason, before=json.loads(row.data))
        return {"added": added, "changed": changed, "removed": len(stored)}

    def record_problems(self, folder: str, digest: str, problems: list[Problem]) -> None:
        """Keep why a folder did not import, so every app process can show it without reading it again."""
        data = json.dumps([p.__dict__ for p in problems], ensure_ascii=False)
        with self._write() as c:
            c.execute(delete(import_problems).where(import_problems.c.folder == folder))
            c.execute(insert(import_problems).values(folder=folder, digest=digest, at=now(), problems=data))

    def import_failure(self, folder: str) -> str | None:
        """The digest of the folder content that last failed to import, or None."""
        with self.engine.connect() as c:
            return c.execute(select(import_problems.c.digest).where(import_problems.c.folder == folder)).scalar()

    def delete_dataset(self, dataset_id: str, actor: str, reason: str) -> None:
        with self._write() as c:
            revision = self._bump(c, dataset_id)
            before = snapshot(self._dataset(c, dataset_id))
            self._record(
                c, dataset_id, revision, "dataset", dataset_id, "delete", actor, reason, snapshot_before=before
            )
            for table in (items, texts):
                c.execute(delete(table).where(table.c.dataset_id == dataset_id))
            c.execute(delete(datasets).where(datasets.c.id == dataset_id))
