"""Run K Parley processes behind nginx on loopback, with sticky sessions, until Ctrl-C or a time limit.

Each process is `streamlit run app.py` on a free 127.0.0.1 port with the same data folder
and the same PARLEY_DATABASE_URL; nginx (Debian's /usr/sbin/nginx, run as the current user)
listens on another free port, or --port, and pins each browser to one process with a cookie
(deploy/nginx.conf.template). The nginx config, its pid file, logs and temp folders, each
process's log and, unless --database-url is given, a SQLite store all live in one temporary
folder that is removed on exit (--keep keeps it).

    .venv/bin/python scripts/serve_many.py --processes 2
    .venv/bin/python scripts/serve_many.py --processes 3 --data-dir ~/negotiations --time-limit 3600

It prints the URL to open and a load_test.py command line that measures this deployment.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import ROOT, deploy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", "-k", type=int, default=2, help="Parley processes (default 2)")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data", help="PARLEY_DATA_DIR of every process")
    parser.add_argument(
        "--database-url",
        help="PARLEY_DATABASE_URL of every process (default: a SQLite file in the temporary folder)",
    )
    parser.add_argument("--port", type=int, default=None, help="port nginx listens on (default: a free one)")
    parser.add_argument("--time-limit", type=float, default=3600, help="stop after this many seconds (default 3600)")
    parser.add_argument(
        "--app-dir",
        type=Path,
        default=ROOT,
        help="folder with app.py, dashboard.py, pages/ and parley/ (default: this checkout)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help="a Streamlit option for every process, e.g. runner.postScriptGC=false",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, config) on exit")
    args = parser.parse_args()
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    if not args.data_dir.is_dir():
        parser.error(f"--data-dir {args.data_dir} is not a folder")

    run_dir = Path(tempfile.mkdtemp(prefix="parley-serve-"))
    stop_reason = "time limit"

    def on_signal(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    # SIGINT explicitly too: a shell starting this in the background leaves SIGINT ignored.
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    deployment = None
    try:
        print(f"Starting {args.processes} Parley process(es) and nginx in {run_dir} ...", flush=True)
        deployment = deploy(
            args.processes,
            args.data_dir.resolve(),
            args.database_url,
            run_dir,
            proxy=True,
            proxy_port=args.port,
            options=dict(item.split("=", 1) for item in args.set),
            app_dir=args.app_dir.resolve(),
        )
        for server in deployment.servers:
            print(f"  {server.name}: pid {server.pid}, {server.url}, log {server.log}")
        assert deployment.proxy is not None
        print(f"  nginx: pid {deployment.proxy.pid}, config {run_dir / 'nginx.conf'}, logs in {run_dir}")
        print(f"\nParley is at {deployment.url}/  (stops in {args.time_limit:.0f} s, or on Ctrl-C)")
        pids = ",".join(str(p) for p in deployment.server_pids)
        print(
            "Measure it with:\n  .venv/bin/python scripts/load_test.py "
            f"--url {deployment.url} --pid {pids} --proxy-pid {deployment.proxy.pid}\n",
            flush=True,
        )
        deadline = time.monotonic() + args.time_limit
        while time.monotonic() < deadline:
            for proc in [*deployment.servers, deployment.proxy]:
                if proc.process.poll() is not None:
                    stop_reason = f"{proc.name} exited with code {proc.process.returncode}"
                    print(f"{stop_reason}; its log ends:\n{proc.log_tail()}", file=sys.stderr)
                    return 1
            time.sleep(0.5)
    except KeyboardInterrupt as interrupt:
        stop_reason = str(interrupt) or "Ctrl-C"
    except RuntimeError as error:
        print(f"serve_many: {error}", file=sys.stderr)
        return 1
    finally:
        if deployment is not None:
            print(f"Stopping ({stop_reason}) ...", flush=True)
            deployment.stop()
        if args.keep:
            print(f"Kept {run_dir}")
        else:
            shutil.rmtree(run_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
