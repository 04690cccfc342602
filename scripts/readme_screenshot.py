"""Remake docs/screenshot.png: what `./parley.sh run` opens with, on the bundled data, at 1440x900.

A fresh server on a temporary store, the address with no parameters (the app's own defaults),
the window as a reader sees it, not the whole scrolled page. Run it after changing what the
first page shows: `.venv/bin/python scripts/readme_screenshot.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.support.browser import BUNDLED_DATA, CHROMIUM, CHROMIUM_ARGS, open_app, start_server, wait_for_charts  # noqa: E402

TARGET = ROOT / "docs" / "screenshot.png"


def main() -> None:
    server = start_server(BUNDLED_DATA, name="readme-screenshot")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="en-GB", timezone_id="UTC")
            open_app(page, server.url)
            wait_for_charts(page, 1)
            page.wait_for_timeout(500)  # the chart's own transitions
            page.screenshot(path=str(TARGET))
            browser.close()
    finally:
        server.stop()
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
