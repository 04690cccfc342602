"""Items as the store keeps them: JSON documents, keyed so that a re-imported folder updates in place.

Each item is the model's own dump (defaults left out), so what the store holds is exactly what
the YAML files hold and export writes them back unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from parley.model import Dataset, DatasetInfo, Event, Issue, Party, Position, Source

KINDS: dict[str, type[BaseModel]] = {
    "info": DatasetInfo,
    "party": Party,
    "issue": Issue,
    "source": Source,
    "position": Position,
    "event": Event,
}
FILES = {
    "info": "dataset.yaml",
    "party": "parties.yaml",
    "issue": "issues.yaml",
    "source": "sources.yaml",
    "position": "positions.yaml",
    "event": "events.yaml",
}
LISTS = {"party": "parties", "issue": "issues", "source": "sources", "position": "positions", "event": "events"}


def document(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_defaults=True)


def natural_key(kind: str, data: dict[str, Any]) -> str:
    """What identifies an item across imports: its id, or a position's party, issue and date."""
    if kind == "info":
        return "info"
    if kind == "position":
        return f"{data['party']}|{data['issue']}|{data['date']}"
    if kind == "event":
        return f"{data['date']}|{data['title']}"
    return data["id"]


def keyed(kind: str, documents: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Documents by key; two events of one day with one title get numbered keys, in file order."""
    out: dict[str, dict[str, Any]] = {}
    for data in documents:
        key = base = natural_key(kind, data)
        n = 1
        while key in out:
            n += 1
            key = f"{base}#{n}"
        out[key] = data
    return out


def dataset_documents(ds: Dataset) -> dict[str, list[dict[str, Any]]]:
    return {
        "info": [document(ds.info)],
        "party": [document(p) for p in ds.parties],
        "issue": [document(i) for i in ds.issues],
        "source": [document(s) for s in ds.sources],
        "position": [document(p) for p in ds.positions],
        "event": [document(e) for e in ds.events],
    }


def assemble(dataset_id: str, rows: dict[str, list[str]], texts: dict[str, str]) -> Dataset:
    """A Dataset from stored JSON, validated in one pass by pydantic's JSON parser (fast at scale)."""
    parts = [f'"id":{json.dumps(dataset_id)}', f'"info":{rows["info"][0]}']
    parts += [f'"{LISTS[kind]}":[{",".join(rows.get(kind, []))}]' for kind in LISTS]
    parts.append(f'"source_texts":{json.dumps(texts)}')
    return Dataset.model_validate_json("{" + ",".join(parts) + "}")
