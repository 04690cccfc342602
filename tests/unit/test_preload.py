"""The page's HTML names the code of its charts and widgets; nothing else the server sends changes."""

from __future__ import annotations

import re

from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from parley.ui.preload import (
    CHART_CHUNKS,
    SERVER_AT_PARENT,
    STATIC_JS,
    WIDGET_CHUNKS,
    Preload,
    chunk_files,
    head_tags,
    static_imports,
)

PAGE = "<html><head><title>Parley</title></head><body></body></html>"


def _page(request):
    return HTMLResponse(PAGE, headers={"x-accept-encoding": request.headers.get("accept-encoding", "")})


def _client() -> TestClient:
    inner = Starlette(routes=[Route("/", _page), Route("/{name}", _page), Route("/_stcore/host-config", _config)])
    return TestClient(Preload(inner, pages=["gaps", "timeline", "compare"], chartless=["compare"]))


def _config(request):
    return JSONResponse({"page": PAGE})


def _imported(html: str) -> list[str]:
    return re.findall(r'import\("\./static/js/([^"]+)"\)', html)


def _preloaded(html: str) -> list[str]:
    return re.findall(r'rel="modulepreload" crossorigin href="\./static/js/([^"]+)"', html)


def test_every_chunk_is_in_the_installed_streamlit():
    """A Streamlit that renamed one would quietly lose its preload: this fails instead."""
    names = WIDGET_CHUNKS + CHART_CHUNKS
    assert [f.split(".")[0] for f in chunk_files(names)] == list(names)
    assert all((STATIC_JS / f).stat().st_size > 0 for f in chunk_files(names))


def test_a_chart_page_fetches_and_runs_plotly_and_the_widgets_as_it_opens():
    for path in ("/", "/gaps", "/timeline/"):
        response = _client().get(path, headers={"accept": "text/html", "accept-encoding": "gzip"})
        html = response.text
        assert html.startswith("<html><head><title>Parley</title>") and html.endswith("</head><body></body></html>")
        assert [f.split(".")[0] for f in _imported(html)] == [*WIDGET_CHUNKS, *CHART_CHUNKS]
        assert set(chunk_files(WIDGET_CHUNKS + CHART_CHUNKS)) <= set(_preloaded(html))
        assert int(response.headers["content-length"]) == len(response.content)
        assert response.headers["x-accept-encoding"] == ""  # sent whole, so its head could be edited


def test_a_page_without_charts_gets_the_widgets_only():
    html = _client().get("/compare", headers={"accept": "text/html"}).text
    assert [f.split(".")[0] for f in _imported(html)] == list(WIDGET_CHUNKS)


def test_what_is_not_a_page_passes_unchanged():
    client = _client()
    assert client.get("/_stcore/host-config", headers={"accept": "application/json"}).json() == {"page": PAGE}
    response = client.get("/gaps", headers={"accept": "*/*", "accept-encoding": "gzip"})
    assert response.text == PAGE and response.headers["x-accept-encoding"] == "gzip"


def test_no_chunk_no_tags(tmp_path):
    assert chunk_files(["PlotlyChart"], tmp_path) == []
    assert head_tags([]) == b""
    html = TestClient(Preload(Starlette(routes=[Route("/", _page)]), js_dir=tmp_path)).get("/").text
    assert html == PAGE


def test_a_page_other_than_the_default_one_says_the_server_is_at_its_parent_path():
    """So the frontend does not first look for the server under the page's own path."""
    client = _client()
    for path in ("/gaps", "/timeline/", "/compare"):
        html = client.get(path, headers={"accept": "text/html"}).text
        assert html.count(SERVER_AT_PARENT.decode()) == 1
        assert html.index(SERVER_AT_PARENT.decode()) < html.index('<script type="module">')
    for path in ("/", "/elsewhere"):  # the root, and a path that is no page
        assert "BACKEND_BASE_URL" not in client.get(path, headers={"accept": "text/html"}).text


def _chunk(js_dir, name: str, code: str) -> str:
    (js_dir / name).write_text(code, encoding="utf-8")
    return name


def test_what_a_chunk_imports_is_fetched_with_it_however_deep(tmp_path):
    """Else the browser finds each round of imports only after the one before has arrived."""
    (tmp_path / "static" / "js").mkdir(parents=True)
    js = tmp_path / "static" / "js"
    (tmp_path / "index.html").write_text('<script type="module" src="./static/js/index.A1.js"></script>')
    _chunk(js, "index.A1.js", "")
    _chunk(js, "Label.C3.js", 'import{t}from"./index.A1.js";export{x}from"./deep.D4.js";')
    _chunk(js, "deep.D4.js", 'import"./deepest.E5.js";const later=()=>import("./later.F6.js");')
    _chunk(js, "deepest.E5.js", "")
    _chunk(js, "later.F6.js", "")
    _chunk(js, "Widget.B2.js", 'import{a}from"./Label.C3.js";import{b}from"./index.A1.js";')
    assert static_imports(["Widget.B2.js"], js) == [
        "Widget.B2.js",
        "Label.C3.js",
        "index.A1.js",
        "deep.D4.js",
        "deepest.E5.js",
    ]
    html = head_tags(["Widget.B2.js"], js).decode()
    # Streamlit's own page already names its index; what is imported only when needed is left out.
    assert _preloaded(html) == ["Widget.B2.js", "Label.C3.js", "deep.D4.js", "deepest.E5.js"]
    assert _imported(html) == ["Widget.B2.js"]


def test_the_installed_widgets_code_is_fetched_with_everything_it_imports():
    html = head_tags(chunk_files(WIDGET_CHUNKS)).decode()
    preloaded = set(_preloaded(html))
    page = (STATIC_JS.parents[1] / "index.html").read_text(encoding="utf-8")
    named = set(re.findall(r'"\./static/js/([^"]+)"', page))
    for name in preloaded:
        for imported in re.findall(r'(?:from|import)\s*"\./([^"]+\.js)"', (STATIC_JS / name).read_text()):
            assert imported in preloaded | named
