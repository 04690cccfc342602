"""The database behind the app: SQLite by default, PostgreSQL for a team, every change kept.

YAML folders stay the format analysts exchange and review in git; the store is what the app
serves. parley.store.folders imports and exports folders, store.Store reads and writes.
"""

from parley.store.engine import DATABASE_URL_ENV, database_url
from parley.store.store import HistoryEntry, InvalidItem, StaleWrite, Store, StoredItem

__all__ = ["DATABASE_URL_ENV", "HistoryEntry", "InvalidItem", "StaleWrite", "Store", "StoredItem", "database_url"]
