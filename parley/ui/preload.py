"""The code of a page's charts and widgets, fetched and run as the page's HTML arrives.

Streamlit's frontend fetches an element's code only when the first element of its kind arrives
over the websocket, then compiles and runs it on the browser's main thread. For a chart that is
plotly.js, 4.7 MB: fetched after the sidebar and the page's first elements have come, and run
while everything else waits. Named in the page's HTML, the same files are fetched as the page
opens and run before the app's elements arrive, while the app connects and its script runs, and
while a fresh server is still reading its dataset. What it gained is in the README (Speed).

A page with no chart (Compare, Sources, Search, ...) gets the sidebar's widgets only, so it does
not run plotly.js before its first elements.

A page other than the default one (/timeline) also says where the server is. Without that the
frontend first looks for the server under the page's own path (/timeline/_stcore/health), is
refused, and asks again at the root: by then plotly.js is running, so it connects only after it
(1.5 s later on a 2-core machine) and the page's script run no longer overlaps with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import streamlit
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATIC_JS = Path(streamlit.__file__).parent / "static" / "static" / "js"
# Streamlit's names (before the content hash) for the code of what every page's sidebar shows:
# the page links, the dataset box, the party picker, the date box, the pills, the page's style.
WIDGET_CHUNKS = ("PageLink", "Selectbox", "Multiselect", "DateInput", "ButtonGroup", "Html")
CHART_CHUNKS = ("PlotlyChart",)
STATIC_IMPORT = re.compile(r'(?:\bfrom|\bimport)\s*"\./([\w.-]+\.js)"')
PAGE_NAMES = re.compile(r'"\./static/js/([\w.-]+\.js)"')
# The frontend reads window.__streamlit once, as its code starts: the server is at the page's
# parent path (the root, or the prefix a proxy serves Parley under), so it connects there at once.
SERVER_AT_PARENT = (
    b"<script>window.__streamlit=Object.assign({},window.__streamlit,{BACKEND_BASE_URL:"
    b"new URL(location.pathname.replace(/\\/+$/,'').replace(/[^/]*$/,''),location.href).href})</script>"
)


def chunk_files(names: Iterable[str], js_dir: Path = STATIC_JS) -> list[str]:
    """The file of each named chunk in the installed Streamlit; a name it does not have is skipped."""
    found = []
    for name in names:
        files = sorted(js_dir.glob(f"{name}.*.js"))
        if files:
            found.append(files[0].name)
    return found


def static_imports(files: Iterable[str], js_dir: Path = STATIC_JS) -> list[str]:
    """The files and every file they import, however deep, in the order the browser would find them.

    A `modulepreload` fetches one file: the browser learns of that file's own imports only once it
    has it, and of theirs only once it has those (a widget's code is four such rounds deep). Named
    together in the page's head, they are all fetched at once. Only static imports count (`import
    ... from "./x.js"`, `import "./x.js"`, `export ... from "./x.js"`): what a chunk loads later
    with `import("./x.js")` it loads only when it needs it.
    """
    found: dict[str, None] = {}
    todo = list(files)
    while todo:
        name = todo.pop(0)
        if name in found or not (js_dir / name).is_file():
            continue
        found[name] = None
        todo.extend(STATIC_IMPORT.findall((js_dir / name).read_text(encoding="utf-8")))
    return list(found)


def head_tags(files: Iterable[str], js_dir: Path = STATIC_JS) -> bytes:
    """Fetch the files and what they import at once, and run the files (a module import) after
    Streamlit's own code. What Streamlit's page already names is left to it."""
    files = list(files)
    named = set(PAGE_NAMES.findall(index_html(js_dir)))
    fetched = [name for name in static_imports(files, js_dir) if name not in named]
    links = "".join(f'<link rel="modulepreload" crossorigin href="./static/js/{name}">' for name in fetched)
    imports = ";".join(f'import("./static/js/{name}")' for name in files)
    return f'{links}<script type="module">{imports}</script>'.encode() if files else b""


def index_html(js_dir: Path = STATIC_JS) -> str:
    page = js_dir.parents[1] / "index.html"
    return page.read_text(encoding="utf-8") if page.is_file() else ""


class Preload:
    """ASGI middleware: names the chunks in the head of every HTML page the server sends.

    `pages` are the URL path segments of the pages other than the default one: they get
    SERVER_AT_PARENT. `chartless` are those of pages that open without a chart; every other page
    (the default page at the root among them) also gets the chart's code.
    """

    def __init__(
        self, app: ASGIApp, pages: Iterable[str] = (), chartless: Iterable[str] = (), js_dir: Path = STATIC_JS
    ) -> None:
        self.app = app
        self.pages = frozenset(pages)
        self.chartless = frozenset(chartless)
        self.widgets = head_tags(chunk_files(WIDGET_CHUNKS, js_dir), js_dir)
        self.charts = head_tags(chunk_files(WIDGET_CHUNKS + CHART_CHUNKS, js_dir), js_dir)

    def tags_for(self, path: str) -> bytes:
        name = path.rstrip("/").rsplit("/", 1)[-1]
        code = self.widgets if name in self.chartless else self.charts
        return SERVER_AT_PARENT + code if name in self.pages else code

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", ()))
        if scope["type"] != "http" or scope["method"] != "GET" or b"text/html" not in headers.get(b"accept", b""):
            await self.app(scope, receive, send)
            return
        tags = self.tags_for(scope["path"])
        # The page itself is 8 kB: sent uncompressed, so its head can be edited on the way out.
        scope = dict(scope, headers=[(k, v) for k, v in scope["headers"] if k != b"accept-encoding"])
        start: Message = {}
        body: list[bytes] = []

        async def send_edited(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page, out = b"".join(body), list(start.get("headers", ()))
            if dict(out).get(b"content-type", b"").startswith(b"text/html") and b"</head>" in page:
                page = page.replace(b"</head>", tags + b"</head>", 1)
                out = [(k, str(len(page)).encode() if k == b"content-length" else v) for k, v in out]
            await send({**start, "headers": out})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, send_edited)
