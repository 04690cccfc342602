"""YAML folders in and out of the store: import checked and isolated, export in the same format.

A folder is read in a child process with its own memory and time limits, so a pathological
file is reported by name and never takes the server, or another dataset, down with it. Folders
are read side by side, smallest first (the app does so off the request path:
parley.store.background), so a slow folder never keeps the others from being served.
Import writes the whole dataset in one transaction or nothing; export writes it back as the
files analysts edit, so import, export, import gives the same dataset.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from parley.load import LIMITS, Limits, LoadResult, Problem, dataset_ids
from parley.model import Dataset
from parley.store.documents import FILES
from parley.store.store import Store

MEMORY_BYTES = 3 * 1024**3  # one folder's load may use this much memory, then it is stopped
WORKERS = max(2, min(4, os.cpu_count() or 1))  # folders read at once, each in its own process
ACTOR = "parley (folder import)"
log = logging.getLogger("parley")
HEADERS = {
    "dataset.yaml": "The negotiation. See data/CODEBOOK.md for the format and the coding rules.",
    "parties.yaml": "Who negotiates.",
    "issues.yaml": "What is negotiated: each issue is a 0-100 scale with anchors.",
    "sources.yaml": "Where facts come from: one item per page or document.",
    "positions.yaml": "Who wants what, when. value and acceptable are analyst codings onto the issue's scale.",
    "events.yaml": "What happened.",
}


def folder_digest(folder: Path) -> str:
    """A fingerprint of every file in the folder, names and contents."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _limit_child() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


# The child's side of read_folder: the problems as one JSON line, then the dataset as JSON. It
# imports the loader only (not the store and its database libraries), so it starts in half the time.
_CHILD = """
import json, sys
from pathlib import Path
from parley.load import Limits, load_dataset
result = load_dataset(Path(sys.argv[1]), Limits(seconds=float(sys.argv[2])))
out = sys.stdout.buffer
out.write(json.dumps([p.__dict__ for p in result.problems], ensure_ascii=False).encode() + b"\\n")
if result.dataset is not None:
    out.write(result.dataset.model_dump_json().encode())
"""


def read_folder(folder: Path, limits: Limits = LIMITS) -> LoadResult:
    """load_dataset in a child process, bounded in memory and time; a crash is a problem, not an outage."""
    folder = Path(folder)
    command = [sys.executable, "-c", _CHILD, str(folder), str(limits.seconds)]
    wait = limits.seconds + 30
    try:
        run = subprocess.run(
            command,
            capture_output=True,
            timeout=wait,
            preexec_fn=_limit_child,
            check=False,
            cwd=Path(__file__).resolve().parents[2],
        )
    except subprocess.TimeoutExpired:
        stopped = f"reading the folder took longer than {wait:g} s"
    else:
        if run.returncode == 0:
            head, _, body = run.stdout.partition(b"\n")
            problems = [Problem(**p) for p in json.loads(head)]
            return LoadResult(folder.name, Dataset.model_validate_json(body) if body else None, problems)
        memory = b"MemoryError" in run.stderr
        stopped = "reading the folder stopped the reader" + (
            " (it ran out of memory)" if memory else f" (exit status {run.returncode})"
        )
    fix = "split the dataset into smaller files, or look for a file that is far larger or deeper than the others"
    return LoadResult(folder.name, None, [Problem(folder.name, None, "", "", stopped, fix, code="stopped")])


@dataclass(frozen=True)
class Imported:
    dataset_id: str
    revision: int | None  # None: nothing imported
    problems: list[Problem]
    note: str = ""


def import_folder(store: Store, folder: Path, actor: str, reason: str, force: bool = False) -> Imported:
    """Import one folder; refuses to overwrite a dataset edited in the store unless `force`."""
    folder = Path(folder)
    digest = folder_digest(folder)
    state = store.folder_state(folder.name)
    if state is not None and state[1] and not force:
        return Imported(folder.name, None, [], note=edited_note(folder))
    result = read_folder(folder)
    if not result.ok:
        store.record_problems(folder.name, digest, result.problems)
        return Imported(folder.name, None, result.problems)
    now = store.folder_state(folder.name)
    if not force and now is not None and (now[0] == digest or now[1]):
        # Another app process on the same store imported this content (or an edit landed) while it was read.
        return Imported(folder.name, None, [], note="" if now[0] == digest else edited_note(folder))
    revision = store.import_dataset(result.dataset, actor, reason, folder=str(folder), digest=digest)
    return Imported(folder.name, revision, [])


def edited_note(folder: Path) -> str:
    return (
        f"The folder {folder} changed after this dataset was edited in Parley, so Parley keeps and shows the "
        f"store's version. To replace it with the folder, run: ./parley.sh import {folder} --force"
    )


def sync(
    store: Store,
    root: Path,
    actor: str = ACTOR,
    first: str | None = None,
    workers: int = WORKERS,
    planned: Callable[[list[str], dict[str, str]], None] | None = None,
    done: Callable[[str, bool], None] | None = None,
) -> dict[str, str]:
    """Bring the store up to date with the data folder; returns a note per dataset a reader should see.

    A new or changed folder is imported unless its dataset was edited in the store since its last
    import: then the store's version stays, and the note says so. A folder that fails is recorded
    with its problems, once per content, so it is not read again until it changes. Folders are
    read `workers` at a time, `first` (the one a reader asked for) and then the smallest first, so
    a slow or pathological folder holds back no other; `planned` hears which folders will be read
    (and the notes), `done` each one as it is finished (and whether it imported).
    """
    notes = {}
    todo: list[tuple[int, str]] = []
    for dataset_id in dataset_ids(root):
        folder = root / dataset_id
        digest = folder_digest(folder)
        state = store.folder_state(dataset_id)
        if state is not None and state[0] == digest:
            continue
        if store.import_failure(dataset_id) == digest:
            continue
        if state is not None and state[1]:
            notes[dataset_id] = edited_note(folder)
            continue
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        todo.append((-1 if dataset_id == first else size, dataset_id))
    names = [name for _, name in sorted(todo)]
    if planned is not None:
        planned(names, notes)

    def one(dataset_id: str) -> None:
        imported = False
        try:
            imported = (
                import_folder(store, root / dataset_id, actor, "the folder is new or changed").revision is not None
            )
        except Exception:
            # The next pass tries again; the other folders go on.
            log.exception("importing the folder %s failed", root / dataset_id)
        finally:
            if done is not None:
                done(dataset_id, imported)

    if names:
        with ThreadPoolExecutor(max(1, min(workers, len(names))), thread_name_prefix="parley-import") as pool:
            list(pool.map(one, names))
    return notes


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data: object) -> bool:
        return True


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    """Text with line breaks as a literal block, the way people write it by hand."""
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)
_DATES = {"date", "as_of"}


def _plain(value: Any, key: str = "") -> Any:
    """Dates written as YAML dates (unquoted), as analysts write them."""
    if isinstance(value, dict):
        return {k: _plain(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if key in _DATES and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def export_dataset(store: Store, dataset_id: str, folder: Path) -> Path:
    """Write the dataset as a folder of YAML files and kept texts, items in their stored order."""
    from sqlalchemy import select

    from parley.store.schema import texts

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for kind, file in FILES.items():
        docs = [item.data for item in store.items(dataset_id, kind)]
        body = docs[0] if kind == "info" else docs
        text = yaml.dump(_plain(body), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        (folder / file).write_text(f"# {HEADERS[file]}\n{text}", encoding="utf-8")
    with store.engine.connect() as c:
        for path, text in c.execute(select(texts.c.path, texts.c.text).where(texts.c.dataset_id == dataset_id)):
            target = (folder / path).resolve()
            if target.is_relative_to(folder.resolve()):
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    return folder
