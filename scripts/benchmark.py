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
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_synthetic_dataset  # noqa: E402

from tests.support.browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    VIEWPORT,
    open_app,
    start_server,
    wait_for_charts,
)

PAGES = ["overview", "compare", "gaps", "timeline", "sources", "briefing"]


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


def browser_side(data_dir: Path, dataset_id: str) -> dict[str, float]:
    """Seconds from navigation until the page's script has run and every chart has drawn."""
    from playwright.sync_api import sync_playwright

    server = start_server(data_dir, name=f"benchmark-{dataset_id}")
    timings = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=VIEWPORT)
            open_app(page, server.url, f"?dataset={dataset_id}", timeout_ms=600_000)  # loads and caches the data
            for name in PAGES:
                start = time.perf_counter()
                path = "" if name == "overview" else name  # the default page lives at /
                open_app(page, server.url, f"{path}?dataset={dataset_id}", timeout_ms=600_000)
                wait_for_charts(page, 0, timeout_ms=600_000)
                timings[name] = time.perf_counter() - start
            browser.close()
    finally:
        server.stop()
    return timings


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
