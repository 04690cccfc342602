"""Readying a fresh server before its first reader arrives.

A new process pays once for importing what the pages use, for plotly's first figures (it loads
each trace type's validators when a figure of that type is first built), for opening the store
and reading the default dataset, and for the first page's table and chart. Unreadied, the first
reader's page run pays all of it, seconds where a warm run takes a fraction of one. app.py runs
`load_code` as the server starts, before it takes a connection, and `ready_data` in a thread
after it, so a reader who comes early waits only for what is left of the data.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import logging
import time
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from parley.memory import freeze_all

log = logging.getLogger("parley")


def page_modules(pages_dir: Path) -> list[str]:
    """The parley modules the page scripts import, in the order they first appear."""
    found: dict[str, None] = {}
    for script in sorted(pages_dir.glob("*.py")):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "parley":
                found[node.module] = None
            elif isinstance(node, ast.Import):
                found.update({a.name: None for a in node.names if a.name.split(".")[0] == "parley"})
    return list(found)


def load_code() -> None:
    """Import the pages' modules (numpy and pandas first), build one figure of each trace type
    the charts use, open the store, and freeze what is loaded out of the garbage collector's walks.
    Run before the server takes a connection: plotly looks numpy and pandas up without importing
    them, so a page run beside a half-done import fails."""
    import numpy  # noqa: F401
    import pandas  # noqa: F401

    from parley.ui import data, shell

    for name in page_modules(shell.PAGES_DIR):
        importlib.import_module(name)
    pio.to_json(go.Figure([go.Scatter(x=[0], y=[0]), go.Bar(x=[0], y=[0]), go.Heatmap(z=[[0]])]))
    # Streamlit's first element in a process asks whether it runs in a REPL with inspect.stack(),
    # which maps every loaded module to its file (0.35 s with the pages' modules loaded). inspect
    # keeps that map, so walking the stack once here spares the first reader's run.
    inspect.stack()
    try:
        data.store(data.store_url())
    except Exception:
        # The server still starts: its pages say what is wrong with the store.
        log.exception("opening the store failed; the first page run tries again")
    freeze_all()


def ready_data() -> None:
    """Import what changed in the data folder, read the default dataset and work out what the app
    opens with (the default view's table and matrix). A failure is logged, never raised:
    the first page then does the work, and says what went wrong."""
    from parley import urls
    from parley.charts.matrix import ROWS_PER_PAGE
    from parley.selection import View, resolve
    from parley.ui import data, shell
    from parley.ui.paging import page_of

    started = time.perf_counter()
    try:
        wanted = shell.default_dataset()
        entries, load = data.ready(wanted)
        view = resolve(urls.parse(shell.PAGES[0].name, {}), entries, load, wanted)
        if isinstance(view, View):
            first = shell.results_for(view)  # kept in the results cache: the first page draws from it
            shown, _, _ = page_of(first.table.issues, ROWS_PER_PAGE, 1)
            traces, took = len(first.matrix(tuple(i.id for i in shown)).data), time.perf_counter() - started
            log.info("ready in %.2f s: %s, its first page's chart built (%d traces)", took, view.dataset_id, traces)
    except Exception:
        log.exception("readying the default dataset failed; the first page run does the work instead")
