"""Large structures that live as long as their dataset are moved out of the garbage collector's reach.

CPython's collector walks every object it tracks. A dataset of 72,000 positions, read into memory
with its histories and search index, is millions of them, and each full collection (started by
whichever page run happens to allocate past the threshold) added about half a second to that run.
Frozen objects are still freed as usual when nothing refers to them any more; collecting just
before freezing keeps garbage of the moment from being frozen with them.
"""

from __future__ import annotations

import gc
from typing import TypeVar

T = TypeVar("T")


def long_lived(value: T) -> T:
    gc.collect()
    gc.freeze()
    return value
