"""The Tornado adapter.

Standalone: ``python app.py --adapter tornado``.  Embedded in an existing
``tornado.web.Application`` through ``lona_handlers`` (docs/guides/embedding.md:
``[*own_handlers, *lona_handlers(lona_app, prefix="/live")]``).  The core
shares Tornado's IOLoop; embedded, it starts with the first request (or
``await handlers.start()``): a Tornado application has no startup hook.
Tornado's origin check is off (the core checks origins alike on every adapter),
and so is its XSRF check on Lona's URLs, for the same reason and because bodies
stream to the core (``lona.adapter.streamed_body``) unparsed.  Pass-through
views get the ``RequestHandler`` with its body read and parsed, as Tornado does
for its own handlers, and may call ``RequestHandler.check_xsrf_cookie(handler)``.
"""

from __future__ import annotations

import asyncio
import functools
import re
from collections.abc import Awaitable
from typing import Any
from urllib.parse import unquote

from tornado.http1connection import HTTP1Connection
from tornado.httpserver import HTTPServer
from tornado.httputil import HTTPInputError, parse_body_arguments
from tornado.web import Application, RequestHandler, stream_request_body
from tornado.websocket import WebSocketHandler, WebSocketProtocol, WebSocketProtocol13

from lona.adapter import (
    HEAD_LIMIT,
    Adapter,
    Connection,
    GetUser,
    Headers,
    HostLayout,
    HttpError,
    HttpRequest,
    HttpResponse,
    MountedServer,
    Server,
    Transport,
    deliver,
    header_timeout,
    http_body_limit,
    message_size_limit,
    mount_prefix,
    read_body,
    refuse_static_clash,
    refused_native,
    user_of,
)
from lona.adapter.loops import call_on_loop, off_loop, serve_until_stop_requested
from lona.adapter.streamed_body import FedBody, StreamedAnswer

__all__ = ["LonaHandlers", "TornadoAdapter", "TornadoTransport", "lona_handlers"]

_FILE_CHUNK = 64 * 1024
# Tornado's own cap on streamed bodies; the core enforces the real limits
# (MAX_HTTP_BODY_SIZE, a bucket's max_size) while it reads
_STREAMED_BODY_CAP = 2**40
INVALID_DATA = 1007  # the close code for a text frame that is no UTF-8


class TornadoTransport(Transport):
    def __init__(self, handler: WebSocketHandler) -> None:
        self.handler = handler

    async def send(self, text: str) -> None:
        # the future resolves once Tornado's buffer took the frame: a slow
        # client makes this wait, never the IOLoop
        await self.handler.write_message(text)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        self.handler.close(code, reason)  # a no-op once closed


class _Mount(MountedServer):
    """One core server inside one Tornado application; its handlers share it."""

    embedded = True  # in a host's application, not standalone

    async def ensure_started(self, application: Application | None) -> None:
        await self.start_once(functools.partial(self._refuse_static_clash, application))

    def _refuse_static_clash(self, application: Application | None) -> None:
        if self.embedded and application and application.settings.get("static_path"):
            tornado_prefix: str = application.settings.get("static_url_prefix", "/static/")
            hint = "give lona_handlers a prefix, or set static_url_prefix"
            refuse_static_clash(self.server, tornado_prefix, hint, error=RuntimeError)

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
        await _write_response(handler, await self.answer(request))


async def _write_response(handler: RequestHandler, response: HttpResponse) -> None:
    if handler._finished:
        return  # a pass-through view answered through the handler itself
    if response.native is not None:
        # Tornado has no response objects: a pass-through view answers through
        # the handler it got as its request, and returns it
        if response.native is handler:
            handler.finish()
            return
        response = refused_native(response.native, "its handler")
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


@stream_request_body
class LonaHttpHandler(RequestHandler):
    """Every HTTP request under the prefix goes to the core.  A body streams:
    the core answers from ``prepare`` on, reading the body as it arrives
    (``StreamedAnswer``); requests without one (most) are answered by the method."""

    def initialize(self, mount: _Mount) -> None:
        self.mount = mount
        self.body = FedBody()
        self.core_request: HttpRequest | None = None
        self.answer = StreamedAnswer(self.body, functools.partial(_write_response, self))

    def compute_etag(self) -> str | None:
        return None  # the core sets its own validators; Tornado's would differ per adapter

    def check_xsrf_cookie(self) -> None:
        pass  # Lona's URLs are the core's business, alike on every adapter

    async def prepare(self) -> None:
        await self.mount.ensure_started(self.application)
        request = await self.mount.core_request(self, b"")

        async def read_native_body() -> None:
            await self._read_native_body(request)

        request.prepare_native = read_native_body
        self.core_request = request
        connection = self.request.connection
        if isinstance(connection, HTTP1Connection):
            connection.set_max_body_size(_STREAMED_BODY_CAP)
        self.answer.begin(self.mount.server, request)

    def data_received(self, chunk: bytes) -> Awaitable[Any] | None:
        return self.body.feed(chunk)

    def on_connection_close(self) -> None:
        self.body.fail()
        super().on_connection_close()

    async def get(self, *args: str) -> None:
        """The body is in (Tornado calls the method then): answer."""
        self.body.end()
        if self.answer.started:
            await self.answer.finish()
            return
        assert self.core_request is not None
        await _write_response(self, await self.mount.answer(self.core_request))

    head = post = put = patch = delete = options = get

    async def _read_native_body(self, request: HttpRequest) -> None:
        """Before a pass-through view: the body read and parsed, as Tornado does
        for its own handlers (``self.request.body``, ``get_body_argument``, ``files``)."""
        native = self.request
        native.body = await read_body(request, http_body_limit(self.mount.server))
        try:
            parse_body_arguments(
                native.headers.get("Content-Type", ""),
                native.body,
                native.body_arguments,
                native.files,
                native.headers,
            )
        except HTTPInputError as error:  # what Tornado answers 400 for its own handlers
            raise HttpError(400, f"invalid body: {error}") from error
        for name, values in native.body_arguments.items():
            native.arguments.setdefault(name, []).extend(values)

    # A sync pass-through view runs in a pool thread; Tornado's I/O must run on
    # its loop, so these two hop there (write() and set_header() only buffer).

    def flush(self, include_footers: bool = False) -> asyncio.Future[None]:
        if off_loop():
            return call_on_loop(self.mount.server.loop, super().flush, include_footers)
        return super().flush(include_footers)

    def finish(self, chunk: str | bytes | dict[str, Any] | None = None) -> asyncio.Future[None]:
        if off_loop():
            return call_on_loop(self.mount.server.loop, super().finish, chunk)
        return super().finish(chunk)


class _StrictUtf8Protocol(WebSocketProtocol13):
    """A text frame that is no UTF-8 closes the socket with 1007 (invalid
    data), as on every adapter; Tornado's own protocol drops the connection
    without a close frame."""

    def _handle_message(self, opcode: int, data: bytes) -> asyncio.Future[None] | None:
        if opcode == 0x1 and not self._frame_compressed and not self.client_terminated:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                self.close(INVALID_DATA, "text frame is not UTF-8")
                return None
        return super()._handle_message(opcode, data)


class LonaWebSocketHandler(WebSocketHandler):
    """The core's websocket; a plain request on its URL is answered like any other."""

    def initialize(self, mount: _Mount) -> None:
        self.mount = mount
        self.connection: Connection | None = None
        self.core_http_request: HttpRequest | None = None

    @property
    def max_message_size(self) -> int:
        return message_size_limit(self.mount.server) or 2**62  # Tornado's "unlimited"

    def compute_etag(self) -> str | None:
        return None

    def check_origin(self, origin: str) -> bool:
        return True  # the core decides, like on every adapter (lona.security.admission)

    def get_websocket_protocol(self) -> WebSocketProtocol | None:
        protocol = super().get_websocket_protocol()
        if type(protocol) is WebSocketProtocol13:
            protocol.__class__ = _StrictUtf8Protocol  # the same protocol, stricter on text
        return protocol

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
            deliver(self.connection, message)
        return None

    def on_close(self) -> None:
        # Tornado calls this once, however the socket ended (also on errors)
        if self.connection is not None:
            self.connection.closed()
            self.connection = None


def _handler_rules(
    mount: _Mount, base_handler: type[RequestHandler] | None = None
) -> list[tuple[str, type[RequestHandler], dict[str, Any]]]:
    prefix = re.escape(mount.server.url_prefix)
    options = {"mount": mount}
    http_handler: type[RequestHandler] = LonaHttpHandler
    websocket_handler: type[RequestHandler] = LonaWebSocketHandler
    if base_handler is not None:
        http_handler = _on_base(LonaHttpHandler, base_handler)
        websocket_handler = _on_base(LonaWebSocketHandler, base_handler)
    return [
        (re.escape(mount.server.websocket_path), websocket_handler, options),
        # Tornado matches the raw (still percent-encoded) path
        (f"{prefix}(?:/.*)?" if prefix else "/.*", http_handler, options),
    ]


def _on_base(handler: type[RequestHandler], base: type[RequestHandler]) -> type[RequestHandler]:
    """``handler`` on top of the host's base handler: the host's ``get_current_user``
    (and whatever else its handlers share) works on Lona's handlers too.  Lona's
    own methods (``prepare``, ``get``, ``check_xsrf_cookie`` ...) still win."""
    if not (isinstance(base, type) and issubclass(base, RequestHandler)):
        raise TypeError(f"base_handler must be a tornado.web.RequestHandler class, not {base!r}")
    return type(handler.__name__, (handler, base), {"__module__": __name__})


class LonaHandlers(list[tuple[str, type[RequestHandler], dict[str, Any]]]):
    """The handler rules ``lona_handlers`` returns, with the server's lifecycle:
    ``await start()`` (else the first request starts it), ``await stop()``; both
    on the IOLoop, both may be called more than once."""

    def __init__(self, mount: _Mount, base_handler: type[RequestHandler] | None = None) -> None:
        super().__init__(_handler_rules(mount, base_handler))
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


def lona_handlers(
    lona_app: Any,
    prefix: str = "",
    get_user: GetUser | None = None,
    base_handler: type[RequestHandler] | None = None,
    layout: HostLayout | None = None,
) -> LonaHandlers:
    """Handler rules serving ``lona_app`` under ``prefix`` in an existing
    application; put them after its own (Tornado takes the first that matches).

    ``base_handler``: the application's ``RequestHandler`` base class, under
    Lona's handlers: ``request.user`` in a view is its ``current_user`` (unless
    ``get_user(handler)``, sync or async, says otherwise).  ``layout(handler)``
    renders the host's page around a live view (with ``lona.layout.LAYOUT``).
    Keep the returned object: ``await handlers.stop()`` on shutdown.
    """
    server: Server = lona_app.create_server(url_prefix=mount_prefix(prefix))
    if get_user is None and base_handler is not None:
        get_user = _current_user
    mount = _Mount(server, get_user, layout)
    return LonaHandlers(mount, base_handler)


def _current_user(handler: RequestHandler) -> Any:
    return handler.current_user


class TornadoAdapter(Adapter):
    name = "tornado"

    def serve(self, server: Server, host: str, port: int) -> None:
        asyncio.run(self._serve(server, host, port))

    async def _serve(self, server: Server, host: str, port: int) -> None:
        mount = _Mount(server)
        mount.embedded = False
        await mount.ensure_started(None)
        # no access log, like the other adapters: the core logs what matters
        application = Application(_handler_rules(mount), log_function=lambda handler: None)
        http_server = HTTPServer(
            application,
            max_body_size=http_body_limit(server),
            max_header_size=HEAD_LIMIT,
            # Tornado's time for a request head, from the connection's start
            # or the last answer; a slower one closes the connection
            idle_connection_timeout=header_timeout(server),
        )
        http_server.listen(port, host)
        await serve_until_stop_requested(
            server, http_server.stop, http_server.close_all_connections
        )
