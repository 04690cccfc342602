"""The default page's own name in a link (/overview) opens it at the app's root, with the link's choices.

Overview is the page at the app's root address, so Streamlit knows no page called "overview": a
link to /overview opened a "Page not found" dialog over Overview and dropped the link's parties,
date and filters. The server answers such a link with a redirect to the root, query and all,
before the page loads. The app's own links never use the name; a link typed or kept from
elsewhere may.
"""

from __future__ import annotations

from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send
from streamlit import config


class DefaultPageAtRoot:
    """ASGI middleware: `GET {base}/{name}` redirects to `{base}/` with the same query string."""

    def __init__(self, app: ASGIApp, name: str) -> None:
        self.app = app
        self.name = name

    def path(self) -> str:
        """The page's would-be address under the app's base path (a proxy may serve Parley under one)."""
        base = (config.get_option("server.baseUrlPath") or "").strip("/")
        return f"/{base}/{self.name}" if base else f"/{self.name}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD") and scope["path"] == self.path():
            query = scope.get("query_string", b"").decode("latin-1")
            # Relative, so the redirect stays under whatever prefix the browser reached the app by.
            await RedirectResponse(f"./?{query}" if query else "./")(scope, receive, send)
            return
        await self.app(scope, receive, send)
