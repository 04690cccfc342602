"""A generated dataset of any size, for measuring how the views scale.

Values are random but valid: every position has evidence whose quote is in the source text,
so the loader does its full work, quote checks included.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False), encoding="utf-8")


def write_synthetic_dataset(
    root: Path, parties: int = 30, issues: int = 60, dates: int = 40, seed: int = 7, dataset_id: str = "synthetic"
) -> Path:
    rng = random.Random(seed)
    folder = root / dataset_id
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    start = dt.date(2024, 1, 1)
    days = [start + dt.timedelta(days=14 * n) for n in range(dates)]
    party_ids = [f"party-{n:02d}" for n in range(parties)]
    issue_ids = [f"issue-{n:02d}" for n in range(issues)]
    quote = "Position stated in the generated record."
    (folder / "sources" / "record.txt").write_text(quote, encoding="utf-8")
    _dump(
        folder / "dataset.yaml",
        {
            "title": f"Synthetic {parties}x{issues}x{dates}",
            "summary": "Generated.",
            "as_of": days[-1].isoformat(),
            "default_parties": party_ids[:2],
        },
    )
    _dump(
        folder / "parties.yaml",
        [
            {"id": p, "name": f"Party {n}", "short": f"P{n}", "role": "negotiating_party"}
            for n, p in enumerate(party_ids)
        ],
    )
    _dump(
        folder / "issues.yaml",
        [
            {
                "id": i,
                "name": f"Issue {n}",
                "group": f"Group {n % 6}",
                "question": f"Question {n}?",
                "scale": {"low": "Low end", "high": "High end"},
                "anchors": [{"value": 0, "label": "Low end"}, {"value": 100, "label": "High end"}],
            }
            for n, i in enumerate(issue_ids)
        ],
    )
    _dump(
        folder / "sources.yaml",
        [
            {
                "id": "record",
                "title": "Generated record",
                "publisher": "Generator",
                "date": days[0].isoformat(),
                "kind": "analysis",
                "reliability": "low",
                "text_file": "sources/record.txt",
            }
        ],
    )
    positions = []
    for p in party_ids:
        for i in issue_ids:
            for day in days:
                value = rng.randint(0, 80)
                positions.append(
                    {
                        "party": p,
                        "issue": i,
                        "date": day.isoformat(),
                        "stance": f"Stance {value}",
                        "value": value,
                        "value_reason": "Generated between the two anchors.",
                        "acceptable": [value, value + rng.randint(0, 20)],
                        "salience": round(rng.random(), 2),
                        "basis": "stated",
                        "confidence": "medium",
                        "evidence": [{"source": "record", "quote": quote}],
                    }
                )
    _dump(folder / "positions.yaml", positions)
    _dump(
        folder / "events.yaml",
        [
            {
                "date": day.isoformat(),
                "title": f"Round {n}",
                "kind": "talks",
                "parties": party_ids[:2],
                "source": "record",
            }
            for n, day in enumerate(days)
        ],
    )
    return folder
