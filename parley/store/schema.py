"""The store's tables, as SQLAlchemy Core: one definition for the queries (migrations create them).

Items are kept as JSON documents beside the few columns queries need, the way Grafana keeps
dashboards: the dataset format stays one definition (parley.model), every kind of item is
versioned, checked and recorded by the same code, and a new field needs no migration.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

datasets = Table(
    "datasets",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", String(300), nullable=False),
    # Raised by every write in the same transaction: caches and exports are keyed by it.
    Column("revision", BigInteger, nullable=False),
    Column("folder", Text),  # the folder it was last imported from
    Column("folder_digest", String(64)),  # the folder's content at that import
    Column("edited", Boolean, nullable=False),  # changed in the store since that import
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

items = Table(
    "items",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("dataset_id", String(64), ForeignKey("datasets.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),  # info, party, issue, source, position, event
    Column("key", String(400), nullable=False),  # the item's id; for positions and events a stable key
    Column("sort", Integer, nullable=False),  # the order of the item in its file
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),  # the item as JSON text
    # Natural key of positions, for matching a re-imported folder to the items it updates.
    Column("party", String(64)),
    Column("issue", String(64)),
    Column("date", String(10)),
    Column("updated_by", String(200), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("dataset_id", "kind", "key", name="uq_items_key"),
)
Index("ix_items_dataset_kind", items.c.dataset_id, items.c.kind)

texts = Table(
    "texts",
    metadata,
    Column("dataset_id", String(64), ForeignKey("datasets.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", String(64), primary_key=True),
    Column("path", Text, nullable=False),  # the text_file it is exported to
    Column("text", Text, nullable=False),
)

history = Table(
    "history",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("dataset_id", String(64), nullable=False),  # kept after the dataset is deleted
    Column("revision", BigInteger, nullable=False),  # the dataset's revision after this write
    Column("kind", String(16), nullable=False),  # the item kind, or "dataset"
    Column("key", String(400), nullable=False),
    Column("action", String(16), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=False),
    Column("before", Text),  # JSON text
    Column("after", Text),
    # A whole dataset before and after an import, compressed JSON, so an import can be undone.
    Column("snapshot_before", LargeBinary),
    Column("snapshot_after", LargeBinary),
)
Index("ix_history_dataset", history.c.dataset_id, history.c.kind, history.c.key)

import_problems = Table(
    "import_problems",
    metadata,
    Column("folder", String(400), primary_key=True),  # the folder name
    Column("digest", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("problems", Text, nullable=False),  # JSON text
)

drafts = Table(
    "drafts",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("dataset_id", String(64), ForeignKey("datasets.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("key", String(400)),  # the approved item it changes; None for a new one
    Column("base_version", Integer),  # the approved version it was drafted from
    Column("data", Text),  # the item as JSON text; None when the draft removes it
    Column("action", String(16), nullable=False),  # create, update, remove
    Column("status", String(16), nullable=False),  # draft, sent_back, approved, rejected
    Column("version", Integer, nullable=False),  # of the draft itself, so two editors cannot overwrite it
    Column("author", String(200), nullable=False),
    Column("reason", Text, nullable=False),
    Column("comment", Text, nullable=False, server_default=""),  # the reviewer's
    Column("reviewer", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_drafts_dataset_status", drafts.c.dataset_id, drafts.c.status)
