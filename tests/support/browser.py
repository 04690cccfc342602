"""Shared helpers for the browser tests: run the app with `streamlit run`, drive it in Chromium.

The server helpers start the real app on a free loopback port and poll Streamlit's health
endpoint; the page helpers wait for the script run to finish (Streamlit marks its root element
with data-test-script-state, the same signal its own e2e suite waits for) and for every plotly
chart to draw, and save screenshots under artifacts/screenshots/ (ignored by git).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
APP = ROOT / "app.py"  # the server: serves dashboard.py, readied as it starts
BUNDLED_DATA = ROOT / "data"
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
SERVER_LOGS = ARTIFACTS / "server-logs"

CHROMIUM = os.environ.get("PARLEY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 720}
VIEWPORT_LARGE = {"width": 1920, "height": 1080}

STARTUP_TIMEOUT_S = 90
RUN_TIMEOUT_MS = 60_000
CHART_SELECTOR = '[data-testid="stPlotlyChart"]'


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


# --- the server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class AppServer:
    url: str
    process: subprocess.Popen
    log: Path

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def start_server(
    data_dir: Path,
    env: dict[str, str] | None = None,
    name: str = "app",
    script: Path = APP,
    options: tuple[str, ...] = (),
) -> AppServer:
    """`streamlit run app.py` (or another `script`) on a free 127.0.0.1 port with PARLEY_DATA_DIR=data_dir.

    `options` are more streamlit flags, e.g. ("--runner.postScriptGC", "false"). Returns once
    /_stcore/health answers "ok"; raises RuntimeError with the server log if the
    process exits or does not become healthy in time.
    """
    port = free_port()
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "STREAMLIT_"))}
    store = Path(tempfile.mkdtemp(prefix="parley-store-")) / "store.db"
    full_env.update(
        {"PARLEY_DATA_DIR": str(data_dir), "PARLEY_DATABASE_URL": f"sqlite:///{store}", "PYTHONUNBUFFERED": "1"}
    )
    full_env.update(env or {})
    SERVER_LOGS.mkdir(parents=True, exist_ok=True)
    log = SERVER_LOGS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}-{port}.log"
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        *options,
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    server = AppServer(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}:\n{server.log_tail()}")
        if _healthy(server.url):
            return server
        time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"streamlit did not become healthy within {STARTUP_TIMEOUT_S} s:\n{server.log_tail()}")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


# --- the page ------------------------------------------------------------------------------


def wait_for_app_run(page: Page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until the websocket is connected and the script run has finished.

    Streamlit sets data-test-script-state on its root element (initial -> running ->
    notRunning); the status widget's running indicator is gone by then as well.
    """
    page.wait_for_timeout(250)  # widgets debounce for ~200 ms before a rerun starts
    page.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]').wait_for(
        state="attached", timeout=timeout_ms
    )
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        state="attached", timeout=timeout_ms
    )
    page.locator('[data-testid="stStatusWidgetRunningIcon"]').wait_for(state="detached", timeout=timeout_ms)
    page.locator('[data-testid="stSkeleton"]').first.wait_for(state="detached", timeout=timeout_ms)


def open_app(page: Page, url: str, path: str = "", timeout_ms: int = RUN_TIMEOUT_MS) -> Page:
    """Go to url + path (e.g. "/gaps?parties=blue,red") and wait for the app to finish drawing."""
    # A test may hold two pages (page and page_large); Chromium throttles the one in the
    # background, and plotly then never draws there. Bring this one to the front first.
    page.bring_to_front()
    page.goto(url.rstrip("/") + ("/" + path.lstrip("/") if path else "/"), timeout=timeout_ms)
    page.locator('[data-testid="stApp"]').wait_for(state="visible", timeout=timeout_ms)
    wait_for_app_run(page, timeout_ms)
    return page


def wait_for_charts(page: Page, minimum: int = 1, timeout_ms: int = RUN_TIMEOUT_MS) -> int:
    """Wait until at least `minimum` plotly charts exist and every one has drawn its SVG.

    Returns the number of charts on the page.
    """
    page.bring_to_front()
    page.wait_for_function(
        """([selector, minimum]) => {
            const charts = [...document.querySelectorAll(selector)];
            return charts.length >= minimum && charts.every(c => c.querySelector('.main-svg'));
        }""",
        arg=[CHART_SELECTOR, minimum],
        timeout=timeout_ms,
    )
    return page.locator(CHART_SELECTOR).count()


def chart_phrases(page: Page, index: int = 0) -> list[str]:
    """Each label of a chart as one phrase, its wrapped lines joined by spaces, trimmed: the spaces that
    stand a label off its line are not words."""
    return (
        page.locator(CHART_SELECTOR)
        .nth(index)
        .evaluate(
            """chart => [...chart.querySelectorAll('svg text')].map(t => {
            const lines = [...t.querySelectorAll('tspan.line')].map(l => l.textContent.trim());
            return (lines.length ? lines.join(' ') : t.textContent).trim();
        })"""
        )
    )


def chart_lines(page: Page, index: int = 0) -> list[str]:
    """A chart's words as a reader reads them: the texts whose middles sit on one line, left to right.

    Plotly draws a chart's texts in the order of its traces and annotations, not of the page, so
    a row's name and its gap are only side by side on the screen."""
    return (
        page.locator(CHART_SELECTOR)
        .nth(index)
        .evaluate(
            """chart => {
            const texts = [...chart.querySelectorAll('svg text')].map(t => {
                const box = t.getBoundingClientRect();
                return { mid: box.top + box.height / 2, left: box.left, text: t.textContent.trim() };
            }).filter(t => t.text).sort((a, b) => a.mid - b.mid || a.left - b.left);
            const lines = [];
            for (const t of texts) {
                const line = lines[lines.length - 1];
                if (line && Math.abs(line.mid - t.mid) < 4) line.texts.push(t);
                else lines.push({ mid: t.mid, texts: [t] });
            }
            return lines.map(l => l.texts.sort((a, b) => a.left - b.left).map(t => t.text).join(' '));
        }"""
        )
    )


# Text blocks a reader reads: each must show all its text, inside its container and the window.
TEXT_BLOCKS = ", ".join(
    [
        '[data-testid="stMarkdownContainer"] :is(p, li, h1, h2, h3, h4, h5, h6, blockquote)',
        '[data-testid="stCaptionContainer"]',
        '[data-testid="stText"]',
        '[data-testid="stHtml"] :is(th, td)',  # a static table's cells (parley.ui.static_table)
        '[data-testid="stHeading"] :is(h1, h2, h3, h4)',
        '[data-testid="stWidgetLabel"]',
        '[data-testid="stAlertContentWarning"], [data-testid="stAlertContentInfo"]',
        '[data-testid="stAlertContentError"]',
        '[data-testid="stPageLink"] a',
        '[data-baseweb="tag"]',
        '[data-baseweb="select"] [value]',
        "button",
        'button [data-testid="stMarkdownContainer"]',  # a label cut to "Pr…" inside its button
    ]
)
_SCREEN_PROBLEMS = """(selector) => {
    const problems = [];
    const width = document.documentElement.clientWidth;
    const say = (el) => (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 70);
    for (const el of document.querySelectorAll(selector)) {
        const style = getComputedStyle(el);
        if (style.display === 'inline' || style.visibility === 'hidden') continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || !say(el)) continue;  // not shown
        if (el.closest('[data-testid="stSidebar"]') && el.closest('[data-testid="stSidebar"]')
                .getAttribute('aria-expanded') === 'false') continue;
        if (el.scrollWidth > el.clientWidth + 1) {
            problems.push(`text wider than its box (${el.scrollWidth} > ${el.clientWidth} px): ${say(el)}`);
        }
        if (['hidden', 'clip'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 2) {
            problems.push(`text taller than its box (${el.scrollHeight} > ${el.clientHeight} px): ${say(el)}`);
        }
        if (box.right > width + 1 || box.left < -1) {
            problems.push(`text outside the window (${Math.round(box.left)}–${Math.round(box.right)} px): ${say(el)}`);
        }
        // Sideways only: below the fold is where scrolling goes, not a cut.
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            const outer = up.getBoundingClientRect();
            if (['hidden', 'clip'].includes(getComputedStyle(up).overflowX)
                    && (box.right > outer.right + 1 || box.left < outer.left - 1)) {
                problems.push(`text cut by its container: ${say(el)}`);
                break;
            }
        }
    }
    return [...new Set(problems)];
}"""
_CHART_PROBLEMS = """(selector) => {
    const problems = [];
    const charts = [...document.querySelectorAll(selector)];
    charts.forEach((chart, n) => {
        const svg = chart.querySelector('.main-svg');
        const box = svg ? svg.getBoundingClientRect() : null;
        if (!box || box.width < 100 || box.height < 100) {
            problems.push(`chart ${n + 1} did not draw`);
            return;
        }
        // Marks, or a note in words where there is nothing to plot ("No issue has two parties placed").
        if (chart.querySelectorAll('.trace, .heatmaplayer image, .annotation').length === 0) {
            problems.push(`chart ${n + 1} drew no marks`);
        }
        const shown = [];
        for (const text of chart.querySelectorAll('svg text')) {
            if (text.closest('.hoverlayer, .modebar')) continue;
            const t = text.getBoundingClientRect();
            if (t.width === 0 || !text.textContent.trim()) continue;
            shown.push([text.textContent.trim(), t]);
            // A glyph box reaches below the baseline: a little past the edge is empty descent.
            const slack = Math.max(2, 0.3 * parseFloat(getComputedStyle(text).fontSize));
            if (t.left < box.left - 2 || t.right > box.right + 2 || t.top < box.top - slack
                    || t.bottom > box.bottom + slack) {
                problems.push(`chart ${n + 1}: text cut at the edge: ${text.textContent.trim().slice(0, 60)}`);
            }
        }
        // Two labels drawn over each other: more than a sliver of each box in common.
        shown.forEach(([a, p], i) => shown.slice(i + 1).forEach(([b, q]) => {
            const wide = Math.min(p.right, q.right) - Math.max(p.left, q.left);
            const high = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
            if (wide > 2 && high > 0.3 * Math.min(p.height, q.height)) {
                problems.push(`chart ${n + 1}: labels drawn over each other: ${a.slice(0, 40)} / ${b.slice(0, 40)}`);
            }
        }));
    });
    return problems;
}"""


def screen_problems(page: Page) -> list[str]:
    """What a reader of this screen could not read: text blocks wider than their box (clipped or
    ellipsed), text outside the window or cut by a container, charts that did not draw or whose
    labels run off their edge. Expect []."""
    return page.evaluate(_SCREEN_PROBLEMS, TEXT_BLOCKS) + page.evaluate(_CHART_PROBLEMS, CHART_SELECTOR)


def exceptions(page: Page) -> list[str]:
    """Texts of any Streamlit exception boxes (tracebacks) on the page; expect []."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG as artifacts/screenshots/<name>.png and return its path.

    Streamlit scrolls inside its own container, so the viewport is grown to the content's
    height for the shot and restored afterwards.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name).strip('-') or 'page'}.png"
    size = page.viewport_size
    height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight,
            ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"],'
                + ' [data-testid="stSidebarContent"]')].map(e => e.scrollHeight))"""
    )
    if size and height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(int(height), 16_000)})
        page.wait_for_timeout(300)
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        if size:
            page.set_viewport_size(size)
    return path


# What a briefing screen must show without scrolling: the way to the next screen, the name,
# its chart, and for each party on the screen its header and its stance with the first quote (or
# summary, or "not stated").
BRIEFING_FOLD = {
    "Next button": '[data-testid="stMain"] .st-key-brief-next button',
    "headline": '[data-testid="stMain"] h1',
    "chart": f'[data-testid="stMain"] {CHART_SELECTOR}',
    "party": '.st-key-brief-stances [data-testid="stColumn"] [data-testid="stHtml"]',
    "stance": '.st-key-brief-stances [data-testid="stColumn"] [data-testid="stMarkdownContainer"] p',
}
_BELOW_THE_FOLD = """(parts) => {
    const main = document.querySelector('[data-testid="stMain"]');
    window.scrollTo(0, 0);
    if (main) main.scrollTop = 0;
    const problems = [];
    const scrolled = (main ? main.scrollTop : 0) + document.scrollingElement.scrollTop;
    if (scrolled !== 0) problems.push(`the screen cannot be scrolled to its top (${scrolled} px)`);
    const say = (el) => (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
    for (const [part, selector] of Object.entries(parts)) {
        const found = [...document.querySelectorAll(selector)].filter(el => {
            const b = el.getBoundingClientRect();
            return b.width > 0 && b.height > 0;
        });
        if (found.length === 0) problems.push(`no ${part} on the screen`);
        for (const el of found) {
            const b = el.getBoundingClientRect();
            if (b.bottom > window.innerHeight + 1 || b.top < -1 || b.left < -1 || b.right > window.innerWidth + 1) {
                problems.push(`${part} not fully on screen (${Math.round(b.top)}–${Math.round(b.bottom)} px of `
                    + `${window.innerHeight}): ${say(el) || el.getAttribute('data-testid')}`);
            }
        }
    }
    return problems;
}"""


def below_the_fold(page: Page, parts: dict[str, str] | None = None) -> list[str]:
    """What of `parts` (a name and a CSS selector each; by default a briefing screen's headline,
    chart, party headers and stances) is missing or not wholly inside the window with the main
    area scrolled to the top. Expect []."""
    return page.evaluate(_BELOW_THE_FOLD, parts or BRIEFING_FOLD)


_LAID_OUT_AGAIN = """(selector) => [...document.querySelectorAll(selector)].flatMap((chart, n) => {
    const drawn = chart.querySelector('.js-plotly-plot')?._fullLayout;
    if (!drawn) return [];
    const grew = ['l', 'r', 't', 'b'].filter((side) => Math.round(drawn._size[side]) > drawn.margin[side]);
    return grew.map((side) => `chart ${n + 1}: margin ${side} grew from ${drawn.margin[side]} to `
        + `${Math.round(drawn._size[side])} px to fit its labels`);
})"""


def charts_laid_out_again(page: Page) -> list[str]:
    """Charts whose margins plotly's automargin had to widen for their labels: such a chart is drawn,
    measured and drawn again, which costs as much as the first drawing. Read from plotly's own
    layout on the chart's element (`_fullLayout`: the margins asked for and those drawn). Expect []."""
    return page.evaluate(_LAID_OUT_AGAIN, CHART_SELECTOR)
