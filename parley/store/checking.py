"""The loader's checks for one item written to the store, against the dataset it joins.

The coding workspace shows these problems as the loader would for a YAML file: the same
models, the same cross-checks, the same messages.
"""

from __future__ import annotations

from typing import Any

from parley.load import Checker, Context, KeptTexts, Located, Problem, ProblemLog
from parley.load.checks import LIST_FILES, describe, validate
from parley.model import Dataset
from parley.store.documents import FILES

_REFERENCED = {"party": ("party",), "issue": ("issue",), "source": ("source",)}


def context(ds: Dataset, skip_position: tuple[str, str, str] | None = None) -> Context:
    texts = KeptTexts()
    for source_id, text in ds.source_texts.items():
        texts.add(source_id, text)
    seen = {(p.party, p.issue, p.date.isoformat()): 0 for p in ds.positions}
    if skip_position is not None:
        seen.pop(skip_position, None)
    return Context(
        parties={p.id for p in ds.parties},
        issues=dict(ds.issues_by_id),
        issue_ids={i.id for i in ds.issues},
        sources=dict(ds.sources_by_id),
        source_ids={s.id for s in ds.sources},
        texts=texts,
        seen_positions=seen,
    )


def item_problems(ds: Dataset, kind: str, data: dict[str, Any], replacing: Any = None) -> list[Problem]:
    """Every problem the loader would report for this item in this dataset (replacing an old one)."""
    from parley.store.documents import KINDS

    log = ProblemLog()
    file = FILES[kind]
    model = KINDS[kind]
    label = "the dataset" if kind == "info" else describe(data, 0, LIST_FILES[file][0])
    validate(model, Located(data, 0), file, label, log)
    old = replacing.data if replacing is not None else None
    if kind == "position":
        skip = (old["party"], old["issue"], old["date"]) if old else None
        Checker(context(ds, skip), log).position(Located(data, 0), file)
    elif kind == "event":
        Checker(context(ds), log).event(Located(data, 0), file)
    elif kind in ("party", "issue", "source"):
        ids = {x.id for x in getattr(ds, {"party": "parties", "issue": "issues", "source": "sources"}[kind])}
        if old is not None:
            ids.discard(old.get("id"))
        if data.get("id") in ids:
            log.add(
                Problem(file, None, label, "id", f"the id '{data['id']}' is used twice", "give each item its own id")
            )
        if kind == "party":
            shorts = {p.short: p.id for p in ds.parties if old is None or p.id != old.get("id")}
            if data.get("short") in shorts:
                log.add(
                    Problem(
                        file,
                        None,
                        label,
                        "short",
                        f"the label '{data['short']}' is already used by party '{shorts[data['short']]}'",
                        "give each party its own short label; charts and links use it",
                    )
                )
        if old is not None and data.get("id") != old.get("id"):
            log.extend(removal_problems(ds, kind, old, label="its old id"))
    return log.problems()


def removal_problems(ds: Dataset, kind: str, data: dict[str, Any], label: str = "") -> list[Problem]:
    """A party, issue or source that positions or events still name cannot go."""
    if kind not in _REFERENCED:
        return []
    ident = data.get("id")
    users = []
    for p in ds.positions:
        if (
            (kind == "party" and p.party == ident)
            or (kind == "issue" and p.issue == ident)
            or (kind == "source" and any(e.source == ident for e in p.evidence))
        ):
            users.append(f"{p.party} on {p.issue}, {p.date}")
    for e in ds.events:
        if (kind == "party" and ident in e.parties) or (kind == "source" and e.source == ident):
            users.append(f"event {e.date} {e.title}")
    if not users:
        return []
    listing = "; ".join(users[:5]) + (f" and {len(users) - 5} more" if len(users) > 5 else "")
    return [
        Problem(
            FILES[kind],
            None,
            f"{kind} '{ident}'",
            "id",
            f"{label or 'it'} is still used by {len(users)} item(s): {listing}",
            "change or remove those items first",
        )
    ]
