"""Read and validate a dataset folder.

Analysts edit the YAML by hand, so a load never stops at the first mistake: it collects every
problem, each naming the file, the item (with its line), the field, what is wrong and how to
fix it. A dataset with any problem is refused whole; the files are never changed.
"""

from __future__ import annotations

import difflib
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
_KIND = {
    "parties.yaml": "party",
    "issues.yaml": "issue",
    "sources.yaml": "source",
    "positions.yaml": "position",
    "events.yaml": "event",
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


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader, but dates stay text: the models parse them, so an impossible date
    such as 2025-02-30 gets a located message instead of an exception from inside the YAML reader."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)


def _read_yaml(path: Path, name: str, problems: list[Problem]) -> tuple[Any, yaml.Node | None]:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(
            Problem(
                name,
                None,
                "",
                "",
                f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                "split the negotiation into smaller datasets or remove pasted documents",
            )
        )
        return None, None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.append(
            Problem(
                name,
                line,
                "",
                "",
                f"the file is not UTF-8 text (byte {raw[exc.start]:#04x} cannot be read)",
                "save the file with UTF-8 encoding (most editors offer it under 'Save with encoding')",
            )
        )
        return None, None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        alias_line = _first_alias_line(node)
        if alias_line is not None:
            problems.append(
                Problem(
                    name,
                    alias_line,
                    "",
                    "",
                    "the YAML uses an anchor and alias (&name / *name), which Parley data does not allow",
                    "write the repeated value out in full",
                )
            )
            return None, None
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(
            Problem(
                name,
                line,
                "",
                "",
                f"the YAML cannot be read: {_yaml_reason(reason)}",
                "check indentation, colons and quotes on that line and the one above",
            )
        )
        return None, None
    finally:
        loader.dispose()
    return data, node


_YAML_REASONS = {
    "mapping values are not allowed": "a 'field: value' line is indented differently from the lines around it, "
    "or a value contains ': ' and needs quotes",
    "did not find expected key": "a line is indented differently from the other fields of its item",
    "could not find expected ':'": "a line has no ':' after its field name",
    "found a tab character": "a tab is used for indentation; YAML needs spaces",
    "found character that cannot start any token": "a value starts with a character YAML reserves (such as @, ` "
    "or a tab); put the value in quotes",
    "did not find expected '-' indicator": "a list entry is indented differently from the other entries",
    "expected <block end>": "the indentation does not line up with the lines above",
    "found unexpected end of stream": "a quote or bracket is opened but never closed",
    "found unknown escape character": "a double-quoted value contains a backslash; use single quotes instead",
    "while scanning a quoted scalar": "a quote is opened but never closed",
    "expected a single document": "the file holds more than one YAML document ('---'); keep one",
}


def _yaml_reason(reason: str) -> str:
    """libyaml's wording, translated for people who edit the files by hand."""
    plain = next((text for key, text in _YAML_REASONS.items() if key in reason), None)
    return f"{plain} (YAML says: {reason})" if plain else reason


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
            return (
                f"position {index + 1} ({item.get('party', '?')} on {item.get('issue', '?')}, {item.get('date', '?')})"
            )
        if kind == "event":
            return f"event {index + 1} ({item.get('date', '?')} {item.get('title', '')})".rstrip()
    return f"{kind} {index + 1}"


_SCALE_FIX = "use a number from 0 to 100 on the issue's scale"
_SALIENCE_FIX = "use a number from 0 (unimportant) to 1 (most important)"
_SLUG_FIX = "use lowercase letters, digits and hyphens, e.g. 'united-states'"
_DATE_FIX = "write a real date as YYYY-MM-DD, e.g. 2025-03-01"
_KINDS = {
    "Evidence": "{source: ..., quote: ...}",
    "Scale": "{low: ..., high: ...}",
    "Anchor": "{value: ..., label: ...}",
}


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _plain(error: dict, field: str, known_fields: list[str]) -> tuple[str, str]:
    """What is wrong and how to fix it, in plain English rather than pydantic's wording."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    leaf = field.rsplit(".", 1)[-1]
    top = field.split(".", 1)[0]
    in_range = _SALIENCE_FIX if leaf == "salience" else _SCALE_FIX
    if top == "acceptable" and kind in ("missing", "too_short", "too_long", "tuple_type"):
        return (
            f"acceptable must be two numbers, [low, high] (got {_shown(value)})"
            if kind != "missing"
            else "acceptable must be two numbers, [low, high], but has only one",
            "write the range as [low, high], e.g. [40, 60]",
        )
    if value is None and kind not in ("missing", "extra_forbidden", "value_error", "assertion_error"):
        return f"'{leaf}' is empty", f"fill in a value after '{leaf}:' or remove the line"
    if kind == "missing":
        return f"the required field '{leaf}' is missing", f"add '{leaf}:' with a value (data/CODEBOOK.md lists it)"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(leaf, known_fields, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"'{leaf}' is not a field Parley knows", f"{hint}rename or remove it (data/CODEBOOK.md lists the fields)"
    if kind in ("less_than_equal", "less_than"):
        return f"{_shown(value)} is above the maximum of {ctx.get('le', ctx.get('lt')):g}", in_range
    if kind in ("greater_than_equal", "greater_than"):
        return f"{_shown(value)} is below the minimum of {ctx.get('ge', ctx.get('gt')):g}", in_range
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "finite_number"):
        return f"{_shown(value)} is not a number", in_range
    if kind.startswith("date"):
        if kind == "date_from_datetime_inexact":
            return f"{_shown(value)} is not a date", _DATE_FIX
        return f"{_shown(value)} is not a real date", _DATE_FIX
    if kind == "literal_error":
        return f"{_shown(value)} is not one of the allowed values", f"use one of {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        if leaf == "color":
            return f"{_shown(value)} is not a colour code", "write the colour as #rrggbb, e.g. #0072B2, or leave it out"
        if leaf == "url":
            return f"{_shown(value)} is not a web address", "write the address starting with http:// or https://"
        return f"{_shown(value)} is not a valid id", _SLUG_FIX
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "?"
        return (
            f"the text is {length} characters long, over the limit of {ctx.get('max_length')}",
            "shorten it" + (" (it is the label on charts)" if leaf == "short" else ""),
        )
    if kind == "string_too_short":
        return "the field is empty", "fill it in or remove the field"
    if kind in ("string_type", "string_unicode"):
        return f"{_shown(value)} is not text", "write text here (put it in quotes if it looks like a number or date)"
    if kind == "bool_parsing" or kind == "bool_type":
        return f"{_shown(value)} is not true or false", "write true or false"
    if kind in ("too_short", "too_long"):
        wanted = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        if top == "default_parties":
            count = ctx.get("actual_length")
            return (
                f"default_parties lists {count} {'party' if count == 1 else 'parties'}, not two",
                "list exactly two party ids, e.g. [a, b]",
            )
        return (
            f"the list has {ctx.get('actual_length')} entries",
            f"give {'at least' if kind == 'too_short' else 'at most'} {wanted}",
        )
    if kind in ("list_type", "tuple_type"):
        return f"{_shown(value)} is not a list", "write a list, e.g. [a, b] or one '- ' line per entry"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        shape = _KINDS.get(ctx.get("class_name", ""), "field: value lines")
        return f"{_shown(value)} is not a set of fields", f"write it as {shape}"
    if kind in ("value_error", "assertion_error"):
        message = error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if "; " in message:
            message, fix = message.split("; ", 1)
            return message, fix
        return message, "correct the value as the message says"
    return f"{error['msg']} (got {_shown(value)})", "correct the value as the message says"


def _validation_problems(
    exc: ValidationError, name: str, item_label: str, node: yaml.Node | None, model: type
) -> list[Problem]:
    found = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        field = ".".join(str(p) for p in loc)
        message, fix = _plain(error, field, _fields_at(model, loc))
        found.append(Problem(name, _field_line(node, loc), item_label, field, message, fix))
    return found


def _fields_at(model: type, loc: tuple) -> list[str]:
    """The field names of the (nested) model that holds the location, for spelling hints."""
    for part in loc[:-1]:
        if isinstance(part, int) or not hasattr(model, "model_fields") or part not in model.model_fields:
            continue
        annotation = model.model_fields[part].annotation
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            if hasattr(candidate, "model_fields"):
                model = candidate
                break
    return list(getattr(model, "model_fields", {}))


def _check_list(
    data: Any, node: yaml.Node | None, name: str, model: type, problems: list[Problem]
) -> list[tuple[Any, yaml.Node | None]]:
    kind = _KIND[name]
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(
            Problem(
                name, 1, "", "", "the file must hold a list of items", "start each item with '- ' at the left margin"
            )
        )
        return []
    items = []
    nodes = node.value if isinstance(node, yaml.SequenceNode) else [None] * len(data)
    for index, (raw, item_node) in enumerate(zip(data, nodes, strict=True)):
        label = _describe(raw, index, kind)
        if not isinstance(raw, dict):
            line = item_node.start_mark.line + 1 if item_node else None
            problems.append(
                Problem(
                    name,
                    line,
                    label,
                    "",
                    "the item is not a mapping of fields",
                    "write the item as 'field: value' lines",
                )
            )
            continue
        try:
            items.append((model.model_validate(raw), item_node))
        except ValidationError as exc:
            problems.extend(_validation_problems(exc, name, label, item_node, model))
    return items


def _item_line(node: yaml.Node | None, field: str | None = None) -> int | None:
    return _field_line(node, (field,) if field else ())


def load_dataset(folder: Path) -> LoadResult:
    """Load one dataset folder; the folder name is the dataset id."""
    folder = Path(folder)
    problems: list[Problem] = []
    dataset_id = folder.name
    if not folder.is_dir():
        return LoadResult(
            dataset_id,
            None,
            [
                Problem(
                    str(folder),
                    None,
                    "",
                    "",
                    "the dataset folder does not exist",
                    "check the dataset id or PARLEY_DATA_DIR",
                )
            ],
        )
    if not _ID.fullmatch(dataset_id):
        problems.append(
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
            problems.append(
                Problem(
                    name,
                    None,
                    "",
                    "",
                    "the file is missing",
                    f"create {name} in the dataset folder (data/CODEBOOK.md describes it)",
                )
            )

    raw: dict[str, tuple[Any, yaml.Node | None]] = {}
    for name in ("dataset.yaml", *LIST_FILES):
        if (folder / name).is_file():
            raw[name] = _read_yaml(folder / name, name, problems)

    info = None
    info_data, info_node = raw.get("dataset.yaml", (None, None))
    if "dataset.yaml" in raw and info_data is not None:
        if not isinstance(info_data, dict):
            problems.append(
                Problem(
                    "dataset.yaml",
                    1,
                    "",
                    "",
                    "the file must be a mapping of fields",
                    "write 'title: ...', 'as_of: ...' lines",
                )
            )
        else:
            try:
                info = DatasetInfo.model_validate(info_data)
            except ValidationError as exc:
                problems.extend(_validation_problems(exc, "dataset.yaml", "the dataset", info_node, DatasetInfo))

    checked = {
        name: _check_list(*raw.get(name, (None, None)), name, model, problems) for name, model in LIST_FILES.items()
    }
    parties = checked["parties.yaml"]
    issues = checked["issues.yaml"]
    sources = checked["sources.yaml"]
    positions = checked["positions.yaml"]
    events = checked["events.yaml"]

    for name, items in (("parties.yaml", parties), ("issues.yaml", issues), ("sources.yaml", sources)):
        seen: set[str] = set()
        for item, node in items:
            if item.id in seen:
                problems.append(
                    Problem(
                        name,
                        _item_line(node, "id"),
                        f"{_KIND[name]} '{item.id}'",
                        "id",
                        f"the id '{item.id}' is used twice",
                        "give each item its own id",
                    )
                )
            seen.add(item.id)

    shorts: dict[str, str] = {}
    for party, node in parties:
        if party.short in shorts:
            problems.append(
                Problem(
                    "parties.yaml",
                    _item_line(node, "short"),
                    f"party '{party.id}'",
                    "short",
                    f"the label '{party.short}' is already used by party '{shorts[party.short]}'",
                    "give each party its own short label; charts and links use it",
                )
            )
        shorts.setdefault(party.short, party.id)

    # A reference is checked only against a file that could be read; an item that failed its own
    # checks still counts as defined, so one mistake is reported once rather than at every use.
    file_level = {p.file for p in problems if not p.item}
    party_ids = _known_ids("parties.yaml", parties, raw, file_level)
    issue_ids = _known_ids("issues.yaml", issues, raw, file_level)
    source_ids = _known_ids("sources.yaml", sources, raw, file_level)
    if info is not None:
        for index, party in enumerate(info.default_parties):
            if party_ids is not None and party not in party_ids:
                problems.append(
                    _unknown(
                        "dataset.yaml",
                        _field_line(info_node, ("default_parties", index)),
                        "the dataset",
                        f"default_parties.{index}",
                        "party",
                        party,
                        party_ids,
                    )
                )

    texts, normalised, text_problems = _source_texts(folder, sources)
    problems.extend(text_problems)

    for issue, node in issues:
        label = f"issue '{issue.id}'"
        if not issue.anchors:
            continue
        values = [a.value for a in issue.anchors]
        if len(set(values)) != len(values):
            problems.append(
                Problem(
                    "issues.yaml",
                    _item_line(node, "anchors"),
                    label,
                    "anchors",
                    "two anchors share a value",
                    "give each anchor its own value",
                )
            )

    # References, duplicates and quotes are checked on every item as written, including items
    # that failed their own field checks, so one load reports every problem at once.
    def unknown(file: str, line: int | None, label: str, field: str, kind: str, value: object, known) -> None:
        if known is not None and _is_id(value) and value not in known:
            problems.append(_unknown(file, line, label, field, kind, str(value), known))

    def misquoted(file: str, line: int | None, label: str, field: str, source: object, quote: object) -> None:
        checkable = isinstance(source, str) and source in normalised and isinstance(quote, str) and quote.strip()
        if checkable and normalise_quote(quote) not in normalised[source]:
            problems.append(
                Problem(
                    file,
                    line,
                    label,
                    field,
                    f"the quote is not in the text of source '{source}'",
                    "copy the quote verbatim from that source's text file",
                )
            )

    seen_positions: dict[tuple[str, str, str], int] = {}
    for index, item, node in _raw_items(*raw.get("positions.yaml", (None, None))):
        label = _describe(item, index, "position")
        unknown("positions.yaml", _item_line(node, "party"), label, "party", "party", item.get("party"), party_ids)
        unknown("positions.yaml", _item_line(node, "issue"), label, "issue", "issue", item.get("issue"), issue_ids)
        key = (str(item.get("party")), str(item.get("issue")), str(item.get("date")))
        if key in seen_positions:
            party, issue, date = key
            problems.append(
                Problem(
                    "positions.yaml",
                    _item_line(node, "date"),
                    label,
                    "date",
                    f"{party} already has a position on {issue} dated {date} (line {seen_positions[key]})",
                    "merge the two into one position, or give the later one its own date",
                )
            )
        else:
            seen_positions[key] = _item_line(node) or 0
        evidence = item.get("evidence")
        for e_index, quoted in enumerate(evidence if isinstance(evidence, list) else []):
            if not isinstance(quoted, dict):
                continue
            field, line = f"evidence.{e_index}", _field_line(node, ("evidence", e_index))
            source = quoted.get("source")
            unknown("positions.yaml", line, label, f"{field}.source", "source", source, source_ids)
            misquoted("positions.yaml", line, label, f"{field}.quote", source, quoted.get("quote"))

    for index, item, node in _raw_items(*raw.get("events.yaml", (None, None))):
        label = _describe(item, index, "event")
        source = item.get("source")
        unknown("events.yaml", _item_line(node, "source"), label, "source", "source", source, source_ids)
        misquoted("events.yaml", _item_line(node, "quote"), label, "quote", source, item.get("quote"))
        parties_named = item.get("parties")
        for p_index, party in enumerate(parties_named if isinstance(parties_named, list) else []):
            unknown("events.yaml", _field_line(node, ("parties", p_index)), label, f"parties.{p_index}", "party",
                    party, party_ids)  # fmt: skip

    if problems or info is None:
        if info is None and not problems:
            problems.append(
                Problem("dataset.yaml", None, "", "", "the file is empty", "fill in title, as_of and default_parties")
            )
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


_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def _is_id(value: object) -> bool:
    """A well-formed id; a malformed one is already reported by the field check, so only once."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def _raw_items(data: Any, node: yaml.Node | None) -> list[tuple[int, dict, yaml.Node | None]]:
    """(index in the file, item, its YAML node) for every mapping item of a list file."""
    if not isinstance(data, list):
        return []
    nodes = node.value if isinstance(node, yaml.SequenceNode) else [None] * len(data)
    return [(i, item, n) for i, (item, n) in enumerate(zip(data, nodes, strict=True)) if isinstance(item, dict)]


def _known_ids(
    name: str, items: list[tuple[Any, yaml.Node | None]], raw: dict[str, tuple[Any, Any]], file_level: set[str]
) -> set[str] | None:
    """Ids defined in a file, or None when the file itself is missing or unreadable."""
    if name in file_level:
        return None
    ids = {item.id for item, _ in items}
    data = raw.get(name, (None, None))[0]
    if isinstance(data, list):
        ids |= {entry["id"] for entry in data if isinstance(entry, dict) and _is_slug(entry.get("id"))}
    return ids


def _is_slug(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", value) is not None


def _unknown(file: str, line: int | None, item: str, field: str, kind: str, value: str, known: set[str]) -> Problem:
    listing = ", ".join(sorted(known)) if known else "none yet"
    return Problem(
        file,
        line,
        item,
        field,
        f"unknown {kind} '{value}'",
        f"use an id defined in {'parties' if kind == 'party' else kind + 's'}.yaml ({listing})",
    )


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
            problems.append(
                Problem(
                    "sources.yaml",
                    _item_line(node, "text_file"),
                    label,
                    "text_file",
                    "the text file lies outside the dataset folder",
                    "keep source texts inside the dataset folder, e.g. sources/name.txt",
                )
            )
            continue
        if not path.is_file():
            problems.append(
                Problem(
                    "sources.yaml",
                    _item_line(node, "text_file"),
                    label,
                    "text_file",
                    f"the text file '{source.text_file}' does not exist",
                    "fix the path (relative to the dataset folder) or remove text_file",
                )
            )
            continue
        if path not in cache:
            size = path.stat().st_size
            unreadable = f"the text file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}"
            fix = "keep only the part of the document that the quotes come from"
            if size <= MAX_FILE_BYTES:
                try:
                    cache[path] = path.read_text(encoding="utf-8")
                except UnicodeDecodeError as exc:
                    unreadable, fix = f"the text file is not UTF-8 text ({exc.reason})", "save the file as UTF-8"
            if path not in cache:
                line = _item_line(node, "text_file")
                problems.append(Problem("sources.yaml", line, label, "text_file", unreadable, fix))
                continue
            normalised[str(path)] = normalise_quote(cache[path])
        texts[source.id] = cache[path]
        normalised[source.id] = normalised[str(path)]
    return texts, {k: v for k, v in normalised.items() if k in texts}, problems
