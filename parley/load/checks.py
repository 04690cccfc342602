"""The checks every item must pass, whether it comes from a YAML file, the store or a form.

Items are checked as written: each against its model (parley.model, which holds the rules that
need only the item), then against the rest of the dataset (references, duplicates, quotes in
kept texts, values on anchors). Items that failed their own checks are still cross-checked, so
one load reports every problem at once, but a reference into a file that could not be read is
not, so one mistake is reported once rather than at every use.

It is longer than most modules because it holds every rule the codebook makes checkable, one
function each, so the loader, the store and the forms run one and the same list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from parley.load.messages import validation_problems
from parley.load.problems import Problem, ProblemLog
from parley.load.texts import KeptTexts
from parley.model import Dataset, DatasetInfo, Event, Issue, Party, Position, Source

LineOf = Callable[[tuple], int | None]

LIST_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "parties.yaml": ("party", Party),
    "issues.yaml": ("issue", Issue),
    "sources.yaml": ("source", Source),
    "positions.yaml": ("position", Position),
    "events.yaml": ("event", Event),
}
REQUIRED_FILES = ("dataset.yaml", "parties.yaml", "issues.yaml", "sources.yaml", "positions.yaml")
_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def no_line(path: tuple) -> int | None:
    return None


@dataclass(frozen=True)
class Located:
    """One item as written, its place in its file, and how to find the line of any of its fields."""

    data: Any
    index: int
    line_of: LineOf = no_line

    def line(self, *path: Any) -> int | None:
        return self.line_of(tuple(path))


def is_id(value: object) -> bool:
    """A well-formed id; a malformed one is already reported by the field check, so only once."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def describe(item: Any, index: int, kind: str) -> str:
    """How a message names an item: by id, or by party, issue and date, or by number."""
    if isinstance(item, dict):
        if "id" in item:
            return f"{kind} '{_short(item['id'])}'"
        if kind == "position":
            party, issue, date = (_short(item.get(k, "?")) for k in ("party", "issue", "date"))
            return f"position {index + 1} ({party} on {issue}, {date})"
        if kind == "event":
            return f"event {index + 1} ({_short(item.get('date', '?'))} {_short(item.get('title', ''))})".rstrip()
    return f"{kind} {index + 1}"


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def validate(model: type[BaseModel], item: Located, file: str, label: str, log: ProblemLog) -> Any | None:
    """The item as its model, or None with every problem it has added to `log`."""
    try:
        return model.model_validate(item.data)
    except ValidationError as exc:
        log.extend(validation_problems(exc, file, label, item.line_of, model))
        return None


def _unknown(file: str, line: int | None, item: str, field: str, kind: str, value: str, known: set[str]) -> Problem:
    listing = ", ".join(sorted(known)[:30]) + (", ..." if len(known) > 30 else "") if known else "none yet"
    return Problem(
        file,
        line,
        item,
        field,
        f"unknown {kind} '{_short(value)}'",
        f"use an id defined in {'parties' if kind == 'party' else kind + 's'}.yaml ({listing})",
        code=f"unknown-{kind}",
    )


@dataclass
class Context:
    """What an item is checked against: the ids defined (None where their file could not be read),
    the issues with their anchors, and the kept texts of the sources."""

    parties: set[str] | None
    issues: dict[str, Issue] | None
    issue_ids: set[str] | None
    sources: dict[str, Source] | None
    source_ids: set[str] | None
    texts: KeptTexts
    seen_positions: dict[tuple[str, str, str], int] = field(default_factory=dict)


class Checker:
    """Cross-checks of positions and events; the loader and the coding workspace both use it."""

    def __init__(self, context: Context, log: ProblemLog) -> None:
        self.context = context
        self.log = log

    def _reference(self, file: str, line: int | None, label: str, field: str, kind: str, value: object) -> None:
        known = {"party": self.context.parties, "issue": self.context.issue_ids, "source": self.context.source_ids}
        ids = known[kind]
        if ids is not None and is_id(value) and value not in ids:
            self.log.add(_unknown(file, line, label, field, kind, str(value), ids))

    def _words(self, file: str, line: int | None, label: str, field: str, source: object, quote: object) -> None:
        """A quote must be found in its source's kept text; a source with none cannot back a quote."""
        if not (isinstance(source, str) and isinstance(quote, str) and quote.strip()):
            return
        texts = self.context.texts
        if texts.has_text(source):
            if not texts.contains(source, quote):
                self.log.add(
                    Problem(
                        file,
                        line,
                        label,
                        field,
                        f"the quote is not in the text of source '{source}'",
                        "copy the quote verbatim from that source's text file, or write it as summary: if it is "
                        "not the source's own words",
                        code="quote-not-found",
                    )
                )
            return
        known = self.context.sources
        if known is not None and source in known and source not in texts.unreadable:
            self.log.add(
                Problem(
                    file,
                    line,
                    label,
                    field,
                    f"the quote cannot be checked: source '{source}' has no kept text",
                    "keep the page's words in a text_file for that source, or write the evidence as summary:",
                    code="quote-without-text",
                )
            )

    def position(self, item: Located, file: str = "positions.yaml") -> None:
        data = item.data
        label = describe(data, item.index, "position")
        self._reference(file, item.line("party"), label, "party", "party", data.get("party"))
        self._reference(file, item.line("issue"), label, "issue", "issue", data.get("issue"))
        key = (str(data.get("party")), str(data.get("issue")), str(data.get("date")))
        seen = self.context.seen_positions
        if key in seen:
            party, issue, date = key
            self.log.add(
                Problem(
                    file,
                    item.line("date"),
                    label,
                    "date",
                    f"{party} already has a position on {issue} dated {date} (line {seen[key]})",
                    "merge the two into one position, or give the later one its own date",
                    code="duplicate-position",
                )
            )
        else:
            seen[key] = item.line() or 0
        evidence = data.get("evidence")
        for index, entry in enumerate(evidence if isinstance(evidence, list) else []):
            if not isinstance(entry, dict):
                continue
            line = item.line("evidence", index)
            self._reference(file, line, label, f"evidence.{index}.source", "source", entry.get("source"))
            self._words(file, line, label, f"evidence.{index}.quote", entry.get("source"), entry.get("quote"))
        self._placed(item, label, file)

    def _placed(self, item: Located, label: str, file: str) -> None:
        """A value between anchors is a judgement, and a judgement needs its reason written down."""
        data = item.data
        value, issue_id = data.get("value"), data.get("issue")
        issues = self.context.issues
        if issues is None or not isinstance(issue_id, str) or issue_id not in issues:
            return
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            return
        issue = issues[issue_id]
        reason = data.get("value_reason")
        if issue.anchors and not issue.on_anchor(value) and not (isinstance(reason, str) and reason.strip()):
            anchors = ", ".join(f"{a.value:g}" for a in issue.anchors)
            self.log.add(
                Problem(
                    file,
                    item.line("value"),
                    label,
                    "value_reason",
                    f"the value {value:g} is not one of the anchors of issue '{issue_id}' ({anchors})",
                    "put the stance on the anchor its words describe, or add value_reason: saying why it sits "
                    "between two anchors",
                    code="value-off-anchor",
                )
            )

    def event(self, item: Located, file: str = "events.yaml") -> None:
        data = item.data
        label = describe(data, item.index, "event")
        source = data.get("source")
        self._reference(file, item.line("source"), label, "source", "source", source)
        self._words(file, item.line("quote"), label, "quote", source, data.get("quote"))
        named = data.get("parties")
        for index, party in enumerate(named if isinstance(named, list) else []):
            self._reference(file, item.line("parties", index), label, f"parties.{index}", "party", party)


def _known_ids(models: list, raw: Iterable[Located] | None) -> set[str] | None:
    """Ids defined in a file, including those of items that failed their own checks."""
    if raw is None:
        return None
    ids = {m.id for m in models}
    return ids | {item.data["id"] for item in raw if is_id(item.data.get("id"))}


def check_dataset(
    dataset_id: str,
    info: Located | None,
    lists: dict[str, list[Located] | None],
    log: ProblemLog,
    read_texts: Callable[[list[tuple[Source, int | None]]], tuple[KeptTexts, list[Problem]]],
) -> Dataset | None:
    """Check a whole dataset; the Dataset when nothing is wrong, else None with `log` saying why.

    `lists` maps each list file to its items (None when the file is missing or could not be read,
    so nothing is checked against it); `read_texts` finds the kept text of each valid source.
    """
    info_model = validate(DatasetInfo, info, "dataset.yaml", "the dataset", log) if info is not None else None
    models: dict[str, list[tuple[Any, Located]]] = {}
    for file, (kind, model) in LIST_FILES.items():
        models[file] = []
        for item in lists.get(file) or []:
            log.tick()
            valid = validate(model, item, file, describe(item.data, item.index, kind), log)
            if valid is not None:
                models[file].append((valid, item))

    for file in ("parties.yaml", "issues.yaml", "sources.yaml"):
        seen: set[str] = set()
        for model, item in models[file]:
            if model.id in seen:
                log.add(
                    Problem(
                        file,
                        item.line("id"),
                        f"{LIST_FILES[file][0]} '{model.id}'",
                        "id",
                        f"the id '{model.id}' is used twice",
                        "give each item its own id",
                        code="duplicate-id",
                    )
                )
            seen.add(model.id)
    shorts: dict[str, str] = {}
    for party, item in models["parties.yaml"]:
        if party.short in shorts:
            log.add(
                Problem(
                    "parties.yaml",
                    item.line("short"),
                    f"party '{party.id}'",
                    "short",
                    f"the label '{party.short}' is already used by party '{shorts[party.short]}'",
                    "give each party its own short label; charts and links use it",
                    code="duplicate-short",
                )
            )
        shorts.setdefault(party.short, party.id)
    for issue, item in models["issues.yaml"]:
        values = [a.value for a in issue.anchors]
        if len(set(values)) != len(values):
            log.add(
                Problem(
                    "issues.yaml",
                    item.line("anchors"),
                    f"issue '{issue.id}'",
                    "anchors",
                    "two anchors share a value",
                    "give each anchor its own value",
                    code="duplicate-anchor",
                )
            )

    party_ids = _known_ids([m for m, _ in models["parties.yaml"]], lists.get("parties.yaml"))
    issue_ids = _known_ids([m for m, _ in models["issues.yaml"]], lists.get("issues.yaml"))
    source_ids = _known_ids([m for m, _ in models["sources.yaml"]], lists.get("sources.yaml"))
    if info_model is not None and party_ids is not None:
        for index, party in enumerate(info_model.default_parties):
            if party not in party_ids:
                log.add(
                    _unknown(
                        "dataset.yaml",
                        info.line("default_parties", index),
                        "the dataset",
                        f"default_parties.{index}",
                        "party",
                        party,
                        party_ids,
                    )
                )

    sources = [(s, item.line("text_file")) for s, item in models["sources.yaml"]]
    texts, text_problems = read_texts(sources)
    log.extend(text_problems)
    context = Context(
        parties=party_ids,
        issues={i.id: i for i, _ in models["issues.yaml"]} if lists.get("issues.yaml") is not None else None,
        issue_ids=issue_ids,
        sources={s.id: s for s, _ in models["sources.yaml"]} if source_ids is not None else None,
        source_ids=source_ids,
        texts=texts,
    )
    checker = Checker(context, log)
    for item in lists.get("positions.yaml") or []:
        log.tick()
        checker.position(item)
    for item in lists.get("events.yaml") or []:
        checker.event(item)

    if log or info_model is None:
        if info_model is None and not log:
            log.add(
                Problem("dataset.yaml", None, "", "", "the file is empty", "fill in title, as_of and default_parties")
            )
        return None
    return Dataset(
        id=dataset_id,
        info=info_model,
        parties=[p for p, _ in models["parties.yaml"]],
        issues=[i for i, _ in models["issues.yaml"]],
        sources=[s for s, _ in models["sources.yaml"]],
        positions=sorted((p for p, _ in models["positions.yaml"]), key=lambda p: (p.date, p.party, p.issue)),
        events=sorted((e for e, _ in models["events.yaml"]), key=lambda e: e.date),
        source_texts=texts.texts,
    )
