"""The coding report: what a reviewer must look at before a dataset is trusted in a meeting.

The loader refuses what breaks the codebook's rules; this lists what the rules leave to the
analyst's judgement, each entry with the reason the analyst wrote down, so a reviewer can agree
or send it back: positions resting only on low-reliability sources or only on summaries, values
between anchors, parties whose words cite the same anchor but whose values differ, and
positions whose evidence is not dated near them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from parley.evidence import cited_of, weakness
from parley.model import Anchor, Dataset, Issue, Position

NEAR_DAYS = 14
_STOP = {
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "its", "of",
    "on", "or", "the", "their", "then", "to", "with", "until", "when", "while", "this", "that", "these",
    "those", "all", "any", "only", "some", "more", "most", "other", "than", "there", "here",
}  # fmt: skip


@dataclass(frozen=True)
class Entry:
    kind: str  # "weak", "between anchors", "same anchor", "evidence not near"
    positions: tuple[Position, ...]
    finding: str  # what the machine found
    reason: str  # what the analyst wrote (value_reason or note), "" when nothing is written

    @property
    def explained(self) -> bool:
        return bool(self.reason.strip())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) > 2 and w not in _STOP}


def cited_anchor(issue: Issue, position: Position) -> Anchor | None:
    """The anchor whose label the position's words echo most (at least half its words), if one stands out."""
    said = _words(" ".join([position.stance, position.detail, *(e.text for e in position.evidence)]))
    scored = []
    for anchor in issue.anchors:
        label = _words(anchor.label)
        if label:
            scored.append((len(label & said) / len(label), anchor))
    scored.sort(key=lambda pair: -pair[0])
    if not scored or scored[0][0] < 0.5 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _who(ds: Dataset, p: Position) -> str:
    return f"{ds.party(p.party).short} on {ds.issue(p.issue).name}, {p.date:%d %b %Y}"


def coding_report(ds: Dataset) -> list[Entry]:
    entries: list[Entry] = []
    for p in ds.positions:
        cited = cited_of(ds, p)
        weak = weakness(cited)
        if weak and not p.withdrawn:
            entries.append(Entry("weak", (p,), f"{_who(ds, p)}: rests on {weak}", p.note))
        issue = ds.issue(p.issue)
        if p.value is not None and issue.anchors and not issue.on_anchor(p.value):
            entries.append(
                Entry("between anchors", (p,), f"{_who(ds, p)}: {p.value:g} is between anchors", p.value_reason)
            )
        if cited and not any(abs((c.source.date - p.date).days) <= NEAR_DAYS for c in cited):
            nearest = min(cited, key=lambda c: abs((c.source.date - p.date).days))
            entries.append(
                Entry(
                    "evidence not near",
                    (p,),
                    f"{_who(ds, p)}: its nearest evidence is dated "
                    f"{nearest.source.date:%d %b %Y} ({nearest.source.title})",
                    p.note,
                )
            )
    for issue in ds.issues:
        placed = [p for p in ds.positions if p.issue == issue.id and p.value is not None and not p.withdrawn]
        anchored = [(p, cited_anchor(issue, p)) for p in placed]
        for (a, anchor_a), (b, anchor_b) in combinations(anchored, 2):
            if a.party != b.party and anchor_a is not None and anchor_a == anchor_b and a.value != b.value:
                reason = " / ".join(r for r in (a.value_reason, b.value_reason) if r)
                entries.append(
                    Entry(
                        "same anchor",
                        (a, b),
                        f"{_who(ds, a)} ({a.value:g}) and {_who(ds, b)} ({b.value:g}) both "
                        f"echo the anchor “{anchor_a.label}” ({anchor_a.value:g})",
                        reason,
                    )
                )
    return entries


def report_text(ds: Dataset, entries: list[Entry]) -> str:
    """The report as plain text, for the command line."""
    lines = [f"Coding report: {ds.info.title} ({ds.id}), {len(ds.positions)} positions", ""]
    if not entries:
        lines.append("Nothing to review.")
    for kind in ("weak", "between anchors", "same anchor", "evidence not near"):
        found = [e for e in entries if e.kind == kind]
        if not found:
            continue
        lines.append(f"{kind.capitalize()} ({len(found)}):")
        for e in found:
            lines.append(f"  - {e.finding}")
            lines.append(f"    {'why: ' + e.reason if e.explained else 'NOT EXPLAINED: write the reason in the note'}")
        lines.append("")
    unexplained = sum(not e.explained for e in entries)
    lines.append(f"{len(entries)} entries, {unexplained} not explained.")
    return "\n".join(lines)
