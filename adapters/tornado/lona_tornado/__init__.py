"""The Tornado adapter.

Standalone: ``python app.py --adapter tornado``.
Embedded in an existing ``tornado.web.Application``::

    from lona_tornado import lona_handlers

    live = lona_handlers(lona_app, prefix="/live", get_user=current_user)
    application = tornado.web.Application([*own_handlers, *live], cookie_secret=...)
    ...
    await live.stop()  # on shutdown: views get ServerStop, sockets close with 1001

Tornado runs on asyncio, so the core shares its loop: the core's writes to a
websocket happen on Tornado's IOLoop, and writes the core starts from other
threads reach it through the core's outbox (``lona.connection``), which hands
them to the loop.  Embedded, the core starts on the IOLoop with the first
request it gets (or an explicit ``await live.start()``), because a Tornado
application has no startup hook and may be created before any loop runs.

Tornado's own origin check (``check_origin``) is switched off: the core
checks every websocket's origin against the page's own and
``ALLOWED_ORIGINS``, the same way on every adapter.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable
from typing import Any
from urllib.parse import unquote

from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler
from tornado.websocket import WebSocketHandler

from lona.adapter import (
    Adapter,
    GetUser,
    Transport,
    http_body_limit,
    mount_prefix,
    user_of,
)
from lona.connection import Connection
from lona.http import Headers, HttpRequest, HttpResponse
from lona.server import Server

__all__ = ["LonaHandlers", "TornadoAdapter", "TornadoTransport", "lona_handlers"]

_FILE_CHUNK = 64 * 1024
_STATIC_CLASH = (
    "Tornado's static_path handler serves {tornado!r}, which hides Lona's static "
    "files under {lona!r}: give lona_handlers a prefix, or set static_url_prefix"
)


class TornadoTransport(Transport):
    def __init__(self, handler: WebSocketHandler) -> None:
        self.handler = handler

    async def send(self, text: str) -> None:
        # the future resolves once Tornado's buffer took the frame: a slow
        # client makes this wait, never the IOLoop
        await self.handler.write_message(text)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        self.handler.close(code, reason)  # a no-op once closed


class _Mount:
    """One core server inside one Tornado application; its handlers share it."""

    def __init__(self, server: Server, get_user: GetUser | None, embedded: bool) -> None:
        self.server = server
        self.get_user = get_user
        self.embedded = embedded
        self._started = False

    async def ensure_started(self, application: Application | None) -> None:
        # server.start() does not await before it is done, so two first
        # requests can not both get past this check
        if self._started:
            return
        if self.embedded and application is not None:
            _refuse_static_clash(application, self.server)
        self._started = True
        await self.server.start()

    async def core_request(self, handler: RequestHandler, body: bytes) -> HttpRequest:
        request = handler.request
        return HttpRequest(
            method=request.method or "GET",
            path=unquote(request.path, errors="replace"),
            query_string=request.query,
            headers=Headers(request.headers.get_all()),
            body=body,
            scheme=request.protocol,
            host=request.host,
            remote=request.remote_ip or "",
            native=handler,
            user=await user_of(self.get_user, handler),
        )

    async def respond(self, handler: RequestHandler) -> None:
        """Answer one HTTP request through the core."""
        await self.ensure_started(handler.application)
        request = await self.core_request(handler, handler.request.body)
        response = await self.server.handle_http(request)
        await _write_response(handler, response)


def _refuse_static_clash(application: Application, server: Server) -> None:
    if not application.settings.get("static_path"):
        return
    tornado_prefix: str = application.settings.get("static_url_prefix", "/static/")
    lona_prefix = server.static_url()
    if lona_prefix.startswith(tornado_prefix):
        raise RuntimeError(_STATIC_CLASH.format(tornado=tornado_prefix, lona=lona_prefix))


async def _write_response(handler: RequestHandler, response: HttpResponse) -> None:
    if response.native is not None:
        # Tornado has no response objects: a pass-through view answers through
        # the handler it got as request.http_request.native; finish what it left open
        if not handler._finished:
            handler.finish()
        return
    handler.set_status(response.status)
    for name in {name.lower() for name, _ in response.headers}:
        handler.clear_header(name)  # Tornado's defaults (Content-Type) give way
    for name, value in response.headers:
        handler.add_header(name, value)
    if response.file_path is None:
        # an empty body is no body: Tornado refuses any write for 204 and 304
        handler.finish(response.body or None)
        return
    with open(response.file_path, "rb") as file:
        while chunk := file.read(_FILE_CHUNK):
            handler.write(chunk)
            await handler.flush()
    handler.finish()


class LonaHttpHandler(RequestHandler):
    """Every HTTP request under the prefix goes to the core."""

    def initialize(self, mount: _Mount) -> None:
        self.mount = mount

    def compute_etag(self) -> str | None:
        return None  # the core sets its own validators; Tornado's would differ per adapter

    async def get(self, *args: str) -> None:
        await self.mount.respond(self)

    head = post = put = patch = delete = options = get


class LonaWebSocketHandler(WebSocketHandler):
    """The core's websocket; a plain request on its URL is answered like any other."""

    def initialize(self, mount: _Mount) -> None:
        self.mount = mount
        self.connection: Connection | None = None
        self.core_http_request: HttpRequest | None = None

    @property
    def max_message_size(self) -> int:
        # Tornado closes larger messages with 1009, as every adapter must;
        # 0 means unlimited in the settings, so give Tornado no limit then
        limit: int = self.mount.server.settings.MAX_MESSAGE_SIZE
        return limit or 2**62

    def compute_etag(self) -> str | None:
        return None

    def check_origin(self, origin: str) -> bool:
        return True  # the core decides, like on every adapter (lona.security)

    async def get(self, *args: str, **kwargs: str) -> None:
        if self.request.headers.get("Upgrade", "").lower() != "websocket":
            await self.mount.respond(self)
            return
        await self.mount.ensure_started(self.application)
        self.core_http_request = await self.mount.core_request(self, b"")
        await super().get(*args, **kwargs)

    async def _respond(self, *args: str) -> None:
        await self.mount.respond(self)

    head = post = put = patch = delete = options = _respond

    def open(self, *args: str, **kwargs: str) -> None:
        assert self.core_http_request is not None
        # small frames follow each other (VIEW_START, TREE): with Nagle's
        # algorithm the second waits for the first one's (delayed) ACK, 40 ms
        self.set_nodelay(True)
        self.connection = self.mount.server.open_websocket(
            self.core_http_request, TornadoTransport(self)
        )

    def on_message(self, message: str | bytes) -> Awaitable[None] | None:
        if self.connection is not None:
            if isinstance(message, str):
                self.connection.receive(message)
            else:
                self.connection.receive_bytes(message)
        return None

    def on_close(self) -> None:
        # Tornado calls this once, however the socket ended (also on errors)
        if self.connection is not None:
            self.connection.closed()
            self.connection = None


def _handler_rules(mount: _Mount) -> list[tuple[str, type[RequestHandler], dict[str, Any]]]:
    prefix = re.escape(mount.server.url_prefix)
    options = {"mount": mount}
    return [
        (re.escape(mount.server.websocket_path), LonaWebSocketHandler, options),
        # Tornado matches the raw (still percent-encoded) path
        (f"{prefix}(?:/.*)?" if prefix else "/.*", LonaHttpHandler, options),
    ]


class LonaHandlers(list[tuple[str, type[RequestHandler], dict[str, Any]]]):
    """The handler rules ``lona_handlers`` returns, with the server's lifecycle.

    The core starts on the IOLoop with the first request it gets, or when
    ``await start()`` is called; ``await stop()`` stops every view
    (``ServerStop``) and closes every socket with 1001.  Both run on the
    IOLoop; both may be called more than once.
    """

    def __init__(self, mount: _Mount) -> None:
        super().__init__(_handler_rules(mount))
        self._mount = mount

    @property
    def server(self) -> Server:
        return self._mount.server

    async def start(self, application: Application | None = None) -> None:
        """Start now instead of on the first request; with ``application``,
        check first that its static route does not hide Lona's."""
        await self._mount.ensure_started(application)

    async def stop(self) -> None:
        await self._mount.server.stop()


def lona_handlers(lona_app: Any, prefix: str = "", get_user: GetUser | None = None) -> LonaHandlers:
    """Handler rules serving ``lona_app`` under ``prefix`` in an existing application.

    Put them after the application's own handlers (Tornado takes the first
    rule that matches; with an empty prefix Lona's rule matches every path).
    ``get_user(handler)`` (sync or async) gets the ``RequestHandler`` of each
    page load and websocket handshake and returns the host's user, e.g. from
    ``handler.get_signed_cookie("user")``; without it users are anonymous per
    session cookie.  The application's settings apply to Lona's handlers too
    (``xsrf_cookies`` checks forms posted to Lona over plain HTTP).

    Keep the returned object: ``await handlers.stop()`` on shutdown stops the
    views (``ServerStop``); the core starts by itself with the first request.
    """
    server: Server = lona_app.create_server(url_prefix=mount_prefix(prefix))
    return LonaHandlers(_Mount(server, get_user, embedded=True))


def _no_access_log(handler: RequestHandler) -> None:
    pass


class TornadoAdapter(Adapter):
    name = "tornado"

    def serve(self, server: Server, host: str, port: int) -> None:
        asyncio.run(self._serve(server, host, port))

    async def _serve(self, server: Server, host: str, port: int) -> None:
        mount = _Mount(server, None, embedded=False)
        await mount.ensure_started(None)
        # no access log, like the other adapters: the core logs what matters
        application = Application(_handler_rules(mount), log_function=_no_access_log)
        http_server = HTTPServer(application, max_body_size=http_body_limit(server))
        http_server.listen(port, host)
        try:
            await server.wait_for_stop_request()
        finally:
            http_server.stop()
            await server.stop()
            await http_server.close_all_connections()
