"""A middleware with every hook, for ``MIDDLEWARES=["lona_conformance.views.middleware.Recorder"]``.

Not installed by default (a ``handle_connection`` hook changes how every
websocket is admitted); tests start the app with it.  Each hook records what
it saw in the event log (``middleware`` events), and some paths make a hook
answer instead of passing the request on:

* ``/mw/http-answer``: ``handle_http_request`` answers (status 299);
* ``/mw/refused``: ``handle_connection`` refuses (None: 503);
* a websocket with ``X-Refuse: 1``: ``handle_connection`` sends a message and closes;
* ``mw:ping`` over the websocket: ``handle_websocket_message`` answers ``mw:pong``;
* ``/mw/forbidden``, ``/mw/replaced`` (interactive) and ``/mw/http/forbidden``,
  ``/mw/http/replaced`` (HTTP): ``handle_request`` refuses or replaces the view.
"""

from __future__ import annotations

from typing import Any

from lona import App, ForbiddenError, HtmlResponse, View
from lona.html import H1, HTML, P
from lona.middlewares import MiddlewareData
from lona_conformance.recording import record

__all__ = ["Recorder", "add_routes"]


def _path(data: MiddlewareData) -> str:
    if data.request is not None:
        return str(data.request.url.path)
    return str(data.http_request.path) if data.http_request is not None else ""


class Recorder:
    async def on_startup(self, data: MiddlewareData) -> None:
        record("middleware", hook="on_startup", server=data.server is not None)

    async def on_shutdown(self, data: MiddlewareData) -> None:
        record("middleware", hook="on_shutdown")

    def handle_http_request(self, data: MiddlewareData) -> Any:
        record("middleware", hook="handle_http_request", path=_path(data))
        if _path(data) == "/mw/http-answer":
            return HtmlResponse("<p>answered by handle_http_request</p>", status=299)
        return data

    def handle_connection(self, data: MiddlewareData) -> Any:
        websocket = data.connection is not None
        record("middleware", hook="handle_connection", path=_path(data), websocket=websocket)
        if websocket and data.http_request.headers.get("x-refuse"):
            return "refused by the conformance middleware"
        if not websocket and _path(data) == "/mw/refused":
            return None
        return data

    def handle_websocket_message(self, data: MiddlewareData) -> Any:
        record("middleware", hook="handle_websocket_message", message=data.message)
        if data.message == "mw:ping":
            data.connection.send("mw:pong")
            return None
        return data

    def handle_request(self, data: MiddlewareData) -> Any:
        path = _path(data)
        record("middleware", hook="handle_request", path=path, view=type(data.view).__name__)
        if path in ("/mw/forbidden", "/mw/http/forbidden"):
            raise ForbiddenError()
        if path in ("/mw/replaced", "/mw/http/replaced"):
            return "<p id='replaced'>replaced by handle_request</p>"
        return data

    def on_view_stop(self, data: MiddlewareData) -> Any:
        reason = type(data.reason).__name__ if data.reason else None
        record("middleware", hook="on_view_stop", path=_path(data), reason=reason)
        return data

    def on_view_cleanup(self, data: MiddlewareData) -> Any:
        record("middleware", hook="on_view_cleanup", path=_path(data))
        return data


class Watched(View):
    """Any page below /mw/ (interactive)."""

    def handle_request(self, request: Any) -> Any:
        return HTML(H1("Watched"), P(request.url.path, _id="path"))


class WatchedHttp(View):
    def handle_request(self, request: Any) -> Any:
        return "<p id='watched-http'>a non-interactive view</p>"


def add_routes(app: App) -> None:
    app.route("/mw/http/<name>", interactive=False)(WatchedHttp)
    app.route("/mw/<name>")(Watched)
