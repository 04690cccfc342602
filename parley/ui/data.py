"""Where the app's datasets come from, cached per process and keyed by each dataset's version."""

from __future__ import annotations

import zlib
from pathlib import Path

import streamlit as st

from parley.catalog import Entry
from parley.load import LoadResult, data_dir, dataset_ids, load_dataset
from parley.model import Dataset


def _signature(folder: Path) -> tuple:
    """Names, sizes and mtimes of every file, so an edited dataset reloads without a restart."""
    return tuple(
        sorted(
            (str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*")
            if p.is_file()
        )
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def _load(folder: str, signature: tuple) -> LoadResult:
    return load_dataset(Path(folder))


def entries() -> dict[str, Entry]:
    root = data_dir()
    found = {}
    for dataset_id in dataset_ids(root):
        signature = _signature(root / dataset_id)
        result = _load(str(root / dataset_id), signature)
        title = result.dataset.info.title if result.ok else ""
        found[dataset_id] = Entry(dataset_id, title, zlib.crc32(repr(signature).encode()), tuple(result.problems))
    return found


def dataset(dataset_id: str) -> Dataset:
    folder = data_dir() / dataset_id
    return _load(str(folder), _signature(folder)).dataset
