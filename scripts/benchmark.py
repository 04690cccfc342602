"""Time-to-chart for every Parley page against a floor app, on the bundled data and on a large dataset.

Serves scripts/floor_app.py (one page, one plotly range chart) and Parley's app.py, each with
`streamlit run` on its own free loopback port, headless, and opens them in Chromium through
Playwright, a fresh browser context for every visit. Time-to-chart runs from navigation start
(performance.now() is 0 there) to the first animation frame at which the script run is over and
every plotly chart on the page has drawn its SVG: the signal tests/support/browser.py waits for,
the same for both apps. Visits alternate floor, page, floor, page, ... over several rounds, so the
floor's median is measured beside the pages it is compared with.

Also printed, to show where the time goes: when the websocket connected and the script ran (as
the browser saw them), the server process's CPU seconds per visit, the script runs per visit,
bytes received on the websocket, the page's DOM elements (and how many are inside its charts),
and, from AppTest runs of each page in this process, the median warm script time, the number of
charts and traces and the size of the figure JSON; and how long each server takes to send
Streamlit's frontend files over six connections, as a browser fetches them. Cold start: a freshly
started server's first page to chart, for each app, the ratio of the two and its median.

Each dataset is imported once into each store (SQLite, and PostgreSQL on a throwaway server
from tests/support/postgres.py) before its servers start, as a restarted team server finds
it; the rounds run on the first store, the AppTest runs and the cold starts on every store.

Run with `.venv/bin/python scripts/benchmark.py [--data bundled|generated] [--rounds N]
[--pages overview,gaps] [--stores sqlite,postgresql]`; it is a measurement, not a test. Close
other work for figures to quote.
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import os
import queue
import re
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(SCRIPTS))

from synthetic import write_synthetic_dataset  # noqa: E402

from parley.ui.preload import PAGE_NAMES, index_html  # noqa: E402
from parley.ui.shell import DEFAULT_PAGE  # noqa: E402
from parley.ui.shell import PAGES as PAGE_SPECS  # noqa: E402
from tests.support.browser import (  # noqa: E402
    APP,
    CHART_SELECTOR,
    CHROMIUM,
    CHROMIUM_ARGS,
    DASHBOARD,
    VIEWPORT,
    AppServer,
    start_server,
)

FLOOR_APP = SCRIPTS / "floor_app.py"
PAGES = [spec.name for spec in PAGE_SPECS]
# A reader's pages, timed by default: the views and the briefing; the analysts' pages on request.
READER_PAGES = [spec.name for spec in PAGE_SPECS if spec.section != "Analysts" and getattr(spec, "role", None) is None]
BUNDLED_ID = "russia-ukraine-2025"
GENERATED_ID = "synthetic"
# Query parameters a page is opened with, beyond the dataset: Search with words found in both datasets.
PAGE_PARAMS = {"search": "q=position"}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# Runs before the app's own scripts in every document: notes each change of the root element's
# connection and script-run state, with its time, and counts what arrives on the websocket.
OBSERVER_JS = """
(() => {
  const bench = (window.__bench = { states: [], connected: null, wsBytes: 0, wsMessages: 0 });
  new MutationObserver(records => {
    for (const r of records) {
      const value = r.target.getAttribute(r.attributeName);
      if (r.attributeName === 'data-test-script-state') bench.states.push([value, performance.now()]);
      else if (value === 'CONNECTED' && bench.connected === null) bench.connected = performance.now();
    }
  }).observe(document, {
    subtree: true, attributes: true,
    attributeFilter: ['data-test-script-state', 'data-test-connection-state'],
  });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', e => {
        const d = e.data;
        bench.wsBytes += d.byteLength ?? d.size ?? d.length ?? 0;
        bench.wsMessages += 1;
      });
    }
  };
})();
"""

# wait_for_app_run and wait_for_charts of tests/support/browser.py as one test, checked on every
# animation frame; returns the time it first holds, or the time Parley said the dataset is still
# being read (a fresh server imports the data folder in the background; the page then opens the
# dataset by itself, so the visit waits on).
STILL_READING = "is still being read"
READING_POLL_MS = 500
DRAWN_JS = """
([selector, minimum, reading_text]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const reading = [...document.querySelectorAll('[data-testid="stAlert"]')]
    .some(e => e.innerText.includes(reading_text));
  if (reading) return { t: performance.now(), reading };
  const charts = [...document.querySelectorAll(selector)];
  if (charts.length < minimum || !charts.every(c => c.querySelector('.main-svg'))) return false;
  return { t: performance.now(), reading };
}
"""

STATS_JS = """
(selector) => {
  const charts = [...document.querySelectorAll(selector)];
  return {
    dom: document.getElementsByTagName('*').length,
    chart_dom: charts.reduce((n, c) => n + c.getElementsByTagName('*').length, 0),
    charts: charts.length,
    exceptions: document.querySelectorAll('[data-testid="stException"]').length,
    alerts: [...document.querySelectorAll('[data-testid="stAlert"]')]
      .map(e => e.innerText.trim().slice(0, 100)),
    states: window.__bench.states,
    connected: window.__bench.connected,
    ws_bytes: window.__bench.wsBytes,
    ws_messages: window.__bench.wsMessages,
  };
}
"""


# --- serving ---------------------------------------------------------------------------------


SERVER_OPTIONS: list[str] = []  # more `--name value` pairs for every server, from --server-option


def serve(script: Path, env: dict[str, str], name: str) -> tuple[AppServer, float]:
    """`streamlit run script` on a free 127.0.0.1 port; returns the server and seconds until healthy."""
    start = time.perf_counter()
    server = start_server(Path(env.get("PARLEY_DATA_DIR", ROOT / "data")), env, name, script, tuple(SERVER_OPTIONS))
    return server, time.perf_counter() - start


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process (all its threads) so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def frontend_files_s(server: AppServer, connections: int = 6, times: int = 3) -> float:
    """Median seconds for the server to send every file Streamlit's page names, over `connections`
    kept-alive connections at once (Chromium opens six per server)."""
    names = PAGE_NAMES.findall(index_html())
    found = []
    for _ in range(times):
        todo: queue.SimpleQueue[str] = queue.SimpleQueue()
        for name in names:
            todo.put(name)
        workers = [threading.Thread(target=_fetch, args=(server.url, todo)) for _ in range(connections)]
        start = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        found.append(time.perf_counter() - start)
    return statistics.median(found)


def _fetch(url: str, todo: queue.SimpleQueue[str]) -> None:
    """Fetch files of the frontend until none is left, one after another on one connection."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        while True:
            try:
                name = todo.get_nowait()
            except queue.Empty:
                return
            connection.request("GET", f"/static/js/{name}")
            connection.getresponse().read()
    finally:
        connection.close()


class Parley:
    """Starts Parley servers on one data folder and one store, imported once before the first
    server starts: a restarted server finds its store filled, as a team server does."""

    def __init__(self, data_dir: Path, store_url: str, label: str, dataset_id: str):
        self.data_dir, self.store_url, self.label, self.dataset_id = data_dir, store_url, label, dataset_id
        self.import_s: float | None = None

    def env(self) -> dict[str, str]:
        if self.import_s is None:
            from parley.store import Store
            from parley.store.folders import sync

            start = time.perf_counter()
            sync(Store(self.store_url), self.data_dir)
            self.import_s = time.perf_counter() - start
        # The dataset measured is the one the app opens with, as on a server set up for it.
        return {
            "PARLEY_DATA_DIR": str(self.data_dir),
            "PARLEY_DATABASE_URL": self.store_url,
            "PARLEY_DEFAULT_DATASET": self.dataset_id,
        }

    def load_s(self, dataset_id: str, times: int = 3) -> float:
        """Median seconds to read the whole dataset from the store in a new Store (no cache)."""
        from parley.store import Store

        found = []
        for _ in range(times):
            store = Store(self.store_url)
            start = time.perf_counter()
            store.dataset(dataset_id)
            found.append(time.perf_counter() - start)
            store.engine.dispose()
        return statistics.median(found)

    def serve(self) -> tuple[AppServer, float]:
        return serve(APP, self.env(), f"benchmark-{self.label}")


# --- one visit -------------------------------------------------------------------------------


@dataclass
class Visit:
    app: str  # "floor" or a Parley page
    chart_s: float | None  # navigation start to every chart drawn; None when it never happened
    connected_s: float | None = None
    run_start_s: float | None = None  # first script run began (as the browser saw it)
    run_end_s: float | None = None  # last script run ended before the charts were drawn
    sent_s: float | None = None  # the last websocket frame before then reached the browser (its network clock)
    runs: int = 0  # script runs the browser saw, including any after the charts were drawn
    waited_reading: bool = False  # Parley said the dataset was still being read, then opened it
    charts: int = 0
    dom: int = 0
    chart_dom: int = 0
    ws_bytes: int = 0
    server_cpu_s: float = 0.0
    main_thread_s: float = 0.0  # the renderer's main thread busy (Chrome's TaskDuration) ...
    script_s: float = 0.0  # ... running JavaScript
    layout_s: float = 0.0  # ... on style and layout
    exceptions: int = 0
    alerts: list[str] = field(default_factory=list)  # texts of the alert boxes on the page
    error: str = ""
    navigated_at: float = 0.0  # wall clock (time.time) as the counted navigation began


def visit(browser, app: str, url: str, charts: int, server: AppServer, timeout_ms: int, settle_ms: int) -> Visit:
    """Open url in a fresh context and time it until `charts` charts (at least) have drawn."""
    from playwright.sync_api import Error as PlaywrightError

    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(OBSERVER_JS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    # When frames reach the browser process, before the page's main thread gets to them.
    navigated, frames = [], []
    cdp.on(
        "Network.requestWillBeSent", lambda e: navigated.append(e["timestamp"]) if e.get("type") == "Document" else None
    )
    cdp.on("Network.webSocketFrameReceived", lambda e: frames.append(e["timestamp"]))
    cdp.send("Network.enable")
    cpu_before = cpu_seconds(server.process.pid)
    result = Visit(app, None)
    start = time.perf_counter()
    try:
        result.navigated_at = time.time()
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        while True:
            drawn = page.wait_for_function(
                DRAWN_JS, arg=[CHART_SELECTOR, charts, STILL_READING], polling="raf", timeout=timeout_ms
            ).json_value()
            if not drawn["reading"]:
                break
            if time.perf_counter() - start > timeout_ms / 1000:
                raise TimeoutError(f"the dataset was still being read after {timeout_ms / 1000:g} s")
            result.waited_reading = True  # the page opens the dataset itself once it is read
            page.wait_for_timeout(READING_POLL_MS)
        result.chart_s = drawn["t"] / 1000
        page.wait_for_timeout(settle_ms)  # a rerun the page itself asks for shows up in the states
    except (PlaywrightError, TimeoutError) as error:
        result.error = str(error).splitlines()[0]
    try:
        stats = page.evaluate(STATS_JS, CHART_SELECTOR)
    except PlaywrightError:
        stats = {}
    result.server_cpu_s = cpu_seconds(server.process.pid) - cpu_before
    try:
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    except PlaywrightError:
        metrics = {}
    result.main_thread_s = metrics.get("TaskDuration", 0.0)
    result.script_s = metrics.get("ScriptDuration", 0.0)
    result.layout_s = metrics.get("LayoutDuration", 0.0) + metrics.get("RecalcStyleDuration", 0.0)
    context.close()
    states = [(state, t / 1000) for state, t in stats.get("states", [])]
    result.runs = sum(1 for state, _ in states if state == "running")
    starts = [t for state, t in states if state == "running"]
    ends = [t for state, t in states if state == "notRunning" and (result.chart_s is None or t <= result.chart_s)]
    result.run_start_s = starts[0] if starts else None
    result.run_end_s = ends[-1] if ends else None
    result.connected_s = stats["connected"] / 1000 if stats.get("connected") is not None else None
    if navigated and frames:
        arrived = [t - navigated[-1] for t in frames if t >= navigated[-1]]
        before = [t for t in arrived if result.chart_s is None or t <= result.chart_s]
        result.sent_s = max(before) if before else None
    for key in ("charts", "dom", "chart_dom", "ws_bytes", "exceptions"):
        setattr(result, key, stats.get(key, 0))
    result.alerts = stats.get("alerts", [])
    return result


READY_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\.(\d{3}) INFO parley: ready in ", re.M)


def data_ready_at(log: Path) -> float | None:
    """Wall-clock time of the server log's "ready in" line: the default dataset read, its first chart built."""
    found = READY_LINE.search(log.read_text(encoding="utf-8", errors="replace"))
    if not found:
        return None
    return time.mktime(time.strptime(found.group(1), "%Y-%m-%d %H:%M:%S")) + int(found.group(2)) / 1000


def page_url(server: AppServer, name: str, dataset_id: str) -> str:
    path = "" if name == DEFAULT_PAGE else name  # the default page lives at /
    extra = f"&{PAGE_PARAMS[name]}" if PAGE_PARAMS.get(name) else ""
    return f"{server.url}/{path}?dataset={dataset_id}{extra}"


# --- AppTest: the script alone ---------------------------------------------------------------


@dataclass
class ScriptRun:
    first_s: float
    warm_s: float
    charts: int
    traces: int
    figure_bytes: int  # the figures' JSON, as sent to the browser
    largest_figure_bytes: int
    exception: str = ""
    alerts: list[str] = field(default_factory=list)


def _figures(at) -> tuple[int, int, int, int]:
    specs = [chart.proto.spec for chart in at.get("plotly_chart")]
    sizes = [len(spec.encode()) for spec in specs]
    traces = sum(len(json.loads(spec).get("data", [])) for spec in specs)
    return len(specs), traces, sum(sizes), max(sizes, default=0)


def script_runs(pages: list[str], dataset_id: str, env: dict[str, str], warm_runs: int) -> dict[str, ScriptRun]:
    """For the floor app and each page: its first run in this process, the median warm run and its figures."""
    from streamlit.testing.v1 import AppTest

    # AppTest runs outside a server, and Streamlit's loggers say so on every cached call.
    logging.disable(logging.WARNING)
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    found = {}
    try:
        for name in ["floor", *pages]:
            if name == "floor":
                at = AppTest.from_file(str(FLOOR_APP), default_timeout=600)
                run = at.run
            else:
                at = AppTest.from_file(str(DASHBOARD), default_timeout=600)
                at.query_params["dataset"] = dataset_id
                for key, value in urllib.parse.parse_qsl(PAGE_PARAMS.get(name, "")):
                    at.query_params[key] = value
                run = at.switch_page(f"pages/{name}.py").run
            start = time.perf_counter()
            run()  # on a fresh store it waits while the folder is imported, then opens the dataset
            first = time.perf_counter() - start
            warm = []
            for _ in range(warm_runs):
                start = time.perf_counter()
                at.run()
                warm.append(time.perf_counter() - start)
            message = at.exception[0].message if at.exception else ""
            alerts = [str(e.value)[:100] for e in [*at.error, *at.warning, *at.info]]
            warm_s = statistics.median(warm) if warm else first
            found[name] = ScriptRun(first, warm_s, *_figures(at), message, alerts)
    finally:
        logging.disable(logging.NOTSET)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return found


# --- one section -----------------------------------------------------------------------------


@dataclass
class Section:
    label: str
    dataset_id: str
    store: str  # sqlite or postgresql
    pages: list[str]
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float] = (0, 0, 0)
    script: dict[str, ScriptRun] = field(default_factory=dict)
    first: dict[str, Visit] = field(default_factory=dict)  # the first visit to each on a warm server
    visits: list[Visit] = field(default_factory=list)
    cold: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    import_s: float = 0.0  # the data folder into the empty store
    load_s: float = 0.0  # the whole dataset read back from the store
    files_s: dict[str, float] = field(default_factory=dict)  # Streamlit's frontend files, per server


def run_section(
    label: str, data_dir: Path, dataset_id: str, store: tuple[str, str], rounds: int, args: argparse.Namespace
) -> Section:
    """`rounds` of floor-against-page visits on a warm server (none: the script runs and cold starts only)."""
    from playwright.sync_api import sync_playwright

    section = Section(label, dataset_id, store[0], args.pages, os.getloadavg())
    parley = Parley(data_dir, store[1], f"{dataset_id}-{store[0]}", dataset_id)
    timeout_ms, settle_ms = int(args.timeout * 1000), args.settle_ms
    env = parley.env()
    section.import_s, section.load_s = parley.import_s or 0.0, parley.load_s(dataset_id)
    print(f"  imported in {section.import_s:.1f} s; read back from the store in {section.load_s:.2f} s", flush=True)
    if not args.no_apptest:
        print(f"  AppTest runs of the floor and {len(args.pages)} page(s)...", flush=True)
        section.script = script_runs(args.pages, dataset_id, env, args.warm_runs)
    expected = {name: run.charts for name, run in section.script.items()}

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with ExitStack() as servers:
                floor, _ = serve(FLOOR_APP, {}, "benchmark-floor")
                servers.callback(floor.stop)
                app, _ = parley.serve()
                servers.callback(app.stop)
                section.files_s = {"floor": frontend_files_s(floor), "parley": frontend_files_s(app)}
                print("  first visits (not counted)...", flush=True)
                for name in ["floor", *args.pages]:
                    server, url = (
                        (floor, floor.url + "/") if name == "floor" else (app, page_url(app, name, dataset_id))
                    )
                    seen = visit(browser, name, url, expected.get(name, 0), server, timeout_ms, max(settle_ms, 1000))
                    section.first[name] = seen
                    if name in expected and seen.charts != expected[name]:
                        section.notes.append(
                            f"{name}: AppTest made {expected[name]} chart(s), the browser shows {seen.charts}"
                        )
                    expected[name] = seen.charts if not seen.error else expected.get(name, 0)
                for n in range(rounds):
                    print(f"  round {n + 1} of {rounds}...", flush=True)
                    for name in args.pages:
                        floor_url, url = floor.url + "/", page_url(app, name, dataset_id)
                        section.visits.append(
                            visit(browser, "floor", floor_url, expected["floor"], floor, timeout_ms, settle_ms)
                        )
                        section.visits.append(visit(browser, name, url, expected[name], app, timeout_ms, settle_ms))

            cold_page = args.pages[0]
            for n in range(args.cold_starts):
                print(f"  cold start {n + 1} of {args.cold_starts}...", flush=True)
                floor, floor_up = serve(FLOOR_APP, {}, "benchmark-floor")
                try:
                    floor_first = visit(
                        browser, "floor", floor.url + "/", expected["floor"], floor, timeout_ms, settle_ms
                    )
                finally:
                    floor.stop()
                app, app_up = parley.serve()
                try:
                    url = page_url(app, cold_page, dataset_id)
                    app_first = visit(browser, cold_page, url, expected[cold_page], app, timeout_ms, settle_ms)
                finally:
                    app.stop()
                ready_at = data_ready_at(app.log)
                section.cold.append(
                    {
                        "floor_up_s": floor_up,
                        "floor": asdict(floor_first),
                        "app_up_s": app_up,
                        "app": asdict(app_first),
                        "ready_s": ready_at - app_first.navigated_at if ready_at else None,
                    }
                )
        finally:
            browser.close()
    section.load_after = os.getloadavg()
    return section


# --- the tables ------------------------------------------------------------------------------


def _median(values: list[float | None]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _s(value: float | None, width: int = 6) -> str:
    return f"{value:>{width}.2f}" if value is not None else f"{'-':>{width}}"


def report(section: Section) -> None:
    load = " ".join(f"{x:.2f}" for x in section.load_before)
    after = " ".join(f"{x:.2f}" for x in section.load_after)
    print(f"\n== {section.label}, {section.store} store (load average before {load}, after {after})")
    print(
        f"  the data folder imported into an empty store in {section.import_s:.1f} s; the whole dataset read"
        f" back from the store in {section.load_s:.2f} s (median of 3, a new connection each)"
    )
    floor_chart = _median([v.chart_s for v in section.visits if v.app == "floor"])
    names = ["floor", *section.pages]
    counted = {name: [v for v in section.visits if v.app == name] for name in names}

    if section.visits:
        _time_to_chart(section, names, counted, floor_chart)
    _where_the_time_goes(section, names, counted)
    _cold_starts(section)


def _time_to_chart(section: Section, names: list[str], counted: dict[str, list[Visit]], floor_chart) -> None:
    print("\nTime to chart, seconds from navigation start (a fresh browser context each visit)")
    print(
        f"  {'page':<10} {'median':>6} {'min':>6} {'max':>6} {'ratio':>6} {'first':>6} {'n':>3} {'fail':>4}"
        f" | {'conn':>6} {'run0':>6} {'sent':>6} {'run1':>6} {'draw':>6} {'runs':>4}"
    )
    for name in names:
        mine = counted[name]
        times = [v.chart_s for v in mine if v.chart_s is not None]
        median = _median(times)
        ratio = median / floor_chart if median is not None and floor_chart else None
        first = section.first.get(name)
        draws = [v.chart_s - v.run_end_s for v in mine if v.chart_s is not None and v.run_end_s is not None]
        print(
            f"  {name:<10} {_s(median)} {_s(min(times, default=None))} {_s(max(times, default=None))} {_s(ratio)}"
            f" {_s(first.chart_s if first else None)} {len(times):>3} {len(mine) - len(times):>4}"
            f" | {_s(_median([v.connected_s for v in mine]))} {_s(_median([v.run_start_s for v in mine]))}"
            f" {_s(_median([v.sent_s for v in mine]))} {_s(_median([v.run_end_s for v in mine]))} {_s(_median(draws))}"
            f" {max((v.runs for v in mine), default=0):>4}"
        )
    print(
        "  ratio: median over the floor's median in this run; first: the first visit on the warm server (not\n"
        "  counted); conn: websocket connected; run0/run1: the script run began/ended as the page saw it (run1\n"
        "  waits for the page to handle every message before it); sent: the last websocket frame before the charts\n"
        "  were drawn reached the browser (so sent to run1 is the page catching up, run0 to sent mostly the server);\n"
        "  draw: run end to charts drawn; runs: most script runs in one visit."
    )


def _where_the_time_goes(section: Section, names: list[str], counted: dict[str, list[Visit]]) -> None:

    print("\nWhere the time goes: medians per counted visit, and what the page sends and draws")
    print(
        f"  {'page':<10} {'script':>6} {'srvCPU':>6} {'main':>6} {'js':>6} {'layout':>6}"
        f" | {'charts':>6} {'traces':>6} {'fig kB':>7} {'max kB':>7} {'ws kB':>7} {'DOM':>6} {'inChart':>7}"
    )
    for name in names:
        # Without counted rounds (a second store): the first visit to each page on the warm server.
        mine = counted[name] or ([section.first[name]] if name in section.first else [])
        run = section.script.get(name)
        figures = (
            f"{run.charts:>6} {run.traces:>6} {run.figure_bytes / 1000:>7.1f} {run.largest_figure_bytes / 1000:>7.1f}"
            if run
            else f"{'-':>6} {'-':>6} {'-':>7} {'-':>7}"
        )
        ws, dom, in_chart = (_median([getattr(v, k) for v in mine]) for k in ("ws_bytes", "dom", "chart_dom"))
        print(
            f"  {name:<10} {_s(run.warm_s if run else None)} {_s(_median([v.server_cpu_s for v in mine]))}"
            f" {_s(_median([v.main_thread_s for v in mine]))} {_s(_median([v.script_s for v in mine]))}"
            f" {_s(_median([v.layout_s for v in mine]))}"
            f" | {figures} {(ws or 0) / 1000:>7.1f} {dom or 0:>6.0f} {in_chart or 0:>7.0f}"
        )
        if run and run.exception:
            print(f"    AppTest exception: {run.exception}")
        first = section.first.get(name)
        if first and (first.error or first.exceptions):
            print(f"    browser: {first.error or f'{first.exceptions} exception box(es)'}")
        alerts = first.alerts if first else run.alerts if run else []
        if alerts:
            print(f"    alert boxes: {'; '.join(alerts)}")
    print(
        "  script: median warm AppTest run of the whole script (in this process); srvCPU: the server process's CPU\n"
        "  seconds during a visit; main/js/layout: the browser renderer's main thread busy, in JavaScript, in style\n"
        "  and layout (Chrome's Performance metrics); fig kB: plotly figure JSON of all charts (max: the largest);\n"
        "  ws kB: bytes received on the websocket; DOM: elements on the page, inChart: of those inside charts."
    )
    first_runs = {name: run.first_s for name, run in section.script.items()}
    if first_runs:
        print(
            "  AppTest first run in this process (the first page pays for loading the data): "
            + ", ".join(f"{name} {seconds:.2f}" for name, seconds in first_runs.items())
        )
    for v in section.visits:
        if v.error:
            print(f"  failed visit {v.app}: {v.error}")
    for name, v in section.first.items():
        if v.waited_reading:
            print(f"  first visit to {name}: waited while the dataset was still being read")
    for note in section.notes:
        print(f"  note: {note}")
    if section.files_s:
        print(
            f"  Streamlit's {len(PAGE_NAMES.findall(index_html()))} frontend files sent over six connections at once"
            f" (median of 3): floor {section.files_s['floor']:.3f} s, Parley {section.files_s['parley']:.3f} s"
        )


def _cold_starts(section: Section) -> None:
    if section.cold:
        print("\nCold start: a freshly started server's first page to chart, seconds from navigation start")
        for n, cold in enumerate(section.cold, 1):
            floor, app = cold["floor"], cold["app"]
            ratio = app["chart_s"] / floor["chart_s"] if app["chart_s"] and floor["chart_s"] else None
            for label, side, up in (("floor", floor, cold["floor_up_s"]), (app["app"], app, cold["app_up_s"])):
                print(
                    f"  {n}: {label:<10} {_s(side['chart_s'])}  (server up in {up:.2f};"
                    f" run {_s(side['run_start_s'], 0)} to {_s(side['run_end_s'], 0)};"
                    f" server CPU {side['server_cpu_s']:.2f}"
                    + ("; waited while the data was read" if side["waited_reading"] else "")
                    + ")"
                    + (f" {side['error']}" if side["error"] else "")
                )
            took = app["run_end_s"] - app["run_start_s"] if app["run_end_s"] and app["run_start_s"] else None
            print(f"  {n}: cold-start ratio {_s(ratio, 0)}; the first page's script run took {_s(took, 0)} s")
            ready = cold.get("ready_s")
            if ready is not None and app["chart_s"]:
                print(
                    f"  {n}: the server had read the data and built the first chart {ready:.2f} s after navigation"
                    f" start; the chart was drawn {app['chart_s'] - ready:.2f} s after that"
                )
        ratios = [
            c["app"]["chart_s"] / c["floor"]["chart_s"]
            for c in section.cold
            if c["app"]["chart_s"] and c["floor"]["chart_s"]
        ]
        if ratios:
            print(
                f"  cold-start ratio, median of {len(ratios)} fresh starts of each: {statistics.median(ratios):.2f}"
                f" ({min(ratios):.2f} to {max(ratios):.2f})"
            )


# --- main ------------------------------------------------------------------------------------


def main() -> None:
    # A plain `kill` unwinds like Ctrl-C, so the servers this run started are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", choices=["bundled", "generated", "both"], default="both")
    parser.add_argument(
        "--pages",
        default=",".join(READER_PAGES),
        help=f"comma-separated, from {','.join(PAGES)}, or all (default: {','.join(READER_PAGES)})",
    )
    parser.add_argument("--rounds", type=int, default=5, help="visits to each page (and as many to the floor)")
    parser.add_argument(
        "--stores",
        default="sqlite,postgresql",
        help="comma-separated, of sqlite and postgresql (a throwaway server); the rounds run on the first,"
        " the script runs and cold starts on each (default: sqlite,postgresql)",
    )
    parser.add_argument("--cold-starts", type=int, default=1, help="fresh servers of each app, first page timed")
    parser.add_argument("--warm-runs", type=int, default=3, help="warm AppTest runs of each page")
    parser.add_argument("--no-apptest", action="store_true", help="skip the AppTest script times and figure sizes")
    parser.add_argument("--parties", type=int, default=30)
    parser.add_argument("--issues", type=int, default=60)
    parser.add_argument("--dates", type=int, default=40)
    parser.add_argument("--timeout", type=float, default=300, help="seconds a visit may take")
    parser.add_argument("--settle-ms", type=int, default=500, help="wait after the charts, to see any rerun")
    parser.add_argument(
        "--server-option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Streamlit option for both servers, e.g. runner.postScriptGC=false; repeatable",
    )
    parser.add_argument(
        "--params",
        action="append",
        default=[],
        metavar="PAGE:QUERY",
        help=f"query parameters to open a page with, e.g. 'search:q=border'; repeatable (default: {PAGE_PARAMS})",
    )
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    args = parser.parse_args()
    args.stores = [name.strip() for name in args.stores.split(",") if name.strip()]
    if not args.stores or set(args.stores) - {"sqlite", "postgresql"}:
        parser.error("--stores wants sqlite, postgresql or both, comma-separated")
    args.pages = PAGES if args.pages == "all" else [p.strip() for p in args.pages.split(",") if p.strip()]
    unknown = [p for p in args.pages if p not in PAGES]
    if unknown or not args.pages:
        parser.error(f"unknown page(s) {', '.join(unknown) or '(none)'}; pages are {', '.join(PAGES)}")
    for item in args.params:
        name, colon, query = item.partition(":")
        if not colon or name not in PAGES:
            parser.error(f"--params wants PAGE:QUERY with a page from {', '.join(PAGES)}, not {item!r}")
        PAGE_PARAMS[name] = query
    for option in args.server_option:
        name, equals, value = option.partition("=")
        if not equals or not name:
            parser.error(f"--server-option wants NAME=VALUE, not {option!r}")
        SERVER_OPTIONS.extend([f"--{name.removeprefix('--')}", value])

    print(f"{os.cpu_count()} CPU(s); Chromium {CHROMIUM}; pages {', '.join(args.pages)}; rounds {args.rounds}")
    if SERVER_OPTIONS:
        print(f"server options: {' '.join(SERVER_OPTIONS)}")
    sections = []
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp, ExitStack() as stack:
        work = Path(tmp)
        urls = {}
        for name in args.stores:
            if name == "postgresql":
                from tests.support.postgres import postgres_server

                urls[name] = stack.enter_context(postgres_server())
        plan = []
        if args.data in ("bundled", "both"):
            bundled = work / "bundled"
            shutil.copytree(ROOT / "data" / BUNDLED_ID, bundled / BUNDLED_ID)
            plan.append((f"bundled {BUNDLED_ID}", bundled, BUNDLED_ID))
        if args.data in ("generated", "both"):
            generated = work / "generated"
            start = time.perf_counter()
            write_synthetic_dataset(generated, args.parties, args.issues, args.dates, dataset_id=GENERATED_ID)
            size = f"{args.parties} parties x {args.issues} issues x {args.dates} dates"
            print(f"generated {size} in {time.perf_counter() - start:.1f}s")
            plan.append((f"generated {size}", generated, GENERATED_ID))
        for label, data_dir, dataset_id in plan:
            for n, name in enumerate(args.stores):
                # One SQLite file per dataset; one PostgreSQL database holds both datasets.
                url = urls.get(name) or f"sqlite:///{work / dataset_id / 'parley.db'}"
                (work / dataset_id).mkdir(parents=True, exist_ok=True)
                print(f"\n{label}, {name} store", flush=True)
                section = run_section(label, data_dir, dataset_id, (name, url), args.rounds if n == 0 else 0, args)
                report(section)
                sections.append(section)
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in sections], indent=1), encoding="utf-8")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
