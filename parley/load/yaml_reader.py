"""Read one YAML file into plain data, bounded in size, depth, length and time.

libyaml's parser emits a flat stream of events; this module builds the data from that stream
itself, in a loop rather than by recursion. So a file nested a hundred thousand levels deep is
refused at the limit instead of overflowing a stack (libyaml's own composer recurses in C and
takes the whole server down), anchors and aliases are refused the moment one appears (no alias
bomb is ever expanded), a key written twice is reported, and it runs several times faster than
composing nodes first. Dates stay text: the models parse them, so an impossible date such as
2025-02-30 gets a located message instead of an exception from inside the reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from parley.load.limits import LIMITS, Limits
from parley.load.problems import Problem, ProblemLog

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "!",
}


def yaml_reason(reason: str) -> str:
    """libyaml's wording, translated for people who edit the files by hand."""
    plain = next((text for key, text in _YAML_REASONS.items() if key in reason), None)
    return f"{plain} (YAML says: {reason})" if plain else reason


@dataclass
class Document:
    """A file's data, and the line every list entry and mapping field starts on."""

    data: Any
    # id(container) -> (its line, {key or index: line of that child})
    lines: dict[int, tuple[int, dict[Any, int]]] = field(default_factory=dict)

    def line(self, container: Any, path: tuple = ()) -> int | None:
        """The line of the deepest part of `path` (keys and indexes) that exists under `container`."""
        entry = self.lines.get(id(container))
        if entry is None:
            return None
        line = entry[0]
        for part in path:
            children = entry[1]
            if part not in children:
                break
            line = children[part]
            try:
                container = container[part]
            except (KeyError, IndexError, TypeError):
                break
            entry = self.lines.get(id(container))
            if entry is None:
                break
        return line


class _Scalars:
    """Plain scalars resolved as PyYAML's safe loader would (ints, floats, booleans, null), dates as text."""

    def __init__(self) -> None:
        self._resolver = Resolver()
        self._constructor = SafeConstructor()
        self._first_chars = set(Resolver.yaml_implicit_resolvers) - {None}

    def value(self, event: yaml.ScalarEvent) -> Any:
        tag, value = event.tag, event.value
        if tag == "!" or (tag is None and not event.implicit[0]):  # quoted, or YAML's non-specific tag: text
            return value
        if tag is None:
            # Most plain scalars start with a letter no implicit type starts with: text, at once.
            if value and value[0] not in self._first_chars:
                return value
            tag = self._resolver.resolve(ScalarNode, value, event.implicit)
        if tag in (_STR, _TIMESTAMP):
            return event.value
        construct = self._constructor.yaml_constructors.get(tag)
        return construct(self._constructor, ScalarNode(tag, value)) if construct else value


def _problem(name: str, line: int | None, message: str, fix: str, code: str) -> Problem:
    return Problem(name, line, "", "", message, fix, code=code)


def read_yaml(path: Path, name: str, log: ProblemLog, limits: Limits = LIMITS) -> Document | None:
    """The file's data with its lines, or None after adding the reason to `log`."""
    size = path.stat().st_size
    if size > limits.file_bytes:
        log.add(
            _problem(
                name,
                None,
                f"the file is {size:,} bytes, over the limit of {limits.file_bytes:,}",
                "split the negotiation into smaller datasets or remove pasted documents",
                "file-size",
            )
        )
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        log.add(
            _problem(
                name,
                raw.count(b"\n", 0, exc.start) + 1,
                f"the file is not UTF-8 text (byte {raw[exc.start]:#04x} cannot be read)",
                "save the file with UTF-8 encoding (most editors offer it under 'Save with encoding')",
                "encoding",
            )
        )
        return None
    try:
        return _build(text, name, log, limits)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        log.add(
            _problem(
                name,
                mark.line + 1 if mark else None,
                f"the YAML cannot be read: {yaml_reason(reason)}",
                "check indentation, colons and quotes on that line and the one above",
                "yaml",
            )
        )
        return None


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _build(text: str, name: str, log: ProblemLog, limits: Limits) -> Document | None:
    parser = _Parser(text)
    scalars = _Scalars()
    doc = Document(None)
    # Each open container: [container, pending key (mappings), its child lines]
    stack: list[list] = []
    nodes = 0
    documents = 0
    root: Any = None

    def refuse(line: int, message: str, fix: str, code: str) -> None:
        raise _Refused(_problem(name, line, message, fix, code))

    def attach(value: Any, line: int) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        container, children = top[0], top[2]
        if isinstance(container, list):
            children[len(container)] = line
            container.append(value)
            if len(stack) == 1 and len(container) > limits.items:
                refuse(
                    line,
                    f"the file holds more than {limits.items:,} entries",
                    "split the negotiation into smaller datasets",
                    "items",
                )
        elif top[1] is _NO_KEY:
            if isinstance(value, dict | list):
                refuse(line, "a mapping key is itself a list or mapping", "write each key as plain text", "key")
            top[1] = value
            top[3] = line
        else:
            key = top[1]
            if key in container:
                log.add(
                    Problem(
                        name,
                        line,
                        "",
                        str(key),
                        f"the field '{key}' is written twice in one item (first on line {children[key]})",
                        "keep one of the two lines",
                        code="duplicate-key",
                    )
                )
            else:
                children[key] = top[3]
                container[key] = value
            top[1] = _NO_KEY

    try:
        while True:
            event = parser.get_event()
            if event is None:
                break
            nodes += 1
            if nodes % 50_000 == 0:
                log.tick()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.ScalarEvent):
                if event.anchor is not None:
                    refuse(line, _ALIAS_MESSAGE, _ALIAS_FIX, "alias")
                if event.tag not in (None, "!") and event.tag not in _PLAIN_TAGS:
                    refuse(
                        line, f"the YAML uses the tag {event.tag}", "remove the tag and write the value as text", "tag"
                    )
                attach(scalars.value(event), line)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                if event.anchor is not None:
                    refuse(line, _ALIAS_MESSAGE, _ALIAS_FIX, "alias")
                if event.tag not in (None, "!") and event.tag not in _PLAIN_TAGS:
                    refuse(line, f"the YAML uses the tag {event.tag}", "remove the tag", "tag")
                if len(stack) >= limits.depth:
                    refuse(
                        line,
                        f"the data is nested more than {limits.depth} levels deep",
                        "write each item as 'field: value' lines; Parley's files need only a few levels",
                        "depth",
                    )
                container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                doc.lines[id(container)] = (line, {})
                stack.append([container, _NO_KEY, doc.lines[id(container)][1], line])
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                container = stack.pop()[0]
                attach(container, doc.lines[id(container)][0])
            elif isinstance(event, yaml.AliasEvent):
                refuse(line, _ALIAS_MESSAGE, _ALIAS_FIX, "alias")
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise yaml.YAMLError("expected a single document in the stream")
            if nodes > limits.nodes:
                refuse(line, f"the file holds more than {limits.nodes:,} values", "split the dataset", "nodes")
    except _Refused as refused:
        log.add(refused.problem)
        return None
    finally:
        parser.dispose()
    doc.data = root
    return doc


_NO_KEY = object()
_ALIAS_MESSAGE = "the YAML uses an anchor and alias (&name / *name), which Parley data does not allow"
_ALIAS_FIX = "write the repeated value out in full"
