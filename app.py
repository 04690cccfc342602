"""Parley's server: `streamlit run app.py` serves dashboard.py (./parley.sh run does this).

As the server starts it readies the app in a thread (parley.ui.warm), so the first reader of a
fresh server does not wait for imports and the default dataset.
"""

import threading
from contextlib import asynccontextmanager

import streamlit as st


@asynccontextmanager
async def ready_in_the_background(_app: st.App):
    from parley.ui.warm import warm_up

    threading.Thread(target=warm_up, name="parley-warm-up", daemon=True).start()
    yield


app = st.App("dashboard.py", lifespan=ready_in_the_background)
