"""The database behind the app: SQLite by default, PostgreSQL for a team, every change kept.

YAML folders stay the format analysts exchange and review in git; the store is what the app
serves. parley.store.folders imports and exports folders, store.Store reads and writes.
"""

from parley.store.base import HistoryEntry, InvalidItem, StaleWrite, StoredItem
from parley.store.drafts import Draft, DraftConflict, DraftGone, OwnDraft
from parley.store.engine import DATABASE_URL_ENV, database_url
from parley.store.store import Store

__all__ = [
    "DATABASE_URL_ENV",
    "Draft",
    "DraftConflict",
    "DraftGone",
    "HistoryEntry",
    "InvalidItem",
    "OwnDraft",
    "StaleWrite",
    "Store",
    "StoredItem",
    "database_url",
]
