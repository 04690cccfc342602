"""A copy of the mini fixture with more history: a withdrawal, a late first statement, an agreement.

Kept out of tests/fixtures (other tests count the datasets there and open the first one): tests
write it into a tmp folder and point PARLEY_DATA_DIR there.

On top of mini (Red changes its border position twice, Green states one position):
- Blue withdraws its border position on 2025-02-25 (so Blue is "not stated" on the border after);
- Green first states a trade position on 2025-02-10 (value 60, acceptable 40-80);
- an agreement event on 2025-02-25.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

EXTRA_POSITIONS = [
    {
        "party": "blue",
        "issue": "border",
        "date": "2025-02-25",
        "stance": "Border demand set aside pending talks",
        "withdrawn": True,
        "basis": "reported",
        "confidence": "medium",
        "evidence": [{"source": "green-brief", "quote": "Blue no longer insists on the old line."}],
    },
    {
        "party": "green",
        "issue": "trade",
        "date": "2025-02-10",
        "stance": "Lift restrictions in stages",
        "value": 60,
        "acceptable": [40, 80],
        "basis": "stated",
        "confidence": "high",
        "evidence": [{"source": "green-brief", "quote": "Restrictions should be lifted step by step."}],
    },
]
EXTRA_EVENTS = [
    {
        "date": "2025-02-25",
        "title": "Outline agreement signed",
        "kind": "agreement",
        "parties": ["blue", "red"],
        "source": "green-brief",
        "quote": "Both sides signed an outline.",
    }
]


def write_history_dataset(root: Path, dataset_id: str = "history") -> Path:
    folder = Path(root) / dataset_id
    shutil.copytree(MINI, folder)
    for name, extra in (("positions.yaml", EXTRA_POSITIONS), ("events.yaml", EXTRA_EVENTS)):
        path = folder / name
        items = yaml.safe_load(path.read_text(encoding="utf-8")) + extra
        path.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")
    brief = folder / "sources" / "green-brief.txt"
    added = [e["quote"] for e in EXTRA_EVENTS] + [e["quote"] for p in EXTRA_POSITIONS for e in p["evidence"]]
    brief.write_text(brief.read_text(encoding="utf-8") + "\n".join(added) + "\n", encoding="utf-8")
    info = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    info["title"] = "History (test fixture)"
    (folder / "dataset.yaml").write_text(yaml.safe_dump(info, sort_keys=False), encoding="utf-8")
    return folder
