"""Parley's server: `streamlit run app.py` serves dashboard.py (./parley.sh run does this).

As the server starts it turns Nagle's algorithm off on the connections it will accept
(parley.ui.sockets), imports what the pages use and opens the store, then reads the default
dataset in a thread (parley.ui.warm), so the first reader of a fresh server does not wait for them.
Each page's HTML names the code of its charts and widgets, so the browser fetches and runs it as
the page opens, and where the server is (parley.ui.preload); a link to the default page by its
name opens it at the root (parley.ui.default_page).
"""

import logging
import threading
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from parley.ui.default_page import DefaultPageAtRoot
from parley.ui.preload import Preload
from parley.ui.shell import DEFAULT_PAGE, PAGES

# Parley's own lines in the server's log, with the time to the millisecond: when the data was ready.
LOG_FORMAT = "%(asctime)s.%(msecs)03d %(levelname)s %(name)s: %(message)s"
_handler = logging.StreamHandler()
_handler.setFormatter(logging.Formatter(LOG_FORMAT, "%Y-%m-%d %H:%M:%S"))
logging.getLogger("parley").addHandler(_handler)
logging.getLogger("parley").setLevel(logging.INFO)


@asynccontextmanager
async def ready_as_it_starts(_app: st.App):
    from parley.ui.sockets import send_whole_answers
    from parley.ui.warm import load_code, ready_data

    send_whole_answers()
    load_code()
    threading.Thread(target=ready_data, name="parley-warm-up", daemon=True).start()
    yield


pages = [spec.name for spec in PAGES if spec.name != DEFAULT_PAGE]
chartless = [spec.name for spec in PAGES if not spec.charts]
app = st.App(
    "dashboard.py",
    lifespan=ready_as_it_starts,
    middleware=[
        Middleware(DefaultPageAtRoot, name=DEFAULT_PAGE),
        Middleware(Preload, pages=pages, chartless=chartless),
    ],
)
