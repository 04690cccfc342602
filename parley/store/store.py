"""The store: every dataset, item and kept text, with a version on each and a history of each write.

Every write is one transaction that raises the dataset's revision (the change counter the
app's caches are keyed by), carries the version it was based on (a write based on an older
version is refused with the other change, never lost), and leaves a history row: who, when,
what it was before and after, and why.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from parley.catalog import Entry
from parley.load import Problem
from parley.model import Dataset
from parley.store.documents import KINDS, assemble, dataset_documents, keyed
from parley.store.engine import open_engine, upgrade
from parley.store.schema import datasets, history, import_problems, items, texts


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class StoredItem:
    dataset_id: str
    kind: str
    key: str
    version: int
    data: dict[str, Any]
    updated_by: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class HistoryEntry:
    pk: int
    dataset_id: str
    revision: int
    kind: str
    key: str
    action: str
    actor: str
    at: dt.datetime
    reason: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def restorable(self) -> bool:
        return self.kind != "dataset" or self.action == "import"


class StaleWrite(Exception):
    """A write based on a version that someone else has changed since: refused, nothing lost."""

    def __init__(self, current: StoredItem | None, change: HistoryEntry | None) -> None:
        self.current = current
        self.change = change
        who = f"{change.actor} on {change.at:%d %b %Y %H:%M} UTC" if change else "someone else"
        super().__init__(f"This item was changed by {who} after you opened it; your change was not saved.")


class InvalidItem(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class Store:
    def __init__(self, url: str | None = None, migrate: bool = True, engine: Engine | None = None) -> None:
        self.engine = engine or open_engine(url)
        if migrate:
            upgrade(self.engine)

    # --- reading -------------------------------------------------------------------------------

    def revisions(self) -> dict[str, int]:
        with self.engine.connect() as c:
            return dict(c.execute(select(datasets.c.id, datasets.c.revision)).all())

    def entries(self, notes: dict[str, str] | None = None) -> dict[str, Entry]:
        """Every dataset in the store, and every folder whose import failed before it ever loaded."""
        notes = notes or {}
        found: dict[str, Entry] = {}
        with self.engine.connect() as c:
            for row in c.execute(select(datasets.c.id, datasets.c.title, datasets.c.revision).order_by(datasets.c.id)):
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
        with self.engine.connect() as c, c.begin():
            return self._dataset(c, dataset_id)

    def _dataset(self, c: Connection, dataset_id: str) -> Dataset:
        rows: dict[str, list[str]] = {kind: [] for kind in KINDS}
        query = select(items.c.kind, items.c.data).where(items.c.dataset_id == dataset_id)
        for kind, data in c.execute(query.where(items.c.kind != "position").order_by(items.c.kind, items.c.sort)):
            rows[kind].append(data)
        positions = query.where(items.c.kind == "position").order_by(items.c.date, items.c.party, items.c.issue)
        rows["position"] = [data for _, data in c.execute(positions)]
        kept = dict(c.execute(select(texts.c.source_id, texts.c.text).where(texts.c.dataset_id == dataset_id)).all())
        if not rows["info"]:
            raise KeyError(dataset_id)
        events = sorted((json.loads(r) for r in rows["event"]), key=lambda e: e["date"])
        rows["event"] = [json.dumps(e) for e in events]
        return assemble(dataset_id, rows, kept)

    def revision(self, dataset_id: str) -> int | None:
        with self.engine.connect() as c:
            return c.execute(select(datasets.c.revision).where(datasets.c.id == dataset_id)).scalar()

    def folder_state(self, dataset_id: str) -> tuple[str | None, bool] | None:
        """(the digest of the folder it was imported from, edited in the store since) or None."""
        with self.engine.connect() as c:
            row = c.execute(
                select(datasets.c.folder_digest, datasets.c.edited).where(datasets.c.id == dataset_id)
            ).first()
        return (row.folder_digest, row.edited) if row else None

    def items(self, dataset_id: str, kind: str) -> list[StoredItem]:
        with self.engine.connect() as c:
            query = select(items).where(items.c.dataset_id == dataset_id, items.c.kind == kind).order_by(items.c.sort)
            return [self._item(r) for r in c.execute(query)]

    def item(self, dataset_id: str, kind: str, key: str) -> StoredItem | None:
        with self.engine.connect() as c:
            return self._get(c, dataset_id, kind, key)

    def _get(self, c: Connection, dataset_id: str, kind: str, key: str) -> StoredItem | None:
        row = c.execute(
            select(items).where(items.c.dataset_id == dataset_id, items.c.kind == kind, items.c.key == key)
        ).first()
        return self._item(row) if row else None

    @staticmethod
    def _item(row) -> StoredItem:
        return StoredItem(
            row.dataset_id, row.kind, row.key, row.version, json.loads(row.data), row.updated_by, row.updated_at
        )

    def position_key(self, dataset_id: str, party: str, issue: str, date: str) -> str | None:
        with self.engine.connect() as c:
            return c.execute(
                select(items.c.key).where(
                    items.c.dataset_id == dataset_id,
                    items.c.kind == "position",
                    items.c.party == party,
                    items.c.issue == issue,
                    items.c.date == date,
                )
            ).scalar()

    def history(
        self, dataset_id: str, kind: str | None = None, key: str | None = None, limit: int = 500
    ) -> list[HistoryEntry]:
        query = select(history).where(history.c.dataset_id == dataset_id)
        if kind is not None:
            query = query.where(history.c.kind == kind)
        if key is not None:
            query = query.where(history.c.key == key)
        with self.engine.connect() as c:
            rows = c.execute(query.order_by(history.c.pk.desc()).limit(limit)).all()
        return [self._history(r) for r in rows]

    @staticmethod
    def _history(row) -> HistoryEntry:
        load = lambda text: json.loads(text) if text else None  # noqa: E731
        return HistoryEntry(
            row.pk,
            row.dataset_id,
            row.revision,
            row.kind,
            row.key,
            row.action,
            row.actor,
            row.at,
            row.reason,
            load(row.before),
            load(row.after),
        )

    # --- writing -------------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(parley_write=True) as c, c.begin():
            yield c

    def _bump(self, c: Connection, dataset_id: str, edited: bool | None = True) -> int:
        """Raise the dataset's revision; locks its row until the transaction ends (PostgreSQL)."""
        values: dict[str, Any] = {"revision": datasets.c.revision + 1, "updated_at": now()}
        if edited is not None:
            values["edited"] = edited
        c.execute(update(datasets).where(datasets.c.id == dataset_id).values(**values))
        revision = c.execute(select(datasets.c.revision).where(datasets.c.id == dataset_id)).scalar()
        if revision is None:
            raise KeyError(dataset_id)
        return revision

    def _record(
        self,
        c: Connection,
        dataset_id: str,
        revision: int,
        kind: str,
        key: str,
        action: str,
        actor: str,
        reason: str,
        before: Any = None,
        after: Any = None,
        **snapshots: bytes | None,
    ) -> None:
        c.execute(
            insert(history).values(
                dataset_id=dataset_id,
                revision=revision,
                kind=kind,
                key=key,
                action=action,
                actor=actor,
                at=now(),
                reason=reason,
                before=None if before is None else _dumps(before),
                after=None if after is None else _dumps(after),
                **snapshots,
            )
        )

    def import_dataset(
        self,
        ds: Dataset,
        actor: str,
        reason: str,
        folder: str | None = None,
        digest: str | None = None,
        texts_paths: dict[str, str] | None = None,
    ) -> int:
        """Write a whole dataset in one transaction, or nothing; returns its new revision.

        An existing dataset is updated in place: items are matched by id (positions by party,
        issue and date), so each keeps its history, and the whole dataset before and after is kept
        with the import so it can be restored.
        """
        documents = dataset_documents(ds)
        with self._write() as c:
            exists = c.execute(select(datasets.c.revision).where(datasets.c.id == ds.id)).scalar() is not None
            before = _snapshot(self._dataset(c, ds.id)) if exists else None
            if exists:
                revision = self._bump(c, ds.id, edited=False)
            else:
                revision = 1
                c.execute(
                    insert(datasets).values(
                        id=ds.id, title=ds.info.title, revision=1, edited=False, created_at=now(), updated_at=now()
                    )
                )
            c.execute(
                update(datasets)
                .where(datasets.c.id == ds.id)
                .values(title=ds.info.title, folder=folder, folder_digest=digest)
            )
            counts = {}
            for kind, docs in documents.items():
                counts[kind] = self._replace_kind(
                    c, ds.id, kind, keyed(kind, docs), actor, reason, revision, per_item=exists
                )
            c.execute(delete(texts).where(texts.c.dataset_id == ds.id))
            paths = texts_paths or {}
            sources = {s.id: s for s in ds.sources}
            rows = [
                {
                    "dataset_id": ds.id,
                    "source_id": sid,
                    "path": paths.get(sid) or sources[sid].text_file or "",
                    "text": text,
                }
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
                snapshot_after=_snapshot(ds),
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
        stored = {
            row.key: row
            for row in c.execute(select(items).where(items.c.dataset_id == dataset_id, items.c.kind == kind))
        }
        stamp = {"updated_by": actor, "updated_at": now()}
        added = changed = 0
        new_rows = []
        for sort, (key, data) in enumerate(wanted.items()):
            text = _dumps(data)
            columns = _columns(kind, data)
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
                        **columns,
                        **stamp,
                    }
                )
                added += 1
                if per_item:
                    self._record(c, dataset_id, revision, kind, key, "import", actor, reason, after=data)
            elif row.data != text or row.sort != sort:
                c.execute(
                    update(items)
                    .where(items.c.pk == row.pk)
                    .values(data=text, sort=sort, version=row.version + (row.data != text), **columns, **stamp)
                )
                if row.data != text:
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

    def save(
        self,
        dataset_id: str,
        kind: str,
        data: dict[str, Any],
        actor: str,
        reason: str,
        key: str | None = None,
        base_version: int | None = None,
        check: bool = True,
    ) -> StoredItem:
        """Create an item (key None) or change one (key and the version it was based on).

        Runs the loader's checks against the dataset as it stands in this transaction; an invalid
        item raises InvalidItem with the loader's own messages, a stale one StaleWrite.
        """
        from parley.store.checking import item_problems

        with self._write() as c:
            revision = self._bump(c, dataset_id)
            current = self._get(c, dataset_id, kind, key) if key is not None else None
            if key is not None and (current is None or current.version != base_version):
                raise StaleWrite(current, self._last_change(c, dataset_id, kind, key))
            if check:
                problems = item_problems(self._dataset(c, dataset_id), kind, data, replacing=current)
                if problems:
                    raise InvalidItem(problems)
            stamp = {"updated_by": actor, "updated_at": now()}
            if current is None:
                existing = {
                    r.key
                    for r in c.execute(
                        select(items.c.key).where(items.c.dataset_id == dataset_id, items.c.kind == kind)
                    )
                }
                key = next(iter(keyed(kind, [data]))) if kind != "info" else "info"
                base, n = key, 1
                while key in existing:
                    n += 1
                    key = f"{base}#{n}"
                sort = c.execute(
                    select(func.coalesce(func.max(items.c.sort), -1) + 1).where(
                        items.c.dataset_id == dataset_id, items.c.kind == kind
                    )
                ).scalar()
                c.execute(
                    insert(items).values(
                        dataset_id=dataset_id,
                        kind=kind,
                        key=key,
                        sort=sort,
                        version=1,
                        data=_dumps(data),
                        **_columns(kind, data),
                        **stamp,
                    )
                )
                self._record(c, dataset_id, revision, kind, key, "create", actor, reason, after=data)
            else:
                done = c.execute(
                    update(items)
                    .where(
                        items.c.dataset_id == dataset_id,
                        items.c.kind == kind,
                        items.c.key == key,
                        items.c.version == base_version,
                    )
                    .values(data=_dumps(data), version=base_version + 1, **_columns(kind, data), **stamp)
                )
                if done.rowcount != 1:
                    raise StaleWrite(self._get(c, dataset_id, kind, key), self._last_change(c, dataset_id, kind, key))
                self._record(
                    c, dataset_id, revision, kind, key, "update", actor, reason, before=current.data, after=data
                )
            if kind == "info":
                c.execute(update(datasets).where(datasets.c.id == dataset_id).values(title=data["title"]))
            return self._get(c, dataset_id, kind, key)

    def remove(self, dataset_id: str, kind: str, key: str, base_version: int, actor: str, reason: str) -> None:
        from parley.store.checking import removal_problems

        with self._write() as c:
            revision = self._bump(c, dataset_id)
            current = self._get(c, dataset_id, kind, key)
            if current is None or current.version != base_version:
                raise StaleWrite(current, self._last_change(c, dataset_id, kind, key))
            problems = removal_problems(self._dataset(c, dataset_id), kind, current.data)
            if problems:
                raise InvalidItem(problems)
            c.execute(delete(items).where(items.c.dataset_id == dataset_id, items.c.kind == kind, items.c.key == key))
            self._record(c, dataset_id, revision, kind, key, "remove", actor, reason, before=current.data)

    def _last_change(self, c: Connection, dataset_id: str, kind: str, key: str) -> HistoryEntry | None:
        row = c.execute(
            select(history)
            .where(history.c.dataset_id == dataset_id, history.c.kind == kind, history.c.key == key)
            .order_by(history.c.pk.desc())
            .limit(1)
        ).first()
        return self._history(row) if row else None

    def restore(self, pk: int, actor: str, reason: str) -> int:
        """Put back what a history row recorded before it: an item's earlier version, or a dataset's
        state before an import. The restore is itself a recorded write."""
        with self.engine.connect() as c:
            row = c.execute(select(history).where(history.c.pk == pk)).first()
        if row is None:
            raise KeyError(pk)
        entry = self._history(row)
        if entry.kind == "dataset":
            snapshot = row.snapshot_before or row.snapshot_after
            if snapshot is None:
                raise ValueError("this history entry holds no snapshot to restore")
            ds = Dataset.model_validate_json(zlib.decompress(snapshot))
            return self.import_dataset(ds, actor, reason)
        current = self.item(entry.dataset_id, entry.kind, entry.key)
        if entry.before is None:  # it was created then: restoring removes it
            if current is not None:
                self.remove(entry.dataset_id, entry.kind, entry.key, current.version, actor, reason)
        elif current is None:
            self.save(entry.dataset_id, entry.kind, entry.before, actor, reason)
        else:
            self.save(
                entry.dataset_id, entry.kind, entry.before, actor, reason, key=entry.key, base_version=current.version
            )
        return self.revision(entry.dataset_id) or 0

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
            snapshot = _snapshot(self._dataset(c, dataset_id))
            self._record(
                c, dataset_id, revision, "dataset", dataset_id, "delete", actor, reason, snapshot_before=snapshot
            )
            c.execute(delete(items).where(items.c.dataset_id == dataset_id))
            c.execute(delete(texts).where(texts.c.dataset_id == dataset_id))
            c.execute(delete(datasets).where(datasets.c.id == dataset_id))


def _columns(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    if kind == "position":
        return {"party": data["party"], "issue": data["issue"], "date": data["date"]}
    return {"party": None, "issue": None, "date": data.get("date") if kind == "event" else None}


def _snapshot(ds: Dataset) -> bytes:
    return zlib.compress(ds.model_dump_json().encode(), 6)
