"""Datasets the unit tests share (the mini fixture, a history with a withdrawal), the chart
renderer, and the check that the programs a test reads its output with are installed."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from parley.load import load_dataset
from tests.support.browser import in_ci
from tests.support.history import write_history_dataset

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini():
    return load_dataset(MINI).dataset


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    return load_dataset(write_history_dataset(tmp_path_factory.mktemp("data"))).dataset


@pytest.fixture(scope="session")
def kaleido_server() -> Iterator[None]:
    """One headless Chromium for every chart image in the session; a chart then takes about a second."""
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    yield
    kaleido.stop_sync_server(silence_warnings=True)


def _require_programs(*programs: str, package: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if not missing:
        return
    reason = f"{', '.join(missing)} not installed (Debian's {package}; ./parley.sh test installs it as root)"
    if in_ci():
        pytest.fail(f"{reason}; CI=true: these tests must run, not skip", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def require_programs() -> Callable[..., None]:
    """`require_programs("pdftoppm", package="poppler-utils")` skips the test when a program is
    missing, and fails it instead when CI is "true"."""
    return _require_programs
