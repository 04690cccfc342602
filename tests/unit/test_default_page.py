"""A link to /overview opens Overview at the app's root with the link's own choices."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from streamlit import config

from parley.ui.default_page import DefaultPageAtRoot


def _echo(request):
    return PlainTextResponse(f"page {request.url.path}")


def _client() -> TestClient:
    inner = Starlette(routes=[Route("/{path:path}", _echo, methods=["GET", "POST"])])
    return TestClient(DefaultPageAtRoot(inner, name="overview"), follow_redirects=False)


@pytest.fixture
def base_path():
    before = config.get_option("server.baseUrlPath")
    yield lambda path: config.set_option("server.baseUrlPath", path)
    config.set_option("server.baseUrlPath", before)


def test_the_default_pages_name_redirects_to_the_root_with_the_query():
    response = _client().get("/overview?dataset=mini&parties=blue,red&as_of=2025-02-05&q=%22line%22")
    assert response.status_code == 307
    assert response.headers["location"] == "./?dataset=mini&parties=blue,red&as_of=2025-02-05&q=%22line%22"
    assert _client().get("/overview").headers["location"] == "./"


def test_other_addresses_pass_unchanged():
    client = _client()
    for path in ("/", "/timeline", "/overviews", "/timeline/overview", "/static/js/overview"):
        response = client.get(path)
        assert (response.status_code, response.text) == (200, f"page {path}")
    assert client.post("/overview").text == "page /overview"


def test_under_a_base_path_the_redirect_stays_under_it(base_path):
    base_path("/parley/")
    client = _client()
    assert client.get("/parley/overview?parties=blue").headers["location"] == "./?parties=blue"
    assert client.get("/overview").text == "page /overview"
