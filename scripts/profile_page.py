"""Where one warm page view's server CPU goes: one session repeats a page while py-spy samples the server.

For each page: a Parley process on a free loopback port (temporary SQLite store) is warmed up,
then one protocol-level session (scripts/load_test.py's) asks for the page --runs times, twice:
first unobserved, to read the CPU per run from /proc (the whole process, and its long-lived
threads by name), then under `py-spy record` to split that time by what the stacks were doing:
the page script (Parley's code, plotly figure building, figure-to-JSON, other Streamlit
elements), Streamlit's per-message hashing, its garbage collection after each run, and the
event loop (ForwardMsg serialisation, websocket framing and compression).

    .venv/bin/python -m pip install py-spy==0.4.3   # in requirements-dev.txt
    .venv/bin/python scripts/profile_page.py --pages overview,timeline --runs 30
    .venv/bin/python scripts/profile_page.py --set runner.postScriptGC=false

py-spy attaches with ptrace: run as root or with kernel.yama.ptrace_scope=0.
"""

from __future__ import annotations

import argparse
import asyncio
import linecache
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load_test
import serving

PY_SPY = Path(sys.executable).with_name("py-spy")

# (category, test on one frame "function (file:line)"). A sample goes to the category of its
# innermost frame that some test matches (the first test, when several match that frame): a
# Streamlit element called from Parley's code counts as the element, Parley's code run by the
# page counts as Parley's, and library frames without a rule count as whoever called them.
SCRIPT_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("gc.collect after the run (runner.postScriptGC)", re.compile(r"^\[gc\]$")),
    ("message hashing (deterministic serialise + md5)", re.compile(r"forward_msg_cache\.py")),
    ("figure to JSON (plotly to_json)", re.compile(r"plotly/io/_json\.py|_plotly_utils/utils\.py|json/encoder\.py")),
    ("plotly figure building and validation", re.compile(r"site-packages/(plotly|_plotly_utils)/")),
    ("st.plotly_chart other", re.compile(r"streamlit/elements/plotly_chart\.py")),
    ("st.cache_* key hashing and lookup", re.compile(r"streamlit/runtime/caching/")),
    ("other Streamlit element calls", re.compile(r"streamlit/(elements|delta_generator)")),
    ("Parley: dataset file signature (stat of every file)", re.compile(r"parley/ui/data\.py")),
    ("Parley code (tables, gaps, text, charts' data)", re.compile(r"/work/main/parley/|parley/")),
    ("page scripts (pages/*.py, dashboard.py)", re.compile(r"/pages/|dashboard\.py")),
]
LOOP_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("ForwardMsg serialise (SerializeToString)", re.compile(r"runtime_util\.py")),
    (
        "websocket send: framing, deflate, socket writes",
        re.compile(r"site-packages/(websockets|uvicorn)/|starlette/websockets|starlette_websocket\.py|SocketTransport"),
    ),
    (
        "hand-off of each ForwardMsg to the event loop (queue, wake-ups)",
        re.compile(r"app_session\.py|forward_msg_queue\.py|runtime/runtime\.py|_write_to_self|_read_from_self"),
    ),
    ("HTTP routes (static files, health)", re.compile(r"starlette_(routes|static_routes)\.py|starlette/")),
]
IDLE_LEAVES = re.compile(
    r"^(EpollSelector\.select|Condition\.wait|Event\.wait|_worker|Thread\.join|_wait_for_tstate_lock|"
    r"SimpleQueue\.get|Queue\.get|select|poll)\b"
)


def _leaf_is_sleep(frame: str) -> bool:
    """A frame whose own line is a blocking call: time.sleep, a lock, gc.collect (marked separately)."""
    match = re.search(r"\((.+):(\d+)\)$", frame)
    if not match:
        return False
    line = linecache.getline(match.group(1), int(match.group(2)))
    return "time.sleep(" in line or ".wait(" in line or ".acquire(" in line


def _is_gc(frame: str) -> bool:
    match = re.search(r"\((.+):(\d+)\)$", frame)
    return bool(match) and "gc.collect(" in linecache.getline(match.group(1), int(match.group(2)))


def _innermost(frames: list[str], rules: list[tuple[str, re.Pattern[str]]], fallback: str) -> str:
    for frame in reversed(frames):
        for category, pattern in rules:
            if pattern.search(frame):
                return category
    return fallback


def categorise(raw: Path) -> tuple[Counter, Counter, Counter, int]:
    """Samples by category for the script threads, the event loop and other threads, plus idle ones."""
    script, loop, other = Counter(), Counter(), Counter()
    idle = 0
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        thread, frames = frames[0], frames[1:]
        leaf = frames[-1] if frames else ""
        if IDLE_LEAVES.match(leaf) or (_leaf_is_sleep(leaf) and not _is_gc(leaf)):
            idle += count
            continue
        # A script thread is named ScriptRunner.scriptThread, but py-spy may sample it before
        # or after it has its name: its stack says what it is.
        if "ScriptRunner" in thread or any("_run_script_thread" in frame for frame in frames):
            if _is_gc(leaf):
                frames = [*frames, "[gc]"]
            rules, bucket, fallback = SCRIPT_RULES, script, "Streamlit script runner other (exec, session state)"
        elif "MainThread" in thread:
            rules, bucket, fallback = LOOP_RULES, loop, "event loop other"
        else:
            name = thread.split(": ", 1)[-1]
            other[re.sub(r"[-_]\d+$", "", name)] += count
            continue
        bucket[_innermost(frames, rules, fallback)] += count
    return script, loop, other, idle


def _thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds of each live thread of pid, summed by thread name."""
    found: Counter = Counter()
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            name = Path(f"/proc/{pid}/task/{tid}/comm").read_text().strip()
            raw = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2 :].split()
        found[name] += (int(fields[11]) + int(fields[12])) / serving.CLK_TCK
    return dict(found)


def _session_runs(args: argparse.Namespace, page: str, runs: int) -> list[float]:
    session_args = argparse.Namespace(**{**vars(args), "pages": [page], "runs": runs - 1, "think": 0.0})

    async def go() -> list[float]:
        start = asyncio.Event()
        start.set()
        session = load_test.Session(0, session_args, start, time.monotonic() + args.run_timeout * runs)
        result = await session.main()
        bad = [r for r in result.runs if not r.ok]
        if result.connect_failure or bad:
            raise RuntimeError(result.connect_failure or f"{bad[0].failure}: {bad[0].detail}")
        return [r.seconds for r in result.runs if r.seconds is not None]

    return asyncio.run(go())


def profile_page(load_args: argparse.Namespace, args: argparse.Namespace, pid: int, page: str, out_dir: Path) -> str:
    # Unobserved: CPU per run from /proc.
    before, threads_before = serving.cpu_seconds(pid), _thread_cpu(pid)
    times = _session_runs(load_args, page, args.runs)
    time.sleep(0.5)  # the last run's garbage collection happens after its script_finished
    cpu = serving.cpu_seconds(pid) - before
    threads_after = _thread_cpu(pid)
    lived = {k: threads_after.get(k, 0.0) - threads_before.get(k, 0.0) for k in threads_after}
    lived = {k: v for k, v in lived.items() if v >= 0.005}
    per_run = cpu / args.runs

    # Observed: the same runs under py-spy.
    raw = out_dir / f"{page}.txt"
    spy = subprocess.Popen(
        [
            str(PY_SPY),
            "record",
            "-p",
            str(pid),
            "-r",
            str(args.rate),
            "-f",
            "raw",
            "-t",
            "--full-filenames",
            "-o",
            str(raw),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.0)
    spied_times = _session_runs(load_args, page, args.runs)
    time.sleep(0.5)
    spy.send_signal(signal.SIGINT)
    _, err = spy.communicate(timeout=60)
    if not raw.exists():
        raise RuntimeError(f"py-spy wrote nothing: {err.decode(errors='replace')[-500:]}")
    script, loop, other, idle = categorise(raw)
    busy = sum(script.values()) + sum(loop.values()) + sum(other.values())

    p50, spied_p50 = 1000 * statistics.median(times), 1000 * statistics.median(spied_times)
    lines = [
        f"## {page}: {args.runs} warm runs by one session",
        f"latency p50 {p50:.0f} ms (under py-spy {spied_p50:.0f} ms); "
        f"server CPU {1000 * per_run:.0f} ms per run ({cpu:.2f} s for {args.runs} runs)",
        "live threads' CPU over the runs (ScriptRunner threads end with their run and are the rest): "
        + ", ".join(f"{name} {1000 * sec / args.runs:.0f} ms/run" for name, sec in sorted(lived.items())),
        f"py-spy: {busy} busy samples at {args.rate} Hz ({idle} idle ones left out); "
        "share of busy samples, and that share of the measured CPU per run:",
        "",
        "| thread | what | share | ms per run |",
        "|---|---|---|---|",
    ]
    for thread, bucket in (("script", script), ("event loop", loop), ("other threads", other)):
        for category, count in bucket.most_common():
            share = count / busy if busy else 0.0
            lines.append(f"| {thread} | {category} | {100 * share:.1f}% | {1000 * per_run * share:.0f} |")
    lines.append(f"\nraw stacks: {raw}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=serving.ROOT / "data")
    parser.add_argument("--query", default="", help="query string of every run, e.g. dataset=mini")
    parser.add_argument("--pages", default="overview,timeline")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rate", type=int, default=200, help="py-spy samples per second")
    parser.add_argument("--run-timeout", type=float, default=60.0)
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help="a Streamlit option, e.g. runner.postScriptGC=false",
    )
    parser.add_argument(
        "--app-dir", type=Path, default=serving.ROOT, help="folder with app.py, dashboard.py, pages/, parley/"
    )
    parser.add_argument("--out", type=Path, help="folder for py-spy's raw stacks (default: a temporary one, kept)")
    args = parser.parse_args()
    if not PY_SPY.exists():
        parser.error(f"{PY_SPY} not found: .venv/bin/python -m pip install py-spy==0.4.3")
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="parley-profile-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix="parley-profile-run-"))
    options = dict(item.split("=", 1) for item in args.set)
    deployment = serving.deploy(
        1, args.data_dir.resolve(), None, run_dir, proxy=False, options=options, app_dir=args.app_dir.resolve()
    )
    try:
        load_args = argparse.Namespace(
            url=deployment.url,
            query=args.query,
            pages=pages,
            runs=0,
            think=0.0,
            warmup=True,
            message_cache=True,
            compression=True,
            run_timeout=args.run_timeout,
        )
        load_test._warm_up(load_args, [deployment.url])
        pid = deployment.server_pids[0]
        print(f"Parley pid {pid}, data {args.data_dir}, options {options or 'defaults'}\n")
        for page in pages:
            print(profile_page(load_args, args, pid, page, out_dir), "\n", flush=True)
    finally:
        deployment.stop()
        shutil.rmtree(run_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
