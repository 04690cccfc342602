"""Kill a process writing to the store, many times, and count what broke.

A writer process imports two versions of a dataset in turn (each import is one transaction) and
edits single positions in between; the script kills it with SIGKILL at a random moment, then
opens the store and checks it: the database is intact (SQLite's integrity check), every dataset
loads and passes its model's checks, it is wholly one version or the other (never half of each),
and its revision is the one its history last recorded. It prints the counts:

    .venv/bin/python scripts/crash_test.py --kills 100
    .venv/bin/python scripts/crash_test.py --kills 100 --url postgresql+psycopg://user@127.0.0.1/db
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _versions(root: Path) -> tuple[Path, Path]:
    """Two versions of one dataset: the generated one, and a copy with a position fewer per party."""
    from scripts.synthetic import write_synthetic_dataset

    first = write_synthetic_dataset(root / "a", parties=6, issues=10, dates=8, dataset_id="crash")
    second = root / "b" / "crash"
    shutil.copytree(first, second)
    text = (second / "positions.yaml").read_text(encoding="utf-8")
    (second / "positions.yaml").write_text(text.replace("Stance ", "Revised stance "), encoding="utf-8")
    info = (second / "dataset.yaml").read_text(encoding="utf-8")
    (second / "dataset.yaml").write_text(info.replace("title: ", "title: Revised "), encoding="utf-8")
    return first, second


def _writer(url: str, folders: tuple[str, str], log: str) -> None:
    """Runs until killed: import one version, edit a position, import the other, ...; notes in `log`
    when each write starts and ends, so the script can tell a kill inside a write from one between."""
    from parley.store import Store
    from parley.store.folders import read_folder

    store = Store(url, migrate=False)
    read = [read_folder(Path(f)).dataset for f in folders]
    with open(log, "a", buffering=1) as out:
        n = 0
        while True:
            out.write("start import\n")
            store.import_dataset(read[n % 2], "crash test", f"import {n}")
            out.write("end\n")
            key = store.position_key("crash", "party-00", "issue-00", "2024-01-01")
            item = store.item("crash", "position", key)
            out.write("start edit\n")
            edited = {**item.data, "note": f"edit {n}"}
            store.save("crash", "position", edited, "crash test", "edit", key=key, base_version=item.version)
            out.write("end\n")
            n += 1


@dataclass
class Counts:
    kills: int = 0
    in_write: int = 0
    corrupt: int = 0
    half_written: int = 0
    checked: int = 0


def _check(url: str, expected: dict[str, int]) -> tuple[bool, bool]:
    """(the store is intact, every dataset in it is whole) after a kill."""
    from sqlalchemy import func, select, text

    from parley.store import Store
    from parley.store.schema import datasets, history, items

    try:
        store = Store(url, migrate=False)
        with store.engine.connect() as c:
            if c.dialect.name == "sqlite" and c.execute(text("PRAGMA integrity_check")).scalar() != "ok":
                return False, True
            revisions = dict(c.execute(select(datasets.c.id, datasets.c.revision)).all())
            whole = True
            for dataset_id, revision in revisions.items():
                recorded = c.execute(select(func.max(history.c.revision)).where(history.c.dataset_id == dataset_id))
                count = c.execute(select(func.count()).where(items.c.dataset_id == dataset_id)).scalar()
                ds = store.dataset(dataset_id)
                title_version = "b" if ds.info.title.startswith("Revised") else "a"
                stances = {p.stance.startswith("Revised") for p in ds.positions}
                whole &= recorded.scalar() == revision and count == expected[title_version]
                whole &= stances == {title_version == "b"}
        store.engine.dispose()
        return True, whole
    except Exception as exc:  # a store that cannot be opened or read counts as corrupt
        print(f"  store unreadable: {type(exc).__name__}: {exc}", file=sys.stderr)
        return False, False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--url", help="a store to use (default: a new SQLite file in a temporary folder)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    random.seed(args.seed)
    work = Path(tempfile.mkdtemp(prefix="parley-crash-"))
    url = args.url or f"sqlite:///{work / 'store.db'}"
    from parley.load import load_dataset
    from parley.store import Store
    from parley.store.folders import import_folder

    folders = _versions(work)
    ds = load_dataset(folders[0]).dataset
    expected = {
        v: 1 + len(ds.parties) + len(ds.issues) + len(ds.sources) + len(ds.positions) + len(ds.events)
        for v in ("a", "b")
    }
    store = Store(url)
    import_folder(store, folders[0], "crash test", "first import")
    store.engine.dispose()
    counts = Counts()
    context = multiprocessing.get_context("spawn")
    started = time.monotonic()
    for _ in range(args.kills):
        log = work / "writer.log"
        log.write_text("")
        writer = context.Process(target=_writer, args=(url, tuple(map(str, folders)), str(log)))
        writer.start()
        deadline = time.monotonic() + 60
        while "start" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(random.uniform(0.0, 1.2))  # somewhere in its writes
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        counts.kills += 1
        lines = log.read_text().split()
        counts.in_write += bool(lines) and lines[-1] in ("import", "edit")
        intact, whole = _check(url, expected)
        counts.checked += 1
        counts.corrupt += not intact
        counts.half_written += not whole
    print(f"store: {url.split('@')[-1] if '@' in url else url}")
    print(
        f"kills: {counts.kills} ({counts.in_write} inside a write transaction)  corrupt stores: {counts.corrupt}  "
        f"half-written datasets: {counts.half_written}  "
        f"({time.monotonic() - started:.0f} s)"
    )
    shutil.rmtree(work, ignore_errors=True)
    return 1 if counts.corrupt or counts.half_written else 0


if __name__ == "__main__":
    sys.exit(main())
