"""Review: a new or changed item waits as a draft until a second analyst approves it.

Readers only ever see approved items; a draft lives in its own table. The reviewer sees each
draft beside the approved version it changes and approves it, sends it back with a comment, or
rejects it; each step is in the history. A draft is checked like any write when it is made, and
again when it is approved, against the dataset as it then stands.

It is longer than most modules because drafting, approving, sending back and rejecting share the
same checks, version tests and history writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update

from parley.model import Source
from parley.store.base import InvalidItem, StaleWrite, StoreBase, StoredItem, dumps, loads, now
from parley.store.documents import keyed, natural_key
from parley.store.schema import datasets, drafts

OPEN = ("draft", "sent_back")


@dataclass(frozen=True)
class Draft:
    pk: int
    dataset_id: str
    kind: str
    key: str | None  # the approved item it changes; None for a new one
    base_version: int | None
    data: dict[str, Any] | None
    text: str | None
    action: str  # create, update, remove
    status: str  # draft, sent_back, approved, rejected
    version: int
    author: str
    reason: str
    comment: str
    reviewer: str | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, row) -> Draft:
        return cls(
            row.pk,
            row.dataset_id,
            row.kind,
            row.key,
            row.base_version,
            loads(row.data),
            row.text,
            row.action,
            row.status,
            row.version,
            row.author,
            row.reason,
            row.comment,
            row.reviewer,
            row.created_at,
            row.updated_at,
        )

    @property
    def label_key(self) -> str:
        """The key its history rows carry: the item's, or for a new item the key it will get."""
        return self.key or next(iter(keyed(self.kind, [self.data])))


class DraftConflict(Exception):
    """Someone else has an open draft of the same item: the second is refused, the first is shown."""

    def __init__(self, other: Draft) -> None:
        self.other = other
        super().__init__(
            f"{other.author} already has a draft of this item (since {other.created_at:%d %b %Y %H:%M} UTC)"
        )


class OwnDraft(Exception):
    """An author cannot approve their own draft."""


class DraftGone(Exception):
    """The draft was approved, rejected or changed since the page showed it."""


class Drafting(StoreBase):
    def _revision(self, c: Connection, dataset_id: str) -> int:
        return c.execute(select(datasets.c.revision).where(datasets.c.id == dataset_id)).scalar()

    def _checked(self, c: Connection, d_dataset: str, kind: str, data: dict, author: str, current, text=None) -> None:
        """The loader's checks on a draft, against the approved dataset and the author's own draft sources."""
        from parley.store.checking import item_problems

        ds = self._dataset(c, d_dataset)
        mine = [
            Draft.of(r)
            for r in c.execute(
                select(drafts).where(
                    drafts.c.dataset_id == d_dataset,
                    drafts.c.kind == "source",
                    drafts.c.author == author,
                    drafts.c.status.in_(OPEN),
                )
            )
        ]
        extra = [Source.model_validate(d.data) for d in mine if d.data and d.data["id"] not in ds.sources_by_id]
        if extra:
            texts = {**ds.source_texts, **{d.data["id"]: d.text for d in mine if d.text and d.data}}
            ds = ds.model_copy(update={"sources": [*ds.sources, *extra], "source_texts": texts})
        if text is not None and data.get("id"):
            ds = ds.model_copy(update={"source_texts": {**ds.source_texts, data["id"]: text}})
        problems = item_problems(ds, kind, data, replacing=current)
        if problems:
            raise InvalidItem(problems)

    def propose(
        self,
        dataset_id: str,
        kind: str,
        data: dict[str, Any] | None,
        author: str,
        reason: str,
        key: str | None = None,
        base_version: int | None = None,
        remove: bool = False,
        text: str | None = None,
    ) -> Draft:
        """A draft of a new item (key None), a change (key and the approved version it starts from),
        or a removal (remove=True). Refused when the approved item changed since base_version or
        someone else has an open draft of it; nothing is written then."""
        action = "remove" if remove else "update" if key is not None else "create"
        with self._write() as c:
            current = self._get(c, dataset_id, kind, key) if key is not None else None
            if key is not None and (current is None or current.version != base_version):
                raise StaleWrite(current, self._last_change(c, dataset_id, kind, key))
            if key is not None:
                other = c.execute(
                    select(drafts).where(
                        drafts.c.dataset_id == dataset_id,
                        drafts.c.kind == kind,
                        drafts.c.key == key,
                        drafts.c.status.in_(OPEN),
                        drafts.c.author != author,
                    )
                ).first()
                if other is not None:
                    raise DraftConflict(Draft.of(other))
            if not remove:
                self._checked(c, dataset_id, kind, data, author, current, text)
            if key is None and kind != "event":
                # A new item with an open draft already (one party's position on one issue and day, one id),
                # by anyone: the loader would refuse the second on approval, so it is refused now.
                same = natural_key(kind, data)
                others = c.execute(
                    select(drafts).where(
                        drafts.c.dataset_id == dataset_id,
                        drafts.c.kind == kind,
                        drafts.c.key.is_(None),
                        drafts.c.status.in_(OPEN),
                    )
                )
                for row in others:
                    other = Draft.of(row)
                    if other.data and natural_key(kind, other.data) == same:
                        raise DraftConflict(other)
            stamp = now()
            done = c.execute(
                insert(drafts).values(
                    dataset_id=dataset_id,
                    kind=kind,
                    key=key,
                    base_version=base_version,
                    data=None if data is None else dumps(data),
                    text=text,
                    action=action,
                    status="draft",
                    version=1,
                    author=author,
                    reason=reason,
                    comment="",
                    created_at=stamp,
                    updated_at=stamp,
                )
            )
            draft = self._draft(c, done.inserted_primary_key[0])
            self._record(
                c,
                dataset_id,
                self._revision(c, dataset_id),
                kind,
                draft.label_key,
                "draft",
                author,
                reason,
                before=current.data if current else None,
                after=data,
            )
            return draft

    def _draft(self, c: Connection, pk: int) -> Draft:
        row = c.execute(select(drafts).where(drafts.c.pk == pk)).first()
        if row is None:
            raise DraftGone(f"draft {pk} no longer exists")
        return Draft.of(row)

    def draft(self, pk: int) -> Draft | None:
        with self.engine.connect() as c:
            row = c.execute(select(drafts).where(drafts.c.pk == pk)).first()
        return Draft.of(row) if row else None

    def drafts(self, dataset_id: str, statuses: tuple[str, ...] = OPEN) -> list[Draft]:
        with self.engine.connect() as c:
            query = select(drafts).where(drafts.c.dataset_id == dataset_id, drafts.c.status.in_(statuses))
            return [Draft.of(r) for r in c.execute(query.order_by(drafts.c.pk))]

    def revise(
        self, pk: int, data: dict[str, Any], version: int, author: str, reason: str, text: str | None = None
    ) -> Draft:
        """The author changes an open draft (after it was sent back, say); it waits for review again."""
        with self._write() as c:
            draft = self._draft(c, pk)
            if draft.author != author or draft.status not in OPEN or draft.version != version:
                raise DraftGone("the draft was reviewed or changed since you opened it")
            current = self._get(c, draft.dataset_id, draft.kind, draft.key) if draft.key else None
            self._checked(c, draft.dataset_id, draft.kind, data, author, current, text)
            c.execute(
                update(drafts)
                .where(drafts.c.pk == pk)
                .values(
                    data=dumps(data),
                    text=text if text is not None else draft.text,
                    status="draft",
                    version=version + 1,
                    reason=reason,
                    updated_at=now(),
                )
            )
            self._record(
                c,
                draft.dataset_id,
                self._revision(c, draft.dataset_id),
                draft.kind,
                draft.label_key,
                "revise",
                author,
                reason,
                before=draft.data,
                after=data,
            )
            return self._draft(c, pk)

    def approve(
        self, pk: int, reviewer: str, comment: str = "", version: int | None = None, allow_own: bool = False
    ) -> StoredItem | None:
        """Make a draft the approved item, in one transaction with the check that it still applies."""
        with self._write() as c:
            draft = self._reviewable(c, pk, reviewer, version, allow_own)
            why = draft.reason + (f" (approved by {reviewer}: {comment})" if comment else f" (approved by {reviewer})")
            if draft.action == "remove":
                self._remove(c, draft.dataset_id, draft.kind, draft.key, draft.base_version, draft.author, why)
                item = None
            else:
                item = self._save(
                    c,
                    draft.dataset_id,
                    draft.kind,
                    draft.data,
                    draft.author,
                    why,
                    draft.key,
                    draft.base_version,
                    draft.text,
                )
            self._close(c, draft, "approved", reviewer, comment, "approve", item.key if item else draft.key)
            return item

    def send_back(
        self, pk: int, reviewer: str, comment: str, version: int | None = None, allow_own: bool = False
    ) -> None:
        if not comment.strip():
            raise ValueError("say what needs to change: a draft is sent back with a comment")
        with self._write() as c:
            draft = self._reviewable(c, pk, reviewer, version, allow_own)
            self._close(c, draft, "sent_back", reviewer, comment, "send back", draft.key)

    def reject(self, pk: int, reviewer: str, comment: str, version: int | None = None, allow_own: bool = False) -> None:
        with self._write() as c:
            draft = self._reviewable(c, pk, reviewer, version, allow_own)
            self._close(c, draft, "rejected", reviewer, comment, "reject", draft.key)

    def _reviewable(self, c: Connection, pk: int, reviewer: str, version: int | None, allow_own: bool) -> Draft:
        draft = self._draft(c, pk)
        if draft.status != "draft" or (version is not None and draft.version != version):
            raise DraftGone("the draft was reviewed or changed since you opened it")
        if draft.author == reviewer and not allow_own:
            raise OwnDraft("an author cannot approve, send back or reject their own draft; ask a second analyst")
        return draft

    def _close(
        self, c: Connection, draft: Draft, status: str, reviewer: str, comment: str, action: str, key: str | None
    ) -> None:
        c.execute(
            update(drafts)
            .where(drafts.c.pk == draft.pk)
            .values(status=status, reviewer=reviewer, comment=comment, version=draft.version + 1, updated_at=now())
        )
        self._record(
            c,
            draft.dataset_id,
            self._revision(c, draft.dataset_id),
            draft.kind,
            key or draft.label_key,
            action,
            reviewer,
            comment or draft.reason,
            after=draft.data,
        )
