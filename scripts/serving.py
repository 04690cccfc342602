"""Start Parley processes and nginx on loopback, and read their CPU time and memory from /proc.

Shared by scripts/serve_many.py (several processes behind nginx) and scripts/load_test.py
(which can start the same deployment itself). Everything listens on 127.0.0.1 only and every
file a run writes (server logs, the nginx config, its pid, logs and temp folders, the SQLite
store) lives in one temporary folder.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
STARTUP_TIMEOUT_S = 120
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class Proc:
    """A process this script started, with the log its output goes to."""

    name: str
    process: subprocess.Popen
    log: Path
    url: str = ""

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def parley_env(data_dir: Path, database_url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of one Parley process: this one's, less any PARLEY_/STREAMLIT_ settings, plus ours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "STREAMLIT_"))}
    env.update(
        {
            "PARLEY_DATA_DIR": str(data_dir),
            "PARLEY_DATABASE_URL": database_url,
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra or {})
    return env


def start_parley(
    run_dir: Path,
    index: int,
    data_dir: Path,
    database_url: str,
    env: dict[str, str] | None = None,
    options: dict[str, str] | None = None,
    app_dir: Path = ROOT,
) -> Proc:
    """`streamlit run app.py` on a free 127.0.0.1 port; does not wait for it to be healthy.

    options are Streamlit settings given as flags (e.g. {"runner.postScriptGC": "false"}); app_dir
    is the folder holding app.py, dashboard.py, pages/, parley/ and .streamlit/ (a copy keeps a long
    measurement apart from edits to the working tree).
    """
    port = free_port()
    log = run_dir / f"parley-{index}-{port}.log"
    command = [
        sys.executable, "-m", "streamlit", "run", str(app_dir / "app.py"),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--server.runOnSave", "false",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    for key, value in (options or {}).items():
        command += [f"--{key}", value]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=app_dir,
            env=parley_env(data_dir, database_url, env),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    return Proc(f"parley-{index}", process, log, f"http://127.0.0.1:{port}")


def wait_healthy(procs: list[Proc], timeout_s: float = STARTUP_TIMEOUT_S) -> None:
    """Return once every process answers /_stcore/health; raise RuntimeError (with its log) otherwise."""
    deadline = time.monotonic() + timeout_s
    waiting = list(procs)
    while waiting:
        for proc in list(waiting):
            if proc.process.poll() is not None:
                raise RuntimeError(f"{proc.name} exited with code {proc.process.returncode}:\n{proc.log_tail()}")
            if healthy(proc.url):
                waiting.remove(proc)
        if waiting and time.monotonic() > deadline:
            raise RuntimeError(f"{waiting[0].name} not healthy within {timeout_s:.0f} s:\n{waiting[0].log_tail()}")
        if waiting:
            time.sleep(0.25)


def _user_line() -> str:
    """nginx's `user` directive, needed only when started as root (workers would otherwise drop to nobody)."""
    if os.geteuid() != 0:
        return ""
    user = pwd.getpwuid(os.geteuid()).pw_name
    group = grp.getgrgid(os.getegid()).gr_name
    return f"user {user} {group};"


def write_nginx_conf(run_dir: Path, listen_port: int, backends: list[str], template: Path = NGINX_TEMPLATE) -> Path:
    """Fill deploy/nginx.conf.template for a run in run_dir; backends are "127.0.0.1:PORT" strings."""
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / "nginx-temp" / sub).mkdir(parents=True, exist_ok=True)
    servers = "\n".join(f"        server {backend} max_fails=3 fail_timeout=10s;" for backend in backends)
    text = template.read_text(encoding="utf-8")
    for key, value in {
        "@@USER@@": _user_line(),
        "@@RUN_DIR@@": str(run_dir),
        "@@LISTEN@@": f"127.0.0.1:{listen_port}",
        "@@SERVER_NAME@@": "localhost",
        "@@UPSTREAM_SERVERS@@": servers.lstrip(),
    }.items():
        text = text.replace(key, value)
    conf = run_dir / "nginx.conf"
    conf.write_text(text, encoding="utf-8")
    return conf


def start_nginx(run_dir: Path, listen_port: int, backends: list[str]) -> Proc:
    """nginx in the foreground (daemon off) with its pid file, logs and temp paths in run_dir."""
    if not shutil.which(NGINX):
        raise RuntimeError(f"nginx not found at {NGINX} (set NGINX, or install Debian's nginx package)")
    conf = write_nginx_conf(run_dir, listen_port, backends)
    log = run_dir / "nginx-stderr.log"
    base = [NGINX, "-p", str(run_dir), "-c", str(conf), "-e", str(run_dir / "error.log")]
    check = subprocess.run([*base, "-t"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*base, "-g", "daemon off;"], stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    proc = Proc("nginx", process, log, f"http://127.0.0.1:{listen_port}")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with code {process.returncode}:\n{proc.log_tail()}")
        if healthy(proc.url):
            return proc
        time.sleep(0.1)
    proc.stop()
    raise RuntimeError(f"nginx did not proxy /_stcore/health within 20 s:\n{proc.log_tail()}")


@dataclass
class Deployment:
    """K Parley processes, with nginx in front when proxied."""

    run_dir: Path
    servers: list[Proc]
    proxy: Proc | None = None
    owned_run_dir: bool = False
    stopped: bool = field(default=False, init=False)

    @property
    def url(self) -> str:
        return self.proxy.url if self.proxy else self.servers[0].url

    @property
    def server_pids(self) -> list[int]:
        return [s.pid for s in self.servers]

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        if self.proxy:
            # SIGQUIT is nginx's graceful shutdown; it still closes open websockets.
            self.proxy.stop(signal.SIGQUIT)
        for server in self.servers:
            server.stop()


def deploy(
    processes: int,
    data_dir: Path,
    database_url: str | None,
    run_dir: Path,
    proxy: bool,
    proxy_port: int | None = None,
    env: dict[str, str] | None = None,
    options: dict[str, str] | None = None,
    app_dir: Path = ROOT,
) -> Deployment:
    """Start `processes` Parley servers (and nginx in front when `proxy`), all healthy on return."""
    run_dir.mkdir(parents=True, exist_ok=True)
    database_url = database_url or f"sqlite:///{run_dir / 'parley.db'}"
    servers = [start_parley(run_dir, n + 1, data_dir, database_url, env, options, app_dir) for n in range(processes)]
    deployment = Deployment(run_dir, servers)
    try:
        wait_healthy(servers)
        if proxy:
            backends = [s.url.removeprefix("http://") for s in servers]
            deployment.proxy = start_nginx(run_dir, proxy_port or free_port(), backends)
    except BaseException:
        deployment.stop()
        raise
    return deployment


# --- /proc readings ------------------------------------------------------------------------


def _stat_fields(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may contain spaces.
    return raw[raw.rindex(")") + 2 :].split()


def children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat_fields(int(entry))
            if fields:
                kids.setdefault(int(fields[1]), []).append(int(entry))
    return kids


def with_descendants(pids: list[int]) -> list[int]:
    kids = children_map()
    found, todo = [], list(pids)
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.append(pid)
            todo.extend(kids.get(pid, []))
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process, plus that of its children it has reaped."""
    fields = _stat_fields(pid)
    if not fields:
        return 0.0
    # After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / CLK_TCK


def rss_bytes(pid: int) -> int:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * PAGE_SIZE


def hwm_bytes(pid: int) -> int:
    """The process's own peak resident memory over its lifetime (VmHWM)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def machine_busy_seconds() -> float:
    """CPU seconds every core of the machine spent busy since boot (all processes)."""
    parts = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(p) for p in parts[:8])
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def all_process_cpu() -> dict[int, tuple[str, float]]:
    """pid -> (command line, CPU seconds so far) for every process on the machine."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        fields = _stat_fields(pid)
        if not fields:
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            cmd = ""
        found[pid] = (cmd or f"[{pid}]", sum(int(fields[i]) for i in (11, 12)) / CLK_TCK)
    return found
