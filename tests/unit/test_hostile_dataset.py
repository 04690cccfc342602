"""The hostile fixture itself must load, or the tests built on it prove nothing."""

from parley.load import load_dataset
from tests.support.hostile import PLANTED, write_hostile_dataset


def test_hostile_dataset_loads_with_text_intact(tmp_path):
    result = load_dataset(write_hostile_dataset(tmp_path))
    assert result.problems == []
    ds = result.dataset
    assert PLANTED in ds.info.title
    assert ds.positions[0].evidence[0].quote == PLANTED
