"""The data folder imported off the request path, so pages show what is ready while the rest is read.

A page run never waits for a whole pass over the data folder: it starts one (parley.store.folders.sync
in a thread) and waits, a few seconds at most, only for the dataset it asks for.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from parley.store.folders import ACTOR, sync
from parley.store.store import Store

log = logging.getLogger("parley")


@dataclass
class Background:
    """The data folder imported off the request path: pages show what is ready while the rest is read.

    A page calls `poke` on every run: it starts a pass (sync in a thread) unless one is running or
    the last began less than `every` seconds ago. `wait_for` lets the first page wait, at most a
    few seconds, for the dataset it asks for; `reading` names the folders still being read.
    """

    store: Store
    root: Path
    actor: str = ACTOR
    every: float = 10.0
    notes: dict[str, str] = field(default_factory=dict)
    _lock: threading.Condition = field(default_factory=threading.Condition)
    _running: bool = False
    _planned: bool = False
    _servable: bool = False
    _started: float | None = None
    _queued: dict[str, float] = field(default_factory=dict)  # folder -> since when it waits to be read

    def poke(self, first: str | None = None) -> None:
        with self._lock:
            if self._running or (self._started is not None and time.monotonic() - self._started < self.every):
                return
            self._running, self._planned, self._started = True, False, time.monotonic()
        threading.Thread(target=self._pass, args=(first,), daemon=True, name="parley-folder-sync").start()

    def _pass(self, first: str | None) -> None:
        notes = self.notes
        try:
            notes = sync(self.store, self.root, self.actor, first=first, planned=self._on_plan, done=self._on_done)
        except Exception:
            log.exception("importing the data folder %s failed", self.root)
        with self._lock:
            self.notes, self._running, self._planned = notes, False, True
            self._queued.clear()
            self._lock.notify_all()

    def _on_plan(self, names: list[str], notes: dict[str, str]) -> None:
        servable = bool(self.store.revisions())
        with self._lock:
            started = time.monotonic()
            self.notes, self._queued = notes, {name: started for name in names}
            self._planned, self._servable = True, self._servable or servable
            self._lock.notify_all()

    def _on_done(self, name: str, imported: bool) -> None:
        with self._lock:
            since = self._queued.pop(name, None)
            self._servable = self._servable or imported
            self._lock.notify_all()
        if since is not None:
            outcome = "imported" if imported else "not imported"
            log.info("read the folder %s in %.2f s: %s", name, time.monotonic() - since, outcome)

    def _ready(self, wanted: str | None) -> bool:
        return not self._running or (self._planned and self._servable and wanted not in self._queued)

    def busy(self, wanted: str | None) -> bool:
        """True while a pass may still bring the dataset a page asks for (or the first one to show)."""
        with self._lock:
            return not self._ready(wanted)

    def wait_for(self, wanted: str | None, timeout: float) -> bool:
        """Wait until `wanted` has been read (or needs no reading) and there is a dataset to show, or
        the pass is over; at most `timeout` seconds. True if it was not cut short."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not self._ready(wanted):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def reading(self) -> dict[str, float]:
        """The folders this pass has still to finish, and for how many seconds each has waited."""
        with self._lock:
            now = time.monotonic()
            return {name: now - since for name, since in self._queued.items()}
