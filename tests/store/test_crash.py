"""Killing a writer in the middle of its writes leaves the store intact and every dataset whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_kills_during_imports_and_edits_corrupt_nothing(store_url):
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "crash_test.py"), "--kills", "3", "--url", store_url],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    assert "(3 inside a write transaction)" in run.stdout
    assert "corrupt stores: 0  half-written datasets: 0" in run.stdout
