"""Datasets for the export tests: the mini fixture as is, and with hostile text planted in it."""

from __future__ import annotations

from pathlib import Path

from parley.load import load_dataset
from parley.model import Dataset

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
ALERT = "<script>alert(1)</script>"


def mini() -> Dataset:
    result = load_dataset(MINI)
    assert result.ok, result.problems
    return result.dataset


def hostile_mini() -> Dataset:
    """The mini dataset with markup, formula-like text and control characters in names, stances and quotes."""
    ds = mini()
    positions = []
    for p in ds.positions:
        update = {"stance": f"{ALERT} {p.stance}", "detail": f'=HYPERLINK("http://x") {p.detail}'}
        if p.evidence:
            update["evidence"] = [e.model_copy(update={"quote": f"{e.quote} {ALERT}"}) for e in p.evidence]
        positions.append(p.model_copy(update=update))
    parties = [p.model_copy(update={"name": f"{p.name} <b>{ALERT}</b>"}) for p in ds.parties]
    sources = [s.model_copy(update={"title": f"{s.title} {ALERT}", "publisher": f"@{s.publisher}"}) for s in ds.sources]
    issues = [i.model_copy(update={"name": f"{i.name} {ALERT}", "question": f"-{i.question}"}) for i in ds.issues]
    info = ds.info.model_copy(update={"title": f"{ds.info.title} {ALERT}"})
    return ds.model_copy(
        update={"positions": positions, "parties": parties, "sources": sources, "issues": issues, "info": info}
    )
