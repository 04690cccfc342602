"""Print how long each page takes, on the bundled data and on a generated large dataset.

For each dataset and page: the server-side script run (AppTest, first run with a cold cache,
then the median of warm runs) and the time until the page's charts are drawn in Chromium.
Run with `.venv/bin/python scripts/benchmark.py`; it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_synthetic_dataset  # noqa: E402

PAGES = ["overview", "compare", "gaps", "timeline", "sources", "briefing"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def server_side(data_dir: Path, dataset_id: str, warm_runs: int) -> dict[str, tuple[float, float]]:
    from streamlit.testing.v1 import AppTest

    # AppTest runs the script outside a server; Streamlit says so on every cached call.
    logging.getLogger("streamlit").setLevel(logging.ERROR)

    os.environ["PARLEY_DATA_DIR"] = str(data_dir)
    timings = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        at.query_params["dataset"] = dataset_id
        start = time.perf_counter()
        at.switch_page(f"pages/{page}.py").run()
        cold = time.perf_counter() - start
        warm = []
        for _ in range(warm_runs):
            start = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - start)
        if at.exception:
            print(f"  {page}: exception {at.exception[0].message}")
        timings[page] = (cold, statistics.median(warm))
    return timings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser_side(data_dir: Path, dataset_id: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = {**os.environ, "PARLEY_DATA_DIR": str(data_dir)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "dashboard.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    timings = {}
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(f"{base}/?dataset={dataset_id}")
            page.wait_for_selector('[data-testid="stApp"]', timeout=600_000)
            _wait_idle(page)
            for name in PAGES:
                start = time.perf_counter()
                page.goto(f"{base}/{name}?dataset={dataset_id}")
                page.wait_for_selector('[data-testid="stApp"]', timeout=600_000)
                _wait_idle(page)
                charts = page.locator('[data-testid="stPlotlyChart"]').count()
                if charts:
                    page.wait_for_function(
                        f"document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= {charts}",
                        timeout=600_000,
                    )
                timings[name] = time.perf_counter() - start
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return timings


def _wait_idle(page) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=600_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parties", type=int, default=30)
    parser.add_argument("--issues", type=int, default=60)
    parser.add_argument("--dates", type=int, default=40)
    parser.add_argument("--warm-runs", type=int, default=3)
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="parley-bench-"))
    try:
        bundled = workdir / "bundled"
        shutil.copytree(ROOT / "data", bundled)
        generated = workdir / "generated"
        start = time.perf_counter()
        write_synthetic_dataset(generated, args.parties, args.issues, args.dates)
        print(
            f"generated {args.parties} parties x {args.issues} issues x {args.dates} dates "
            f"in {time.perf_counter() - start:.1f}s"
        )
        for label, data_dir, dataset_id in (
            ("bundled russia-ukraine-2025", bundled, "russia-ukraine-2025"),
            (f"synthetic {args.parties}x{args.issues}x{args.dates}", generated, "synthetic"),
        ):
            print(f"\n{label}")
            print(f"  {'page':<10} {'server cold s':>14} {'server warm s':>14} {'charts drawn s':>15}")
            server = server_side(data_dir, dataset_id, args.warm_runs)
            browser = {} if args.skip_browser else browser_side(data_dir, dataset_id)
            for page in PAGES:
                cold, warm = server[page]
                drawn = f"{browser[page]:.2f}" if page in browser else "-"
                print(f"  {page:<10} {cold:>14.2f} {warm:>14.2f} {drawn:>15}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
