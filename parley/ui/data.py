"""Where the app's datasets come from: the store, kept in step with the data folder.

One Store per process (st.cache_resource); the folder is checked on the first run and then
every few seconds, never on every rerun, and read in the background (parley.store.background.Background):
a run waits a few seconds at most for the dataset it asks for, and a slow folder holds back no
other. A dataset is read once per revision: the cache key is the store's change counter, so a
change made anywhere (another process, the command line, the coding workspace) is picked up on
the next run, and nothing is rebuilt while it is unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from parley.catalog import Entry
from parley.load import data_dir
from parley.memory import long_lived
from parley.model import Dataset
from parley.store import DATABASE_URL_ENV, Store, database_url
from parley.store.background import Background

SYNC_SECONDS = 10
# A run waits this long for the folder it asks for before it says it is still being read (and then
# opens the dataset by itself once it is: parley.ui.shell).
WAIT_SECONDS = 2
READ_WAIT_SECONDS = 1800  # the server's own read of the default dataset waits this long for its folder


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


@st.cache_resource(show_spinner=False, max_entries=8)
def _importer(url: str, root: str) -> Background:
    return Background(store(url), Path(root), every=SYNC_SECONDS)


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=16)
def _dataset(url: str, dataset_id: str, revision: int) -> Dataset:
    return long_lived(store(url).dataset(dataset_id))


def catalog(wanted: str | None = None) -> tuple[dict[str, Entry], Callable[[str], Dataset]]:
    """The datasets as they stand now, and how to load one at its current revision.

    Starts importing what changed in the data folder; waits (a few seconds at most) only while
    the folder of `wanted`, or the first dataset there is to show, is still being read.
    """
    url = store_url()
    importer = _importer(url, str(data_dir()))
    importer.poke(wanted)
    if importer.busy(wanted):
        with st.spinner("Importing the dataset folders…"):
            importer.wait_for(wanted, WAIT_SECONDS)
    return _entries(url, importer)


def ready(wanted: str) -> tuple[dict[str, Entry], Callable[[str], Dataset]]:
    """What a first page run of `wanted` needs, done ahead of it: the store opened, the data folder
    imported (however long that takes: a page opened meanwhile waits for it too, and opens the
    dataset once it is read), the dataset read into the cache at its current revision.
    Returns the catalog, as `catalog` does."""
    url = store_url()
    importer = _importer(url, str(data_dir()))
    importer.poke(wanted)
    importer.wait_for(wanted, READ_WAIT_SECONDS)
    found, load = _entries(url, importer)
    if wanted in found and found[wanted].ok:
        load(wanted)
    return found, load


def _entries(url: str, importer: Background) -> tuple[dict[str, Entry], Callable[[str], Dataset]]:
    found = store(url).entries(importer.notes)
    return found, lambda dataset_id: _dataset(url, dataset_id, found[dataset_id].revision)


def wait_for_folder(dataset_id: str, seconds: float) -> bool:
    """Wait at most `seconds` for the folder of `dataset_id` to be read; True once it is."""
    return _importer(store_url(), str(data_dir())).wait_for(dataset_id, seconds)


def reading() -> dict[str, float]:
    """The dataset folders still being read, and for how many seconds each has waited."""
    return _importer(store_url(), str(data_dir())).reading()
