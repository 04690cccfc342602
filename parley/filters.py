"""The sidebar's evidence filter: which positions a view shows, by source reliability and basis.

A position the filter leaves out is not replaced by an older one and not shown as "not stated":
it is in force, so the view says it is left out by the filter. That keeps "as of D" meaning the
same with the filter on or off.
"""

from __future__ import annotations

from dataclasses import dataclass

from parley.evidence import Cited
from parley.model import Position

RELIABILITIES = ("high", "medium", "low")
BASES = ("stated", "reported", "assessed")


@dataclass(frozen=True)
class Filters:
    reliability: frozenset[str] = frozenset()  # empty: any reliability
    basis: frozenset[str] = frozenset()  # empty: any basis

    @property
    def active(self) -> bool:
        return bool(self.reliability) or bool(self.basis)

    def left_out(self, position: Position, cited: tuple[Cited, ...]) -> str:
        """Why the filter leaves this position out ("" when it shows it)."""
        if self.basis and position.basis not in self.basis:
            return f"basis {position.basis}"
        if self.reliability and not any(c.reliability in self.reliability for c in cited):
            found = sorted({c.reliability for c in cited}, key=RELIABILITIES.index)
            return f"{' and '.join(found)}-reliability sources only" if found else "no source"
        return ""

    def describe(self) -> str:
        """The filter in words, for the notice every filtered view shows."""
        parts = []
        if self.reliability:
            levels = [r for r in RELIABILITIES if r in self.reliability]
            parts.append(f"positions backed by a {' or '.join(levels)}-reliability source")
        if self.basis:
            parts.append("basis " + " or ".join(b for b in BASES if b in self.basis))
        return "only " + "; ".join(parts) if parts else "all positions"


NO_FILTER = Filters()
