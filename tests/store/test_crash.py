"""Killing a writer in the middle of its writes leaves the store intact and every dataset whole."""

from __future__ import annotations

import re
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
    # A kill can land between two writes (on a busy machine one of three did): at least one must
    # land inside one, or the test would prove nothing.
    inside = re.search(r"kills: 3 \((\d) inside a write transaction\)", run.stdout)
    assert inside and int(inside.group(1)) >= 1, run.stdout
    assert "corrupt stores: 0  half-written datasets: 0" in run.stdout
