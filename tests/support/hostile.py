"""A dataset with hostile text planted in every text field, to prove data is shown as text."""

from __future__ import annotations

from pathlib import Path

import yaml

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
LINK = "[click me](javascript:window.__pwned=3)"
BOLD = "<b>bold</b>"
PLANTED = f"{SCRIPT} {IMG} {LINK} {BOLD} **stars** $x^2$"
SHORT = "<b>X</b>"  # short labels are capped at 12 characters


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_hostile_dataset(root: Path, dataset_id: str = "hostile") -> Path:
    folder = root / dataset_id
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "text.txt").write_text(f"The text says {PLANTED} verbatim.", encoding="utf-8")
    _dump(
        folder / "dataset.yaml",
        {
            "title": f"Title {PLANTED}",
            "summary": f"Summary {PLANTED}",
            "as_of": "2025-03-01",
            "default_parties": ["alpha", "beta"],
        },
    )
    _dump(
        folder / "parties.yaml",
        [
            {
                "id": "alpha",
                "name": f"Alpha {PLANTED}",
                "short": SHORT,
                "role": "negotiating_party",
                "description": f"Description {PLANTED}",
            },
            {
                "id": "beta",
                "name": f"Beta {LINK}",
                "short": "[b](x:y)",
                "role": "negotiating_party",
                "description": PLANTED,
            },
        ],
    )
    _dump(
        folder / "issues.yaml",
        [
            {
                "id": "issue-one",
                "name": f"Issue {BOLD} {LINK}",
                "group": f"Group {SCRIPT}",
                "question": f"Question {PLANTED}",
                "scale": {"low": f"Low {IMG}", "high": f"High {LINK}"},
                "anchors": [{"value": 0, "label": f"Anchor {SCRIPT}"}, {"value": 100, "label": f"Top {BOLD}"}],
            },
        ],
    )
    _dump(
        folder / "sources.yaml",
        [
            {
                "id": "src",
                "title": f"Source {PLANTED}",
                "publisher": f"Publisher {IMG}",
                "date": "2025-01-01",
                "url": "https://example.org/a?<script>",
                "kind": "news_report",
                "reliability": "low",
                "text_file": "sources/text.txt",
                "note": f"Note {PLANTED}",
            },
        ],
    )
    position = {
        "issue": "issue-one",
        "basis": "stated",
        "confidence": "high",
        "detail": f"Detail {PLANTED}",
        "note": f"Note {PLANTED}",
        "value_reason": f"Reason {PLANTED}",
        "coding_note": f"Coding {PLANTED}",
        "evidence": [{"source": "src", "quote": PLANTED}, {"source": "src", "summary": f"Summary {PLANTED}"}],
    }
    _dump(
        folder / "positions.yaml",
        [
            {
                "party": "alpha",
                "date": "2025-01-10",
                "stance": f"Stance {PLANTED}",
                "value": 20,
                "acceptable": [10, 60],
                **position,
            },
            {
                "party": "beta",
                "date": "2025-01-12",
                "stance": f"Other {PLANTED}",
                "value": 70,
                "acceptable": [50, 90],
                **position,
            },
            {
                "party": "beta",
                "date": "2025-02-12",
                "stance": f"Later {PLANTED}",
                "value": 55,
                "acceptable": [40, 80],
                **position,
            },
        ],
    )
    _dump(
        folder / "events.yaml",
        [
            {
                "date": "2025-01-15",
                "title": f"Event {PLANTED}",
                "kind": "talks",
                "parties": ["alpha", "beta"],
                "source": "src",
                "quote": PLANTED,
                "note": f"Note {PLANTED}",
            },
        ],
    )
    return folder
