"""Measure Parley under N concurrent sessions, at the protocol level: websockets, no browser.

Each simulated session does what the frontend does on opening a link: GET the page (through
nginx this sets the sticky-session cookie), GET /_stcore/health (the XSRF cookie) and
/_stcore/host-config, then opens /_stcore/stream with the subprotocols "streamlit" and the
XSRF token. It asks for a page run with a BackMsg rerun_script (the page's name, the query
string and the browser's context), reads ForwardMsgs until the run's script_finished, and
records the time from request to script_finished. It then asks again, cycling through
--pages, for --runs warm runs: like the browser, later requests name the page by its script
hash and list the hashes of the large messages it already holds, so the server sends
references instead of resending unchanged charts (--no-message-cache turns that off).

All sessions connect first, then start together and run back to back with no pause between
runs (--think adds one): N sessions means N users each waiting on the server at once.

For each N it prints p50, p95 and max latency of first and warm runs, failures (exceptions
in the page, timeouts, connection errors, closed connections with their close codes), the
server's CPU seconds and peak RSS during that level (read from /proc/<pid> of each server
process and its children), nginx's CPU when there is one, this client's own CPU, and what
else on the machine used CPU meanwhile.

    # start one Parley process on a free port with a temporary SQLite store, then measure
    .venv/bin/python scripts/load_test.py --sessions 10,25,50 --runs 5
    # two processes behind nginx (sticky sessions), started the same way
    .venv/bin/python scripts/load_test.py --processes 2 --sessions 10,25,50 --runs 5
    # a deployment that is already running (e.g. scripts/serve_many.py): its URL and pids
    .venv/bin/python scripts/load_test.py --url http://127.0.0.1:8080 --pid 1234,1235 --proxy-pid 1240

Only loopback addresses are accepted (127.0.0.1, localhost, ::1). --time-limit bounds the whole
measurement: runs still going then are counted as timeouts and the script stops.
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import json
import math
import os
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import serving

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DEFAULT_PAGES = "overview,compare,gaps,timeline"
MB = 1024 * 1024


# --- one session -----------------------------------------------------------------------------


@dataclass
class Run:
    session: int
    index: int  # 0 is the session's first page run
    page: str
    seconds: float | None  # None when the run did not finish
    ok: bool
    failure: str = ""  # kind of failure: "timeout", "exception", "error shown", "closed 1006", ...
    detail: str = ""
    messages: int = 0
    bytes_in: int = 0
    refs: int = 0  # messages the server sent as a reference to one this client holds


@dataclass
class SessionResult:
    session: int
    runs: list[Run] = field(default_factory=list)
    connect_failure: str = ""
    connect_detail: str = ""
    connect_seconds: float | None = None


def _http_get(opener: urllib.request.OpenerDirector, url: str, timeout: float) -> bytes:
    with opener.open(url, timeout=timeout) as response:
        return response.read()


def _ws_url(base: str) -> str:
    parts = urllib.parse.urlsplit(base)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return urllib.parse.urlunsplit((scheme, parts.netloc, parts.path.rstrip("/") + "/_stcore/stream", "", ""))


def _exception_text(element: object) -> str:
    exc = element.exception  # type: ignore[attr-defined]
    return f"{exc.type}: {exc.message}"[:300]


class Session:
    """One simulated browser tab."""

    def __init__(self, number: int, args: argparse.Namespace, start: asyncio.Event, stop_at: float) -> None:
        self.number = number
        self.args = args
        self.start = start
        self.stop_at = stop_at
        self.result = SessionResult(number)
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.cached_hashes: set[str] = set()
        # Page name or URL path -> page script hash and URL path, from the navigation message (the
        # default page, Overview, is served at "/", so its URL path is "").
        self.page_hashes: dict[str, str] = dict(getattr(args, "page_hashes", {}))
        self.page_paths: dict[str, str] = dict(getattr(args, "page_paths", {}))

    def _cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def _cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.cookies)

    async def _open(self):  # -> websockets ClientConnection
        from websockets.asyncio.client import connect
        from websockets.typing import Subprotocol

        base = self.args.url.rstrip("/")
        first_page = self.args.pages[self.number % len(self.args.pages)]
        first_page = self.page_paths.get(first_page, first_page)
        query = f"?{self.args.query}" if self.args.query else ""
        timeout = self.args.run_timeout
        # What the browser fetches before it opens the websocket.
        await asyncio.to_thread(_http_get, self.opener, f"{base}/{first_page}{query}", timeout)
        await asyncio.to_thread(_http_get, self.opener, f"{base}/_stcore/health", timeout)
        await asyncio.to_thread(_http_get, self.opener, f"{base}/_stcore/host-config", timeout)
        protocols = [Subprotocol("streamlit")]
        xsrf = self._cookie("_streamlit_xsrf")
        if xsrf:
            protocols.append(Subprotocol(xsrf))
        headers = {"Cookie": self._cookie_header()} if self.cookies else {}
        return await connect(
            _ws_url(base),
            subprotocols=protocols,
            origin=base,  # type: ignore[arg-type]
            additional_headers=headers,
            max_size=None,  # Streamlit allows messages up to server.maxMessageSize (200 MB)
            ping_interval=None,  # the browser sends no pings; it answers the server's
            open_timeout=timeout,
            compression="deflate" if self.args.compression else None,
        )

    def _back_msg(self, page: str, first: bool) -> bytes:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.args.query
        page_hash = self.page_hashes.get(page)
        if first or not page_hash:
            # The first request of a tab names the page by its URL path, as the frontend does.
            state.page_name = self.page_paths.get(page, page)
        else:
            state.page_script_hash = page_hash
        if self.args.message_cache:
            state.cached_message_hashes.extend(sorted(self.cached_hashes))
        info = state.context_info
        info.timezone = "UTC"
        info.timezone_offset = 0
        info.locale = "en-GB"
        info.url = f"{self.args.url.rstrip('/')}/{self.page_paths.get(page, page)}?{self.args.query}"
        info.is_embedded = False
        info.color_scheme = "light"
        return msg.SerializeToString()

    async def _one_run(self, ws, index: int, page: str) -> Run:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from websockets.exceptions import ConnectionClosed

        run = Run(self.number, index, page, None, False)
        remaining = self.stop_at - time.monotonic()
        timeout = min(self.args.run_timeout, remaining)
        if timeout <= 0:
            run.failure, run.detail = "timeout", "time limit reached before the run started"
            return run
        started = time.perf_counter()
        problems: list[str] = []
        errors: list[str] = []
        try:
            await ws.send(self._back_msg(page, first=index == 0))
            async with asyncio.timeout(timeout):
                while True:
                    data = await ws.recv()
                    run.messages += 1
                    run.bytes_in += len(data)
                    msg = ForwardMsg()
                    msg.ParseFromString(data)
                    kind = msg.WhichOneof("type")
                    if msg.metadata.cacheable and msg.hash:
                        self.cached_hashes.add(msg.hash)
                    if kind == "ref_hash":
                        run.refs += 1
                    elif kind == "navigation":
                        for app_page in msg.navigation.app_pages:
                            # A page is known by its URL path ("" for the default page) and its title.
                            for name in {app_page.url_pathname, app_page.page_name.lower()}:
                                self.page_hashes[name] = app_page.page_script_hash
                                self.page_paths[name] = app_page.url_pathname
                    elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                        element = msg.delta.new_element
                        element_type = element.WhichOneof("type")
                        if element_type == "exception":
                            problems.append(_exception_text(element))
                        elif element_type == "alert" and element.alert.format == 1:  # Alert.ERROR
                            # Parley's own error boxes: a page that could not be drawn, a dataset
                            # with problems. The run finished, but not with the page asked for.
                            errors.append(element.alert.body[:300])
                    elif kind == "page_not_found":
                        problems.append(f"page not found: {msg.page_not_found.page_name}")
                    elif kind == "script_finished":
                        status = msg.script_finished
                        if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                            continue  # the script asked for a rerun; the page is not drawn yet
                        run.seconds = time.perf_counter() - started
                        if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                            problems.append("script finished with a compile error")
                        break
        except TimeoutError:
            run.failure = "timeout"
            run.detail = f"no script_finished within {timeout:.0f} s"
            return run
        except ConnectionClosed as closed:
            rcvd = closed.rcvd
            run.failure = f"closed {rcvd.code}" if rcvd else "closed 1006"
            run.detail = (rcvd.reason if rcvd else "") or "connection closed without a close frame"
            return run
        if problems:
            run.failure, run.detail = "exception", problems[0]
            return run
        if errors:
            run.failure, run.detail = "error shown", errors[0]
            return run
        run.ok = True
        return run

    async def main(self) -> SessionResult:
        from websockets.exceptions import InvalidHandshake, InvalidStatus

        t0 = time.perf_counter()
        ws = None
        try:
            ws = await asyncio.wait_for(self._open(), self.args.run_timeout * 2)
            self.result.connect_seconds = time.perf_counter() - t0
        except InvalidStatus as error:
            self.result.connect_failure = f"handshake {error.response.status_code}"
            self.result.connect_detail = str(error)
        except (InvalidHandshake, OSError, TimeoutError, urllib.error.URLError) as error:
            self.result.connect_failure = "connect error"
            self.result.connect_detail = f"{type(error).__name__}: {error}"
        if ws is None:
            return self.result
        try:
            await self.start.wait()
            pages = self.args.pages
            for index in range(self.args.runs + 1):
                page = pages[(self.number + index) % len(pages)]
                run = await self._one_run(ws, index, page)
                self.result.runs.append(run)
                if run.failure.startswith("closed") or run.failure == "timeout":
                    break  # the session cannot go on: a timed-out run would mix with the next
                if self.args.think:
                    await asyncio.sleep(self.args.think)
        finally:
            await ws.close()
        return self.result


# --- measuring the server ----------------------------------------------------------------------


class Sampler:
    """Samples the summed RSS of the server processes (and their children) every `interval` s."""

    def __init__(self, pids: list[int], interval: float = 0.1) -> None:
        self.pids = pids
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        tick = 0
        family = serving.with_descendants(self.pids)
        while not self._stop.is_set():
            if tick % 20 == 0:
                family = serving.with_descendants(self.pids)
            self.peak = max(self.peak, sum(serving.rss_bytes(pid) for pid in family))
            tick += 1
            self._stop.wait(self.interval)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _cpu(pids: list[int]) -> float:
    return sum(serving.cpu_seconds(pid) for pid in serving.with_descendants(pids))


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Level:
    sessions: int
    wall_seconds: float
    server_cpu_seconds: float
    server_cpu_by_pid: dict[int, float]
    proxy_cpu_seconds: float | None
    client_cpu_seconds: float
    machine_busy_seconds: float
    others_cpu_seconds: float
    others_top: list[tuple[str, float]]
    peak_rss_mb: float
    rss_after_mb: float
    loadavg_before: str
    loadavg_after: str
    results: list[SessionResult]

    def runs(self, first: bool | None = None) -> list[Run]:
        every = [r for s in self.results for r in s.runs]
        if first is None:
            return every
        return [r for r in every if (r.index == 0) == first]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[q - 1] if 1 <= q <= 99 else ordered[-1]


async def _level(args: argparse.Namespace, sessions: int, server_pids: list[int], proxy_pids: list[int]) -> Level:
    stop_at = min(args.deadline, time.monotonic() + args.level_limit)
    start = asyncio.Event()
    clients = [Session(n, args, start, stop_at) for n in range(sessions)]
    tasks = [asyncio.create_task(c.main()) for c in clients]
    # Let every session connect (and fetch its page and cookies) before the clock starts.
    connect_deadline = time.monotonic() + args.run_timeout * 2 + 5
    while time.monotonic() < connect_deadline and not all(
        c.result.connect_seconds is not None or c.result.connect_failure for c in clients
    ):
        await asyncio.sleep(0.05)

    with open("/proc/loadavg") as f:
        load_before = " ".join(f.read().split()[:3])
    everyone_before = serving.all_process_cpu()
    busy_before = serving.machine_busy_seconds()
    cpu_before = {pid: _cpu([pid]) for pid in server_pids}
    proxy_before = _cpu(proxy_pids) if proxy_pids else None
    own_before = _own_cpu()
    t0 = time.perf_counter()
    with Sampler(server_pids) as sampler:
        start.set()
        _done, pending = await asyncio.wait(tasks, timeout=max(0.1, stop_at - time.monotonic() + 5))
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
    wall = time.perf_counter() - t0
    own = _own_cpu() - own_before
    cpu_by_pid = {pid: _cpu([pid]) - cpu_before[pid] for pid in server_pids}
    proxy = _cpu(proxy_pids) - proxy_before if proxy_before is not None else None
    busy = serving.machine_busy_seconds() - busy_before
    everyone_after = serving.all_process_cpu()
    with open("/proc/loadavg") as f:
        load_after = " ".join(f.read().split()[:3])

    mine = set(serving.with_descendants(server_pids + proxy_pids + [os.getpid()]))
    others = Counter()
    for pid, (cmd, after) in everyone_after.items():
        if pid in mine:
            continue
        before = everyone_before.get(pid, (cmd, 0.0))[1]
        others[" ".join(cmd.split())[:90]] += after - before
    # Processes that ended during the level are not in the "after" snapshot; the machine's
    # busy time still counts them, so "others" is the machine's busy time less ours.
    others_total = max(0.0, busy - sum(cpu_by_pid.values()) - (proxy or 0.0) - own)

    results = [c.result for c in clients]
    for task, client in zip(tasks, clients, strict=True):
        if task.cancelled() or task.exception() is not None:
            if task.done() and not task.cancelled() and task.exception() is not None:
                client.result.connect_failure = client.result.connect_failure or "client error"
                client.result.connect_detail = repr(task.exception())
            # Runs a cancelled session never finished count as timeouts.
            finished = len(client.result.runs)
            for index in range(finished, args.runs + 1):
                page = args.pages[(client.number + index) % len(args.pages)]
                client.result.runs.append(
                    Run(client.number, index, page, None, False, "timeout", "stopped by the time limit")
                )
    rss_after = sum(serving.rss_bytes(p) for p in serving.with_descendants(server_pids))
    return Level(
        sessions=sessions,
        wall_seconds=wall,
        server_cpu_seconds=sum(cpu_by_pid.values()),
        server_cpu_by_pid=cpu_by_pid,
        proxy_cpu_seconds=proxy,
        client_cpu_seconds=own,
        machine_busy_seconds=busy,
        others_cpu_seconds=others_total,
        others_top=[(cmd, round(sec, 2)) for cmd, sec in others.most_common(4) if sec >= 0.05],
        peak_rss_mb=sampler.peak / MB,
        rss_after_mb=rss_after / MB,
        loadavg_before=load_before,
        loadavg_after=load_after,
        results=results,
    )


# --- report --------------------------------------------------------------------------------------


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value * 1000:.0f}"


def _failures(level: Level) -> Counter:
    counts: Counter = Counter()
    for result in level.results:
        if result.connect_failure:
            counts[result.connect_failure] += 1
        for run in result.runs:
            if not run.ok:
                counts[run.failure] += 1
    return counts


def report(levels: list[Level], args: argparse.Namespace, header: str) -> str:
    lines = [header, ""]
    cols = (
        "| sessions | runs ok | failures | first p50 ms | warm p50 ms | warm p95 ms | warm max ms | runs/s "
        "| server CPU s | CPU % of 1 core | peak RSS MB | proxy CPU s | client CPU s | others CPU s |"
    )
    lines += [cols, "|" + "---|" * (cols.count("|") - 1)]
    for level in levels:
        first = [r.seconds for r in level.runs(first=True) if r.ok and r.seconds is not None]
        warm = [r.seconds for r in level.runs(first=False) if r.ok and r.seconds is not None]
        ok = sum(1 for r in level.runs() if r.ok)
        fails = _failures(level)
        fail_text = ", ".join(f"{n} {kind}" for kind, n in fails.most_common()) or "0"
        proxy = "-" if level.proxy_cpu_seconds is None else f"{level.proxy_cpu_seconds:.1f}"
        lines.append(
            f"| {level.sessions} | {ok}/{level.sessions * (args.runs + 1)} | {fail_text} "
            f"| {_ms(_percentile(first, 50))} | {_ms(_percentile(warm, 50))} | {_ms(_percentile(warm, 95))} "
            f"| {_ms(max(warm) if warm else float('nan'))} | {ok / level.wall_seconds:.1f} "
            f"| {level.server_cpu_seconds:.1f} | {100 * level.server_cpu_seconds / level.wall_seconds:.0f} "
            f"| {level.peak_rss_mb:.0f} | {proxy} | {level.client_cpu_seconds:.1f} | {level.others_cpu_seconds:.1f} |"
        )
    lines.append("")
    for level in levels:
        per_pid = ", ".join(f"pid {pid}: {sec:.1f} s" for pid, sec in level.server_cpu_by_pid.items())
        lines.append(
            f"{level.sessions} sessions: {level.wall_seconds:.1f} s wall; server CPU {per_pid}; "
            f"RSS after {level.rss_after_mb:.0f} MB; load average {level.loadavg_before} -> {level.loadavg_after}"
        )
        by_page: dict[str, list[float]] = {}
        for run in level.runs(first=False):
            if run.ok and run.seconds is not None:
                by_page.setdefault(run.page, []).append(run.seconds)
        if by_page:
            lines.append(
                "  warm p50/p95 by page (ms): "
                + ", ".join(
                    f"{page} {_ms(_percentile(v, 50))}/{_ms(_percentile(v, 95))}" for page, v in sorted(by_page.items())
                )
            )
        warm_runs = [r for r in level.runs(first=False) if r.ok]
        if warm_runs:
            kb = statistics.mean(r.bytes_in for r in warm_runs) / 1024
            count = statistics.mean(r.messages for r in warm_runs)
            refs = statistics.mean(r.refs for r in warm_runs)
            lines.append(
                f"  per warm run: {kb:.0f} KB received in {count:.0f} messages, "
                f"{refs:.1f} of them references to a message this client holds"
            )
        if level.others_top:
            lines.append(
                "  other CPU on the machine: " + "; ".join(f"{sec:.1f} s {cmd}" for cmd, sec in level.others_top)
            )
        details = Counter()
        for result in level.results:
            if result.connect_failure:
                details[f"{result.connect_failure}: {result.connect_detail[:160]}"] += 1
            for run in result.runs:
                if not run.ok:
                    details[f"{run.failure}: {run.detail[:160]}"] += 1
        for text, n in details.most_common(5):
            lines.append(f"  failure x{n}: {text}")
    return "\n".join(lines)


# --- main ----------------------------------------------------------------------------------------


def _check_loopback(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SystemExit(f"load_test: --url must be http://HOST:PORT, got {url!r}")
    if parts.hostname not in LOOPBACK:
        raise SystemExit(f"load_test: refusing {parts.hostname!r}: only 127.0.0.1, localhost and ::1 are measured")
    return url.rstrip("/")


def _warm_up(args: argparse.Namespace, backends: list[str] | None = None) -> None:
    """Open "/" to learn the app's pages, then (unless --no-warmup) visit each page once on every process.

    Sessions then name their pages by the URL paths the server announced, and the first measured
    level does not pay for cold caches and first imports. backends are the processes' own URLs
    when this script started them; through a proxy without them, 2 x --pid sessions (each with
    its own sticky cookie) are sent one after the other, which reaches every process with high
    odds but not for certain.
    """

    async def one(url: str, pages: list[str]) -> Session:
        warm_args = argparse.Namespace(**{**vars(args), "url": url, "pages": pages, "runs": len(pages) - 1})
        warm_args.think = 0.0
        start = asyncio.Event()
        start.set()
        session = Session(0, warm_args, start, time.monotonic() + args.run_timeout * (len(pages) + 1))
        result = await session.main()
        bad = [r for r in result.runs if not r.ok]
        if result.connect_failure or bad:
            why = result.connect_failure or f"{bad[0].page or '/'}: {bad[0].failure} {bad[0].detail}"
            print(f"warning: warm-up run on {url} failed ({why})", file=sys.stderr)
        return session

    async def go() -> None:
        probe = await one(args.url, [""])
        if probe.result.connect_failure:
            raise SystemExit(f"load_test: cannot open {args.url}: {probe.result.connect_detail}")
        # Every later session names pages as the browser would, by the paths the server announced.
        args.page_paths, args.page_hashes = probe.page_paths, probe.page_hashes
        if not args.warmup:
            return
        targets = backends or [args.url] * (2 * max(1, args.warm_sessions))
        for url in targets:
            await one(url, args.pages)

    asyncio.run(go())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_argument_group("which server")
    where.add_argument("--url", help="attach to a running server or proxy at this loopback URL")
    where.add_argument("--pid", help="with --url: the server process ids, comma-separated (for CPU and memory)")
    where.add_argument("--proxy-pid", help="with --url: nginx's master pid (its workers are counted with it)")
    where.add_argument("--processes", type=int, default=1, help="without --url: start this many Parley processes")
    where.add_argument("--proxy", action="store_true", help="without --url: put nginx in front even of one process")
    where.add_argument(
        "--data-dir", type=Path, default=None, help="without --url: PARLEY_DATA_DIR (default: the repository's data/)"
    )
    where.add_argument(
        "--database-url", help="without --url: PARLEY_DATABASE_URL (default: a SQLite file in a temporary folder)"
    )
    where.add_argument(
        "--app-dir",
        type=Path,
        default=serving.ROOT,
        help="without --url: the folder with app.py, dashboard.py, pages/ and parley/ (default: this checkout)",
    )
    where.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help="without --url: a Streamlit option for every process, e.g. runner.postScriptGC=false",
    )
    what = parser.add_argument_group("what to run")
    what.add_argument("--sessions", default="10,25,50", help="concurrent sessions per level, comma-separated")
    what.add_argument("--runs", type=int, default=5, help="warm runs per session after its first page run")
    what.add_argument("--pages", default=DEFAULT_PAGES, help=f"pages to cycle through (default {DEFAULT_PAGES})")
    what.add_argument("--query", default="", help="query string of every run, e.g. dataset=mini")
    what.add_argument("--think", type=float, default=0.0, help="seconds each session waits between runs")
    what.add_argument("--pause", type=float, default=3.0, help="seconds between levels (default 3)")
    what.add_argument("--no-warmup", dest="warmup", action="store_false", help="skip the warm-up visit of every page")
    what.add_argument(
        "--no-message-cache",
        dest="message_cache",
        action="store_false",
        help="do not tell the server which messages this client holds (every chart is resent)",
    )
    what.add_argument("--no-compression", dest="compression", action="store_false", help="no permessage-deflate")
    limits = parser.add_argument_group("limits")
    limits.add_argument("--run-timeout", type=float, default=60.0, help="seconds one run may take")
    limits.add_argument("--level-limit", type=float, default=300.0, help="seconds one level may take")
    limits.add_argument("--time-limit", type=float, default=900.0, help="hard limit on the whole measurement, s")
    out = parser.add_argument_group("output")
    out.add_argument("--json", type=Path, help="also write every run's figures to this file")
    out.add_argument("--label", default="", help="a line printed above the table")
    args = parser.parse_args()

    args.deadline = time.monotonic() + args.time_limit
    args.pages = [p.strip().strip("/") for p in args.pages.split(",") if p.strip()]
    try:
        levels = [int(n) for n in args.sessions.split(",") if n.strip()]
    except ValueError:
        parser.error("--sessions takes numbers, e.g. 10,25,50")
    if not levels or min(levels) < 1 or args.runs < 0:
        parser.error("--sessions needs positive numbers and --runs a number >= 0")

    deployment = None
    run_dir = None
    failed = True
    if args.url:
        args.url = _check_loopback(args.url)
        if not args.pid:
            parser.error("--url needs --pid (the server process ids) to read CPU and memory")
        server_pids = [int(p) for p in args.pid.split(",")]
        proxy_pids = [int(p) for p in args.proxy_pid.split(",")] if args.proxy_pid else []
        for pid in server_pids + proxy_pids:
            if pid <= 1 or pid == os.getpid():
                parser.error(f"--pid {pid} is not a server process")
            if not Path(f"/proc/{pid}").exists():
                parser.error(f"no process {pid}")
        setup = f"attached to {args.url} (server pids {args.pid})"
    else:
        data_dir = (args.data_dir or serving.ROOT / "data").resolve()
        run_dir = Path(tempfile.mkdtemp(prefix="parley-load-"))
        proxied = args.proxy or args.processes > 1
        print(f"Starting {args.processes} Parley process(es){' behind nginx' if proxied else ''} ...", flush=True)
        try:
            options = dict(item.split("=", 1) for item in args.set)
            deployment = serving.deploy(
                args.processes,
                data_dir,
                args.database_url,
                run_dir,
                proxy=proxied,
                options=options,
                app_dir=args.app_dir.resolve(),
            )
        except RuntimeError as error:
            shutil.rmtree(run_dir, ignore_errors=True)
            print(f"load_test: {error}", file=sys.stderr)
            return 1
        args.url = deployment.url
        server_pids = deployment.server_pids
        proxy_pids = [deployment.proxy.pid] if deployment.proxy else []
        setup = (
            f"{args.processes} process(es){' behind nginx' if proxied else ''} at {args.url}, app {args.app_dir}, "
            f"data {data_dir}, store {args.database_url or 'SQLite in ' + str(run_dir)}"
            + (f", options {' '.join(args.set)}" if args.set else "")
        )
    header = (
        f"{args.label + chr(10) if args.label else ''}Parley load test: {setup}; pages {','.join(args.pages)}; "
        f"query {args.query or '(none)'}; 1 first + {args.runs} warm runs per session, think {args.think:g} s; "
        f"message cache {'on' if args.message_cache else 'off'}; {os.cpu_count()} CPUs"
    )
    try:
        args.warm_sessions = len(server_pids)
        _warm_up(args, [s.url for s in deployment.servers] if deployment else None)
        done: list[Level] = []
        for sessions in levels:
            if time.monotonic() >= args.deadline:
                print(f"time limit reached; {sessions} sessions not run", file=sys.stderr)
                break
            if done:
                time.sleep(args.pause)  # let the last level's sessions be torn down before measuring again
            print(f"... {sessions} sessions", flush=True)
            done.append(asyncio.run(_level(args, sessions, server_pids, proxy_pids)))
        print()
        print(report(done, args, header))
        if args.json:
            args.json.write_text(
                json.dumps(
                    {"setup": header, "levels": [asdict(level) for level in done]},
                    indent=1,
                    default=str,
                ),
                encoding="utf-8",
            )
        failed = any(_failures(level) for level in done)
    finally:
        if deployment is not None:
            deployment.stop()
        if run_dir is not None:
            if failed:
                print(f"\nThe servers' logs are kept in {run_dir}")
            else:
                shutil.rmtree(run_dir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
