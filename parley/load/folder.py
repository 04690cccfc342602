"""Read and check one dataset folder: the YAML files analysts edit and review in git.

A load never stops at the first mistake: it collects every problem (up to the limits), each
naming the file, the item (with its line), the field, what is wrong and how to fix it. A
dataset with any problem is refused whole; the files are never changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from parley.load.checks import LIST_FILES, REQUIRED_FILES, Located, check_dataset, describe, is_id
from parley.load.limits import LIMITS, Limits
from parley.load.problems import Problem, ProblemLog, TooManyProblems, TooSlow
from parley.load.texts import read_kept_texts
from parley.load.yaml_reader import Document, read_yaml
from parley.model import Dataset

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_DIR_ENV = "PARLEY_DATA_DIR"


@dataclass(frozen=True)
class LoadResult:
    dataset_id: str
    dataset: Dataset | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.dataset is not None


def data_dir() -> Path:
    """The data folder: PARLEY_DATA_DIR when set, so a team can point the app at its own data."""
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


def dataset_ids(root: Path | None = None) -> list[str]:
    """Every dataset folder, sorted; folders starting with '_' or '.' (the template) are not data."""
    root = root or data_dir()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def _items(doc: Document | None, file: str, log: ProblemLog) -> list[Located] | None:
    """The mapping items of a list file; None when the file has no readable list."""
    if doc is None:
        return None
    if doc.data is None:
        return []
    if not isinstance(doc.data, list):
        log.add(
            Problem(
                file,
                1,
                "",
                "",
                "the file must hold a list of items",
                "start each item with '- ' at the left margin",
                code="not-a-list",
            )
        )
        return None
    kind = LIST_FILES[file][0]
    items = []
    for index, data in enumerate(doc.data):
        if isinstance(data, dict):
            items.append(Located(data, index, lambda path, data=data: doc.line(data, path)))
        else:
            log.add(
                Problem(
                    file,
                    doc.line(doc.data, (index,)),
                    describe(data, index, kind),
                    "",
                    "the item is not a mapping of fields",
                    "write the item as 'field: value' lines",
                    code="not-a-mapping",
                )
            )
    return items


def load_dataset(folder: Path, limits: Limits = LIMITS) -> LoadResult:
    """Load one dataset folder; the folder name is the dataset id."""
    folder = Path(folder)
    dataset_id = folder.name
    log = ProblemLog(limits)
    if not folder.is_dir():
        problem = Problem(
            str(folder), None, "", "", "the dataset folder does not exist", "check the dataset id or PARLEY_DATA_DIR"
        )
        return LoadResult(dataset_id, None, [problem])
    try:
        dataset = _load(folder, dataset_id, log, limits)
    except TooManyProblems:
        dataset = None
        message = f"checking stopped after {limits.problems:,} problems"
        log.stop(Problem("", None, "", "", message, "fix the problems listed, then load again", code="stopped"))
    except TooSlow:
        dataset = None
        message = f"checking stopped: the dataset took longer than {limits.seconds:g} s to read"
        log.stop(Problem("", None, "", "", message, "split the negotiation into smaller datasets", code="stopped"))
    return LoadResult(dataset_id, dataset if not log else None, log.problems())


def _load(folder: Path, dataset_id: str, log: ProblemLog, limits: Limits) -> Dataset | None:
    if not is_id(dataset_id):
        log.add(
            Problem(
                dataset_id,
                None,
                "",
                "",
                "the folder name is not a valid dataset id; links and the sidebar use it",
                "rename the folder with lowercase letters, digits and hyphens, e.g. 'trade-talks-2026'",
            )
        )
    for name in REQUIRED_FILES:
        if not (folder / name).is_file():
            log.add(
                Problem(
                    name,
                    None,
                    "",
                    "",
                    "the file is missing",
                    f"create {name} in the dataset folder (data/CODEBOOK.md describes it)",
                )
            )
    docs = {
        name: read_yaml(folder / name, name, log, limits)
        for name in ("dataset.yaml", *LIST_FILES)
        if (folder / name).is_file()
    }

    info = None
    info_doc = docs.get("dataset.yaml")
    if info_doc is not None and info_doc.data is not None:
        if isinstance(info_doc.data, dict):
            info = Located(info_doc.data, 0, lambda path: info_doc.line(info_doc.data, path))
        else:
            log.add(
                Problem(
                    "dataset.yaml",
                    1,
                    "",
                    "",
                    "the file must be a mapping of fields",
                    "write 'title: ...', 'as_of: ...' lines",
                )
            )
    lists = {name: _items(docs.get(name), name, log) for name in LIST_FILES}
    return check_dataset(dataset_id, info, lists, log, lambda sources: read_kept_texts(folder, sources, limits))
