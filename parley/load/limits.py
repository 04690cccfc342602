"""How much work one dataset may cost before Parley stops reading it.

Every bound is checked while the work is being done, not after: a file that is too deep, too
long or too slow is refused with a message, and the other datasets are not affected.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 32_000_000  # one YAML file or kept source text
    depth: int = 32  # nesting of lists and mappings; Parley's own files need 4
    items: int = 250_000  # entries in one list file (the largest generated dataset has 72,000)
    nodes: int = 8_000_000  # values of every kind in one file
    problems_in_full: int = 10  # of one kind in one file, before "and N more of the same kind"
    problems: int = 20_000  # in one load, before checking stops
    seconds: float = 120.0  # wall time of one load


LIMITS = Limits()
