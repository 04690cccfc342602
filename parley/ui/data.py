"""Cached loading: datasets are read once and re-read only when a file in them changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from parley import changes, gaps, tables
from parley.charts.timeline import gap_figure
from parley.load import LoadResult, data_dir, dataset_ids, load_dataset


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


def load_results() -> dict[str, LoadResult]:
    root = data_dir()
    return {i: _load(str(root / i), _signature(root / i)) for i in dataset_ids(root)}


def result(dataset_id: str) -> LoadResult:
    folder = data_dir() / dataset_id
    return _load(str(folder), _signature(folder))


@st.cache_data(show_spinner=False, max_entries=64)
def positions(dataset_id: str, signature: tuple) -> pd.DataFrame:
    return tables.positions_frame(result(dataset_id).dataset)


@st.cache_data(show_spinner=False, max_entries=256)
def in_force(dataset_id: str, signature: tuple, as_of: str) -> pd.DataFrame:
    return tables.in_force(positions(dataset_id, signature), pd.Timestamp(as_of))


@st.cache_data(show_spinner=False, max_entries=256)
def issue_gaps(dataset_id: str, signature: tuple, as_of: str, parties: tuple[str, ...]) -> pd.DataFrame:
    ds = result(dataset_id).dataset
    return gaps.issue_gaps(in_force(dataset_id, signature, as_of), tables.issues_frame(ds), list(parties))


@st.cache_data(show_spinner=False, max_entries=256)
def matrix(dataset_id: str, signature: tuple, as_of: str, parties: tuple[str, ...]) -> pd.DataFrame:
    """Issues x parties as of a date, "not stated" cells included (tables.matrix), cached."""
    ds = result(dataset_id).dataset
    return tables.matrix(ds, positions(dataset_id, signature), list(parties), pd.Timestamp(as_of).date())


@st.cache_data(show_spinner=False, max_entries=256)
def distances(dataset_id: str, signature: tuple, as_of: str, parties: tuple[str, ...]) -> pd.DataFrame:
    """Mean weighted gap between each pair of parties as of a date (gaps.distance_matrix), cached."""
    frame = gaps.distance_matrix(in_force(dataset_id, signature, as_of), list(parties))
    frame.attrs["counts"] = frame.attrs["counts"].copy()
    return frame


@st.cache_data(show_spinner=False, max_entries=64)
def evidence(dataset_id: str, signature: tuple) -> pd.DataFrame:
    """Every quote with its source (tables.evidence_frame), cached: large datasets hold many."""
    return tables.evidence_frame(result(dataset_id).dataset)


@st.cache_data(show_spinner=False, max_entries=64)
def sources(dataset_id: str, signature: tuple) -> pd.DataFrame:
    return tables.sources_frame(result(dataset_id).dataset)


@st.cache_data(show_spinner=False, max_entries=64)
def gaps_over_time(
    dataset_id: str, signature: tuple, as_of: str, a: str, b: str, start: dt.date, end: dt.date, window: tuple
) -> go.Figure:
    """The Timeline's gap small multiples (one row per issue), cached: each row walks the history."""
    ds = result(dataset_id).dataset
    frame = positions(dataset_id, signature)
    frame = frame[(frame["date"] <= pd.Timestamp(as_of)) & frame["party"].isin([a, b])]
    readings = changes.gap_readings(ds, frame, a, b, start, end)
    return gap_figure(ds, frame, a, b, readings, start, end, window=window)
