"""What every part of the store shares: its records, its errors, and how rows become them."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from parley.load import Problem
from parley.model import Dataset
from parley.store.documents import KINDS, assemble
from parley.store.schema import datasets, history, items, texts


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def loads(text: str | None) -> Any:
    return json.loads(text) if text else None


def snapshot(ds: Dataset) -> bytes:
    """A whole dataset as compressed JSON, kept with an import so it can be undone."""
    return zlib.compress(ds.model_dump_json().encode(), 6)


def columns(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The query columns of an item: a position's party, issue and date, an event's date."""
    if kind == "position":
        return {"party": data["party"], "issue": data["issue"], "date": data["date"]}
    return {"party": None, "issue": None, "date": data.get("date") if kind == "event" else None}


@dataclass(frozen=True)
class StoredItem:
    dataset_id: str
    kind: str
    key: str
    version: int
    data: dict[str, Any]
    updated_by: str
    updated_at: dt.datetime

    @classmethod
    def of(cls, row) -> StoredItem:
        return cls(row.dataset_id, row.kind, row.key, row.version, json.loads(row.data), row.updated_by, row.updated_at)


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

    @classmethod
    def of(cls, row) -> HistoryEntry:
        return cls(
            row.pk,
            row.dataset_id,
            row.revision,
            row.kind,
            row.key,
            row.action,
            row.actor,
            row.at,
            row.reason,
            loads(row.before),
            loads(row.after),
        )

    @property
    def restorable(self) -> bool:
        if self.kind == "dataset":
            return self.action == "import"
        # An approval is restored through the write it made (the create, update or remove beside it):
        # its own row holds the draft, not what the item was before.
        return self.action in ("create", "update", "remove", "import")


ITEM_WRITES = ("import", "create", "update", "remove", "restore")  # history actions that change an item


class StaleWrite(Exception):
    """A write based on a version that someone else has changed since: refused, nothing lost."""

    def __init__(self, current: StoredItem | None, change: HistoryEntry | None) -> None:
        self.current = current
        self.change = change
        who = f"{change.actor} on {change.at:%d %b %Y %H:%M} UTC" if change else "someone else"
        super().__init__(f"This item was changed by {who} after you opened it; your change was not saved.")


class InvalidItem(Exception):
    """An item that fails the loader's checks; `problems` are the loader's own messages."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class StoreBase:
    """The engine, write transactions, the revision counter and the history rows."""

    engine: Engine

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
    ) -> int:
        done = c.execute(
            insert(history).values(
                dataset_id=dataset_id,
                revision=revision,
                kind=kind,
                key=key,
                action=action,
                actor=actor,
                at=now(),
                reason=reason,
                before=None if before is None else dumps(before),
                after=None if after is None else dumps(after),
                **snapshots,
            )
        )
        return done.inserted_primary_key[0]

    def _last_change(self, c: Connection, dataset_id: str, kind: str, key: str) -> HistoryEntry | None:
        """The last write that changed the item: not a draft of it, nor a reviewer's decision on one."""
        row = c.execute(
            select(history)
            .where(
                history.c.dataset_id == dataset_id,
                history.c.kind == kind,
                history.c.key == key,
                history.c.action.in_(ITEM_WRITES),
            )
            .order_by(history.c.pk.desc())
            .limit(1)
        ).first()
        return HistoryEntry.of(row) if row else None

    def _dataset(self, c: Connection, dataset_id: str) -> Dataset:
        rows: dict[str, list[str]] = {kind: [] for kind in KINDS}
        query = select(items.c.kind, items.c.data).where(items.c.dataset_id == dataset_id)
        others = query.where(items.c.kind.not_in(("position", "event"))).order_by(items.c.kind, items.c.sort)
        for kind, data in c.execute(others):
            rows[kind].append(data)
        positions = query.where(items.c.kind == "position").order_by(items.c.date, items.c.party, items.c.issue)
        rows["position"] = [data for _, data in c.execute(positions)]
        events = query.where(items.c.kind == "event").order_by(items.c.date, items.c.sort)
        rows["event"] = [data for _, data in c.execute(events)]
        if not rows["info"]:
            raise KeyError(dataset_id)
        kept = dict(c.execute(select(texts.c.source_id, texts.c.text).where(texts.c.dataset_id == dataset_id)).all())
        return assemble(dataset_id, rows, kept)

    def _get(self, c: Connection, dataset_id: str, kind: str, key: str) -> StoredItem | None:
        query = select(items).where(items.c.dataset_id == dataset_id, items.c.kind == kind, items.c.key == key)
        row = c.execute(query).first()
        return StoredItem.of(row) if row else None
