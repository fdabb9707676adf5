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
threads reach it through the core's outbox (``lona.ws.connection``), which hands
them to the loop.  Embedded, the core starts on the IOLoop with the first
request it gets (or an explicit ``await live.start()``), because a Tornado
application has no startup hook and may be created before any loop runs.

Tornado's own origin check (``check_origin``) is switched off: the core
checks every websocket's origin against the page's own and
``ALLOWED_ORIGINS``, the same way on every adapter.  So is its XSRF check
on Lona's URLs, for the same reason, and because request bodies stream to
the core (``lona_tornado.body``), so form fields are not parsed before the
handler runs.  Pass-through views get the ``RequestHandler`` with its body
read and parsed, as Tornado does for its own handlers, and may call
``RequestHandler.check_xsrf_cookie(handler)`` themselves.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
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
    Server,
    Transport,
    announces_body,
    header_timeout,
    http_body_limit,
    mount_prefix,
    read_body,
    set_host_layout,
    user_of,
)
from lona_tornado.body import TornadoBody

__all__ = ["LonaHandlers", "TornadoAdapter", "TornadoTransport", "lona_handlers"]

logger = logging.getLogger("lona.tornado")

_FILE_CHUNK = 64 * 1024
# Tornado's own cap on streamed bodies; the core enforces the real limits
# (MAX_HTTP_BODY_SIZE, a bucket's max_size) while it reads
_STREAMED_BODY_CAP = 2**40
INVALID_DATA = 1007  # the websocket close code for a text frame that is no UTF-8
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

    def __init__(
        self,
        server: Server,
        get_user: GetUser | None,
        embedded: bool,
        layout: HostLayout | None = None,
    ) -> None:
        self.server = server
        self.get_user = get_user
        self.embedded = embedded
        self.layout = layout
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
        await self.reply(handler, request)

    async def reply(self, handler: RequestHandler, request: HttpRequest) -> None:
        """The core's answer to a request whose body is in, in the host's layout."""
        await set_host_layout(self.server, self.layout, request, handler)
        await _write_response(handler, await self.server.handle_http(request))


def _refuse_static_clash(application: Application, server: Server) -> None:
    if not application.settings.get("static_path"):
        return
    tornado_prefix: str = application.settings.get("static_url_prefix", "/static/")
    lona_prefix = server.static_url()
    if lona_prefix.startswith(tornado_prefix):
        raise RuntimeError(_STATIC_CLASH.format(tornado=tornado_prefix, lona=lona_prefix))


async def _write_response(handler: RequestHandler, response: HttpResponse) -> None:
    if handler._finished:
        return  # a pass-through view answered through the handler itself
    if response.native is not None:
        # Tornado has no response objects: a pass-through view answers through
        # the handler it got as its request, and returns it
        if response.native is handler:
            handler.finish()
            return
        logger.error("a pass-through view returned %r, not its handler", response.native)
        response = HttpResponse.text("500 Internal Server Error", 500)
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


async def _called(method: Callable[..., Any], *args: Any) -> Any:
    return method(*args)


def _off_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return True
    return False


@stream_request_body
class LonaHttpHandler(RequestHandler):
    """Every HTTP request under the prefix goes to the core, its body streamed.

    For a request with a body, the core starts answering as soon as the
    headers are in (``prepare``), reading the body from ``self.body`` as it
    needs it.  The answer is written once the body is in, or at once when the
    core answered without reading all of it (Tornado then closes the
    connection after the answer).  Requests without a body (most) are simply
    answered by the method.
    """

    def initialize(self, mount: _Mount) -> None:
        self.mount = mount
        self.body = TornadoBody()
        self.core_request: HttpRequest | None = None
        self.answer: asyncio.Future[HttpResponse] | None = None  # started while the body streams
        self.responder: asyncio.Future[None] | None = None

    def compute_etag(self) -> str | None:
        return None  # the core sets its own validators; Tornado's would differ per adapter

    def check_xsrf_cookie(self) -> None:
        pass  # Lona's URLs are the core's business, alike on every adapter

    async def prepare(self) -> None:
        await self.mount.ensure_started(self.application)
        request = await self.mount.core_request(self, b"")
        request.body_reader = self.body

        async def read_native_body() -> None:
            await self._read_native_body(request)

        request.prepare_native = read_native_body
        self.core_request = request
        if not announces_body(request):
            return  # no body to stream (most requests): answered by the method
        connection = self.request.connection
        if isinstance(connection, HTTP1Connection):
            connection.set_max_body_size(_STREAMED_BODY_CAP)
        self.answer = asyncio.ensure_future(self.mount.server.handle_http(request))
        self.answer.add_done_callback(self._answered)

    def data_received(self, chunk: bytes) -> Awaitable[Any] | None:
        return self.body.feed(chunk)

    def on_connection_close(self) -> None:
        self.body.fail()
        super().on_connection_close()

    def _answered(self, answer: asyncio.Future[HttpResponse]) -> None:
        self.body.drop()  # nobody reads the rest
        if self.body.ended or answer.cancelled() or answer.exception() is not None:
            return  # answered by the method (an exception there is Tornado's to answer)
        if self.responder is None:
            self.responder = asyncio.ensure_future(_write_response(self, answer.result()))

    async def get(self, *args: str) -> None:
        """The body is in (Tornado calls the method then): answer."""
        self.body.end()
        if self.answer is None:
            assert self.core_request is not None
            await self.mount.reply(self, self.core_request)
            return
        response = await self.answer
        if self.responder is None:
            self.responder = asyncio.ensure_future(_write_response(self, response))
        await self.responder

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
        if _off_loop():
            return self._on_loop(super().flush, include_footers)
        return super().flush(include_footers)

    def finish(self, chunk: str | bytes | dict[str, Any] | None = None) -> asyncio.Future[None]:
        if _off_loop():
            return self._on_loop(super().finish, chunk)
        return super().finish(chunk)

    def _on_loop(self, method: Callable[..., Any], *args: Any) -> asyncio.Future[None]:
        future: asyncio.Future[None] = asyncio.run_coroutine_threadsafe(
            _called(method, *args), self.mount.server.loop
        ).result()
        return future


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
        # Tornado closes larger messages with 1009, as every adapter must;
        # 0 means unlimited in the settings, so give Tornado no limit then
        limit: int = self.mount.server.settings.MAX_MESSAGE_SIZE
        return limit or 2**62

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
    """The handler rules ``lona_handlers`` returns, with the server's lifecycle.

    The core starts on the IOLoop with the first request it gets, or when
    ``await start()`` is called; ``await stop()`` stops every view
    (``ServerStop``) and closes every socket with 1001.  Both run on the
    IOLoop; both may be called more than once.
    """

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
    """Handler rules serving ``lona_app`` under ``prefix`` in an existing application.

    Put them after the application's own handlers (Tornado takes the first
    rule that matches; with an empty prefix Lona's rule matches every path).
    ``base_handler``: the application's own ``RequestHandler`` base class;
    Lona's handlers are built on it, so ``handler.current_user`` is what its
    ``get_current_user`` says, and ``request.user`` in a view is that user
    (``get_user`` defaults to ``handler.current_user`` then).
    ``get_user(handler)`` (sync or async) gets the ``RequestHandler`` of each
    page load and websocket handshake and returns the host's user, e.g. from
    ``handler.get_signed_cookie("user")``; without either, users are
    anonymous per session cookie.  ``layout(handler)`` renders the host's own
    page around a live view (``handler.render_string("live.html",
    lona=LAYOUT)`` with the marks of ``lona.layout.LAYOUT``).  Tornado's XSRF
    check is off on Lona's URLs (see above).

    Keep the returned object: ``await handlers.stop()`` on shutdown stops the
    views (``ServerStop``); the core starts by itself with the first request.
    """
    server: Server = lona_app.create_server(url_prefix=mount_prefix(prefix))
    if get_user is None and base_handler is not None:
        get_user = _current_user
    mount = _Mount(server, get_user, embedded=True, layout=layout)
    return LonaHandlers(mount, base_handler)


def _current_user(handler: RequestHandler) -> Any:
    return handler.current_user


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
        http_server = HTTPServer(
            application,
            max_body_size=http_body_limit(server),
            max_header_size=HEAD_LIMIT,
            # Tornado's time for a request head, from the connection's start
            # or the last answer; a slower one closes the connection
            idle_connection_timeout=header_timeout(server),
        )
        http_server.listen(port, host)
        try:
            await server.wait_for_stop_request()
        finally:
            http_server.stop()
            await server.stop()
            await http_server.close_all_connections()
