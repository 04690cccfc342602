"""Where the app's datasets come from: the store, kept in step with the data folder.

One Store per process (st.cache_resource); the folder is checked on the first run and then
every few seconds, never on every rerun. A dataset is read once per revision: the cache key is
the store's change counter, so a change made anywhere (another process, the command line, the
coding workspace) is picked up on the next run, and nothing is rebuilt while it is unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from parley.catalog import Entry
from parley.load import data_dir
from parley.model import Dataset
from parley.store import DATABASE_URL_ENV, Store, database_url
from parley.store.folders import sync

SYNC_SECONDS = 10


def store_url() -> str:
    """PARLEY_DATABASE_URL, else Streamlit's [connections.parley] url, else the default SQLite file."""
    if os.environ.get(DATABASE_URL_ENV):
        return os.environ[DATABASE_URL_ENV]
    try:
        configured = st.secrets.get("connections", {}).get("parley", {}).get("url")
    except FileNotFoundError:
        configured = None
    return database_url(configured)


@st.cache_resource(show_spinner=False, max_entries=8)
def store(url: str) -> Store:
    return Store(url)


@st.cache_resource(show_spinner="Importing the dataset folders…", ttl=SYNC_SECONDS, max_entries=8)
def _synced(url: str, root: str) -> dict[str, str]:
    """Notes per dataset (a folder changed after an edit in the store), after importing what changed."""
    return sync(store(url), Path(root))


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=16)
def _dataset(url: str, dataset_id: str, revision: int) -> Dataset:
    return store(url).dataset(dataset_id)


def catalog() -> tuple[dict[str, Entry], Callable[[str], Dataset]]:
    """The datasets as they stand now, and how to load one at its current revision."""
    url = store_url()
    found = store(url).entries(_synced(url, str(data_dir())))
    return found, lambda dataset_id: _dataset(url, dataset_id, found[dataset_id].revision)
