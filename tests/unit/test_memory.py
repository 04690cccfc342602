"""Reading a dataset pauses the garbage collector and gives it back as it was, even on an error."""

from __future__ import annotations

import gc

import pytest

from parley.memory import long_lived, no_collection


def test_the_collector_is_paused_while_a_dataset_is_built_and_then_restored():
    assert gc.isenabled()
    with no_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), no_collection():
        raise KeyError("no such dataset")
    assert gc.isenabled()


def test_a_collector_paused_by_someone_else_stays_paused():
    gc.disable()
    try:
        with no_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_is_kept_for_long_is_frozen_out_of_the_walks():
    gc.unfreeze()
    before = gc.get_freeze_count()
    kept = long_lived([[n] for n in range(1000)])  # lists: the collector tracks them (a dict of ints it need not)
    try:
        assert gc.get_freeze_count() >= before + 1000 and len(kept) == 1000
    finally:
        gc.unfreeze()
