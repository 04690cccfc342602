"""Datasets the unit tests share: the mini fixture, and a history with a withdrawal."""

from pathlib import Path

import pytest

from parley.load import load_dataset
from tests.support.history import write_history_dataset

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini():
    return load_dataset(MINI).dataset


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    return load_dataset(write_history_dataset(tmp_path_factory.mktemp("data"))).dataset
