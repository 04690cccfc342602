"""Read and validate a dataset folder.

Analysts edit the YAML by hand, so a load never stops at the first mistake: it collects every
problem, each naming the file, the item (with its line), the field, what is wrong and how to
fix it. A dataset with any problem is refused whole; the files are never changed.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from parley.model import Dataset, DatasetInfo, Event, Issue, Party, Position, Source

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MAX_FILE_BYTES = 32_000_000

LIST_FILES: dict[str, type] = {
    "parties.yaml": Party,
    "issues.yaml": Issue,
    "sources.yaml": Source,
    "positions.yaml": Position,
    "events.yaml": Event,
}
REQUIRED_FILES = ("dataset.yaml", "parties.yaml", "issues.yaml", "sources.yaml", "positions.yaml")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    item: str
    field: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        subject = ", ".join(part for part in (self.item, f"field '{self.field}'" if self.field else "") if part)
        return f"{where}: {subject + ': ' if subject else ''}{self.message}. Fix: {self.fix}"


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
    return Path(os.environ.get("PARLEY_DATA_DIR") or DEFAULT_DATA_DIR)


def dataset_ids(root: Path | None = None) -> list[str]:
    """Every dataset folder, sorted; folders starting with '_' or '.' (the template) are not data."""
    root = root or data_dir()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def normalise_quote(text: str) -> str:
    """Make quotes comparable: sources differ in whitespace, dashes and curly quote marks."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u2018\u2019\u201a\u201b\u2032`]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]", '"', text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = text.replace('\\"', '"')
    return re.sub(r"\s+", " ", text).strip().casefold()


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path, name: str, problems: list[Problem]) -> tuple[Any, yaml.Node | None]:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(
            Problem(name, None, "", "", f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                    "split the negotiation into smaller datasets or remove pasted documents")
        )
        return None, None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, None, "", "", f"the file is not UTF-8 text ({exc.reason})",
                                "save the file as UTF-8"))
        return None, None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        alias_line = _first_alias_line(node)
        if alias_line is not None:
            problems.append(Problem(name, alias_line, "", "", "the YAML uses an anchor and alias (&name / *name), "
                                    "which Parley data does not allow", "write the repeated value out in full"))
            return None, None
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(name, line, "", "", f"the YAML cannot be read: {reason}",
                                "check indentation, colons and quotes near that line"))
        return None, None
    finally:
        loader.dispose()
    return data, node


def _first_alias_line(root: yaml.Node) -> int | None:
    """An alias makes the composer reuse a node; finding any node twice finds the alias.

    Refusing aliases outright stops alias bombs before anything expands them.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node.start_mark.line + 1
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return None


def _field_line(node: yaml.Node | None, loc: tuple) -> int | None:
    """The line of the deepest YAML node that the error location reaches."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == part), None)
            if match is None:
                break
            line = match.start_mark.line + 1
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _describe(item: Any, index: int, kind: str) -> str:
    if isinstance(item, dict):
        if "id" in item:
            return f"{kind} '{item['id']}'"
        if kind == "position":
            return f"position {index + 1} ({item.get('party', '?')} on {item.get('issue', '?')}, {item.get('date', '?')})"
        if kind == "event":
            return f"event {index + 1} ({item.get('date', '?')} {item.get('title', '')})".rstrip()
    return f"{kind} {index + 1}"


_FIXES = {
    "missing": "add the field",
    "extra_forbidden": "remove it or check its spelling against data/CODEBOOK.md",
    "string_pattern_mismatch": "use lowercase letters, digits and hyphens (e.g. 'united-states'), or a #rrggbb colour, or an http(s) address",
    "less_than_equal": "use a number from 0 to 100 (0 to 1 for salience)",
    "greater_than_equal": "use a number from 0 to 100 (0 to 1 for salience)",
    "date_from_datetime_parsing": "write a real date as YYYY-MM-DD",
    "date_parsing": "write a real date as YYYY-MM-DD",
    "date_from_datetime_inexact": "write a date without a time, as YYYY-MM-DD",
    "date_type": "write a real date as YYYY-MM-DD",
    "literal_error": "use one of the allowed values listed in the message",
    "string_too_long": "shorten it",
    "string_too_short": "fill it in",
    "too_short": "give the number of entries the message asks for",
    "too_long": "give the number of entries the message asks for",
}


def _validation_problems(exc: ValidationError, name: str, item_label: str, node: yaml.Node | None) -> list[Problem]:
    found = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        field = ".".join(str(p) for p in loc)
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] not in ("missing", "value_error", "assertion_error") and "input" in error:
            message = f"{message} (got {error['input']!r})"
        fix = _FIXES.get(error["type"], "correct the value as the message says")
        if error["type"] == "value_error":
            fix = message.split("; ", 1)[1] if "; " in message else "correct the value as the message says"
            message = message.split("; ", 1)[0]
        found.append(Problem(name, _field_line(node, loc), item_label, field, message, fix))
    return found


def _check_list(
    data: Any, node: yaml.Node | None, name: str, model: type, problems: list[Problem]
) -> list[tuple[Any, yaml.Node | None]]:
    kind = name.removesuffix(".yaml").removesuffix("s") if name != "parties.yaml" else "party"
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(Problem(name, 1, "", "", "the file must hold a list of items",
                                "start each item with '- ' at the left margin"))
        return []
    items = []
    nodes = node.value if isinstance(node, yaml.SequenceNode) else [None] * len(data)
    for index, (raw, item_node) in enumerate(zip(data, nodes, strict=True)):
        label = _describe(raw, index, kind)
        if not isinstance(raw, dict):
            line = item_node.start_mark.line + 1 if item_node else None
            problems.append(Problem(name, line, label, "", "the item is not a mapping of fields",
                                    "write the item as 'field: value' lines"))
            continue
        try:
            items.append((model.model_validate(raw), item_node))
        except ValidationError as exc:
            problems.extend(_validation_problems(exc, name, label, item_node))
    return items


def _item_line(node: yaml.Node | None, field: str | None = None) -> int | None:
    return _field_line(node, (field,) if field else ())


def load_dataset(folder: Path) -> LoadResult:
    """Load one dataset folder; the folder name is the dataset id."""
    folder = Path(folder)
    problems: list[Problem] = []
    dataset_id = folder.name
    if not folder.is_dir():
        return LoadResult(dataset_id, None, [Problem(str(folder), None, "", "", "the dataset folder does not exist",
                                                     "check the dataset id or PARLEY_DATA_DIR")])
    for name in REQUIRED_FILES:
        if not (folder / name).is_file():
            problems.append(Problem(name, None, "", "", "the file is missing",
                                    f"create {name} (copy it from data/_template/)"))

    raw: dict[str, tuple[Any, yaml.Node | None]] = {}
    for name in ("dataset.yaml", *LIST_FILES):
        if (folder / name).is_file():
            raw[name] = _read_yaml(folder / name, name, problems)

    info = None
    info_data, info_node = raw.get("dataset.yaml", (None, None))
    if "dataset.yaml" in raw and info_data is not None:
        if not isinstance(info_data, dict):
            problems.append(Problem("dataset.yaml", 1, "", "", "the file must be a mapping of fields",
                                    "write 'title: ...', 'as_of: ...' lines"))
        else:
            try:
                info = DatasetInfo.model_validate(info_data)
            except ValidationError as exc:
                problems.extend(_validation_problems(exc, "dataset.yaml", "the dataset", info_node))

    checked = {name: _check_list(*raw.get(name, (None, None)), name, model, problems)
               for name, model in LIST_FILES.items()}
    parties = checked["parties.yaml"]
    issues = checked["issues.yaml"]
    sources = checked["sources.yaml"]
    positions = checked["positions.yaml"]
    events = checked["events.yaml"]

    for name, items in (("parties.yaml", parties), ("issues.yaml", issues), ("sources.yaml", sources)):
        seen: set[str] = set()
        for item, node in items:
            if item.id in seen:
                problems.append(Problem(name, _item_line(node, "id"), f"{name[:-6].rstrip('s')} '{item.id}'", "id",
                                        f"the id '{item.id}' is used twice", "give each item its own id"))
            seen.add(item.id)

    shorts: dict[str, str] = {}
    for party, node in parties:
        if party.short in shorts:
            problems.append(Problem("parties.yaml", _item_line(node, "short"), f"party '{party.id}'", "short",
                                    f"the label '{party.short}' is already used by party '{shorts[party.short]}'",
                                    "give each party its own short label; charts and links use it"))
        shorts.setdefault(party.short, party.id)

    party_ids = {p.id for p, _ in parties}
    issue_ids = {i.id for i, _ in issues}
    source_ids = {s.id for s, _ in sources}
    if info is not None:
        for index, party in enumerate(info.default_parties):
            if parties and party not in party_ids:
                problems.append(_unknown("dataset.yaml", _field_line(info_node, ("default_parties", index)),
                                         "the dataset", f"default_parties.{index}", "party", party, party_ids))

    texts, normalised, text_problems = _source_texts(folder, sources)
    problems.extend(text_problems)

    for issue, node in issues:
        label = f"issue '{issue.id}'"
        if not issue.anchors:
            continue
        values = [a.value for a in issue.anchors]
        if len(set(values)) != len(values):
            problems.append(Problem("issues.yaml", _item_line(node, "anchors"), label, "anchors",
                                    "two anchors share a value", "give each anchor its own value"))

    seen_positions: dict[tuple[str, str, str], int] = {}
    for index, (position, node) in enumerate(positions):
        label = f"position {index + 1} ({position.party} on {position.issue}, {position.date})"
        if position.party not in party_ids:
            problems.append(_unknown("positions.yaml", _item_line(node, "party"), label, "party", "party",
                                     position.party, party_ids))
        if position.issue not in issue_ids:
            problems.append(_unknown("positions.yaml", _item_line(node, "issue"), label, "issue", "issue",
                                     position.issue, issue_ids))
        key = (position.party, position.issue, position.date.isoformat())
        if key in seen_positions:
            problems.append(Problem("positions.yaml", _item_line(node, "date"), label, "date",
                                    f"{position.party} already has a position on {position.issue} dated {position.date}"
                                    f" (line {seen_positions[key]})",
                                    "merge the two into one position, or give the later one its own date"))
        else:
            seen_positions[key] = _item_line(node) or 0
        for e_index, evidence in enumerate(position.evidence):
            field = f"evidence.{e_index}"
            line = _field_line(node, ("evidence", e_index))
            if evidence.source not in source_ids:
                problems.append(_unknown("positions.yaml", line, label, f"{field}.source", "source",
                                         evidence.source, source_ids))
            elif evidence.source in normalised and normalise_quote(evidence.quote) not in normalised[evidence.source]:
                problems.append(Problem("positions.yaml", line, label, f"{field}.quote",
                                        f"the quote is not in the text of source '{evidence.source}'",
                                        "copy the quote verbatim from that source's text file"))

    for index, (event, node) in enumerate(events):
        label = f"event {index + 1} ({event.date} {event.title})"
        if event.source not in source_ids:
            problems.append(_unknown("events.yaml", _item_line(node, "source"), label, "source", "source",
                                     event.source, source_ids))
        elif event.quote and event.source in normalised and normalise_quote(event.quote) not in normalised[event.source]:
            problems.append(Problem("events.yaml", _item_line(node, "quote"), label, "quote",
                                    f"the quote is not in the text of source '{event.source}'",
                                    "copy the quote verbatim from that source's text file"))
        for p_index, party in enumerate(event.parties):
            if party not in party_ids:
                problems.append(_unknown("events.yaml", _field_line(node, ("parties", p_index)), label,
                                         f"parties.{p_index}", "party", party, party_ids))

    if problems or info is None:
        if info is None and not problems:
            problems.append(Problem("dataset.yaml", None, "", "", "the file is empty",
                                    "fill in title, as_of and default_parties"))
        return LoadResult(dataset_id, None, problems)
    dataset = Dataset(
        id=dataset_id,
        info=info,
        parties=[p for p, _ in parties],
        issues=[i for i, _ in issues],
        sources=[s for s, _ in sources],
        positions=sorted((p for p, _ in positions), key=lambda p: (p.date, p.party, p.issue)),
        events=sorted((e for e, _ in events), key=lambda e: e.date),
        source_texts=texts,
    )
    return LoadResult(dataset_id, dataset, [])


def _unknown(file: str, line: int | None, item: str, field: str, kind: str, value: str, known: set[str]) -> Problem:
    listing = ", ".join(sorted(known)) if known else "none yet"
    return Problem(file, line, item, field, f"unknown {kind} '{value}'",
                   f"use an id defined in {'parties' if kind == 'party' else kind + 's'}.yaml ({listing})")


def _source_texts(
    folder: Path, sources: list[tuple[Source, yaml.Node | None]]
) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    """Each source's text as written and normalised for the quote checks, each file read once."""
    texts: dict[str, str] = {}
    normalised: dict[str, str] = {}
    problems: list[Problem] = []
    cache: dict[Path, str] = {}
    root = folder.resolve()
    for source, node in sources:
        if not source.text_file:
            continue
        path = (folder / source.text_file).resolve()
        label = f"source '{source.id}'"
        if not path.is_relative_to(root):
            problems.append(Problem("sources.yaml", _item_line(node, "text_file"), label, "text_file",
                                    "the text file lies outside the dataset folder",
                                    "keep source texts inside the dataset folder, e.g. sources/name.txt"))
            continue
        if not path.is_file():
            problems.append(Problem("sources.yaml", _item_line(node, "text_file"), label, "text_file",
                                    f"the text file '{source.text_file}' does not exist",
                                    "fix the path (relative to the dataset folder) or remove text_file"))
            continue
        if path not in cache:
            cache[path] = path.read_text(encoding="utf-8", errors="replace")
            normalised[str(path)] = normalise_quote(cache[path])
        texts[source.id] = cache[path]
        normalised[source.id] = normalised[str(path)]
    return texts, {k: v for k, v in normalised.items() if k in texts}, problems


def load_all(root: Path | None = None) -> dict[str, LoadResult]:
    root = root or data_dir()
    return {dataset_id: load_dataset(root / dataset_id) for dataset_id in dataset_ids(root)}
