"""One core server mounted in one Flask application: its routes and sockets.

The core calls ``Transport.send`` on its loop; a flask-sock socket blocks
and is not safe to write from two threads, so each send runs in a thread of
an elastic pool (a slow client holds one thread, never the loop or other
clients) under the socket's own lock.  Request bodies are read the same way
(``FlaskBody``), when and as far as the core needs them.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import socket
import threading
import time
from typing import IO, Any

import flask
from flask_sock import Sock
from simple_websocket import ConnectionClosed
from werkzeug.exceptions import ClientDisconnected
from werkzeug.local import LocalProxy
from werkzeug.wsgi import get_input_stream, wrap_file

from lona.adapter import (
    CloseCode,
    ElasticThreadPool,
    GetUser,
    Headers,
    HostLayout,
    HttpRequest,
    HttpResponse,
    Server,
    Transport,
    set_host_layout_sync,
)

__all__ = ["FlaskBody", "FlaskTransport", "Mount"]

logger = logging.getLogger("lona.flask")

HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# how long a receiving thread waits before it looks whether its socket was
# closed by us: simple-websocket does not always wake a reader on close()
RECEIVE_POLL = 1.0
# how long a closed socket may wait for the client's close frame before the
# connection is cut, so a silent client can not keep its threads forever
CLOSE_TIMEOUT = 5.0
# how long a close waits for a send in progress; a send that takes longer
# writes to a client that reads nothing (the core gave up on it): the socket
# is cut instead, which ends the send and the reader
SEND_GIVE_UP = 1.0


class FlaskTransport(Transport):
    """One flask-sock socket; the core's sends run in ``senders``, one at a time."""

    def __init__(self, websocket: Any, senders: ElasticThreadPool) -> None:
        self.websocket = websocket
        self.senders = senders
        self._lock = threading.Lock()
        self._retired = False
        self.closed_by_server = False

    async def send(self, text: str) -> None:
        await asyncio.wrap_future(self.senders.submit(self._send, text))

    async def close(self, code: int = 1000, reason: str = "") -> None:
        await asyncio.wrap_future(self.senders.submit(self._close, code, reason))

    def retire(self) -> None:
        """The receiving side is done: later sends fail instead of racing flask-sock's close."""
        with self._lock:
            self._retired = True

    def _send(self, text: str) -> None:
        with self._lock:
            if self._retired:
                raise ConnectionClosed(CloseCode.GOING_AWAY, "socket retired")
            self.websocket.send(text)

    def _close(self, code: int, reason: str) -> None:
        if not self._lock.acquire(timeout=SEND_GIVE_UP):
            _cut(self.websocket.sock)
            return
        try:
            if self._retired or not self.websocket.connected:
                return
            self.closed_by_server = True
            try:
                self.websocket.close(code, reason)
            except (ConnectionClosed, OSError):
                pass
        finally:
            self._lock.release()


class FlaskBody:
    """The request body, unread until the core reads it; each read blocks, so
    it runs in a thread of an elastic pool, never on the core's loop."""

    def __init__(self, stream: IO[bytes], readers: ElasticThreadPool) -> None:
        self.stream = stream
        self.readers = readers

    async def read(self, size: int) -> bytes:
        return await asyncio.wrap_future(self.readers.submit(self._read, size))

    def _read(self, size: int) -> bytes:
        try:
            return self.stream.read(size)
        except ClientDisconnected as error:
            raise ConnectionResetError(str(error)) from error


def _wait_for_close_reply(websocket: Any, closed_by_server: bool) -> None:
    """Give a client that has not answered our close frame CLOSE_TIMEOUT, then
    cut the connection, so a silent client can not keep the reader thread."""
    reader: threading.Thread | None = getattr(websocket, "thread", None)
    if reader is None:
        return
    reader.join(CLOSE_TIMEOUT)
    if reader.is_alive():
        _cut(websocket.sock)
        return
    if closed_by_server:
        _drain(websocket.sock)


def _cut(sock: socket.socket) -> None:
    """End the connection under whatever blocks on it (a send, a read)."""
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _drain(sock: socket.socket) -> None:
    """After our close frame, read until the client's close reply (or its EOF).

    simple-websocket stops reading as soon as it sent its close frame.  If
    the connection closed before the client's reply arrived, the reply would
    hit a closed socket, the kernel would answer with a reset, and a reset
    makes the client's kernel discard our close frame if the browser had not
    read it yet (the browser then reports 1006 instead of our code).  A client
    sends its reply in a frame of its own, starting with 0x88 (FIN + close).
    """
    deadline = time.monotonic() + CLOSE_TIMEOUT
    try:
        while (remaining := deadline - time.monotonic()) > 0:
            sock.settimeout(remaining)
            chunk = sock.recv(65536)
            if not chunk or chunk[0] == 0x88:
                return
    except OSError:
        pass


class Mount:
    """One core server inside one Flask application."""

    def __init__(
        self, server: Server, get_user: GetUser | None, layout: HostLayout | None = None
    ) -> None:
        self.server = server
        self.get_user = get_user
        self.layout = layout
        self.senders = ElasticThreadPool(name="lona-flask-send", idle_timeout=10.0)
        self.readers = ElasticThreadPool(name="lona-flask-read", idle_timeout=10.0)
        self._lock = threading.Lock()
        self._started = False
        self._stopped = False

    # lifecycle ##############################################################

    def ensure_started(self) -> bool:
        """Start the core on first use; False once shut down."""
        with self._lock:
            if self._stopped:
                return False
            if not self._started:
                self.server.start_in_thread()
                self._started = True
            return True

    def shutdown(self) -> None:
        """Views get ServerStop, sockets close with 1001; safe to call twice."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            started = self._started
        if started:
            self.server.stop_in_thread()
        self.senders.shutdown()
        self.readers.shutdown()

    # requests ###############################################################

    def core_request(self, with_body: bool = True) -> HttpRequest:
        request = flask.request
        native = request._get_current_object()  # type: ignore[attr-defined]
        body = None
        if with_body:
            # the raw stream: Flask's MAX_CONTENT_LENGTH is for Flask's own
            # parsing (pass-through views); the core checks its own limits
            stream = get_input_stream(request.environ, safe_fallback=True)
            body = FlaskBody(stream, self.readers)
        return HttpRequest(
            method=request.method,
            path=request.path,
            query_string=request.query_string.decode("latin-1"),
            headers=Headers(request.headers.items()),
            scheme=request.scheme,
            host=request.host,
            remote=request.remote_addr or "",
            native=native,
            user=self.host_user(native),
            body_reader=body,
        )

    def host_user(self, native: flask.Request) -> Any:
        if self.get_user is None:
            return None
        user = self.get_user(native)
        if isinstance(user, LocalProxy):
            # flask-login's current_user is bound to this request context; the
            # view reads it later, in other threads (and a proxy looks awaitable)
            user = user._get_current_object()
        if inspect.isawaitable(user):
            if inspect.iscoroutine(user):
                user.close()  # never awaited: no warning on garbage collection
            raise TypeError(
                f"get_user={self.get_user!r} returned an awaitable; Flask's must be sync"
            )
        return user

    def http_view(self, tail: str = "") -> Any:
        if not self.ensure_started():
            return flask.Response("503 Service Unavailable: shutting down", 503)
        request = self.core_request()
        set_host_layout_sync(self.server, self.layout, request, request.native)
        return _native_response(self.server.handle_http_sync(request))

    def websocket_view(self, websocket: Any) -> None:
        # flask-sock's options are app-wide (SOCK_SERVER_OPTIONS, unlimited by
        # default); Lona's limit applies to its own sockets only.  Set at once,
        # before the first frame can be more than a few kilobytes along; the
        # core checks the size again in any case.
        websocket.max_message_size = self.server.settings.MAX_MESSAGE_SIZE or None
        # small frames follow each other (VIEW_START, TREE): with Nagle's
        # algorithm the second waits for the first one's (delayed) ACK, 40 ms
        websocket.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if not self.ensure_started():
            websocket.close(CloseCode.GOING_AWAY, "server shutdown")
            return
        transport = FlaskTransport(websocket, self.senders)
        connection = self.server.open_websocket(self.core_request(with_body=False), transport)
        try:
            while True:
                message = websocket.receive(timeout=RECEIVE_POLL)
                if message is None:
                    if not websocket.connected:  # closed by us while we waited
                        break
                    continue
                if isinstance(message, str):
                    connection.receive(message)
                else:
                    connection.receive_bytes(bytes(message))
        except ConnectionClosed:
            pass
        finally:
            transport.retire()
            connection.closed()
            _wait_for_close_reply(websocket, transport.closed_by_server)

    # routes #################################################################

    def blueprint(self) -> flask.Blueprint:
        prefix = self.server.url_prefix
        name = "lona" + prefix.replace("/", "_").replace(".", "_")
        blueprint = flask.Blueprint(name, __name__)
        rules = [prefix, f"{prefix}/", f"{prefix}/<path:tail>"] if prefix else ["/", "/<path:tail>"]
        for index, rule in enumerate(rules):
            blueprint.add_url_rule(rule, f"http{index}", self.http_view, methods=HTTP_METHODS)
            # Werkzeug gives websocket handshakes only to websocket rules: the
            # core answers one on a wrong URL, as it does on every adapter
            blueprint.add_url_rule(
                rule, f"upgrade{index}", self.http_view, methods=["GET"], websocket=True
            )

        def websocket(ws: Any) -> None:
            self.websocket_view(ws)

        Sock().route(self.server.websocket_path, bp=blueprint)(websocket)
        return blueprint


def _native_response(response: HttpResponse) -> Any:
    if response.native is not None:
        try:
            # whatever a Flask view may return: a response, a tuple, a dict ...
            return flask.current_app.make_response(response.native)
        except (TypeError, ValueError):
            logger.exception("a pass-through view or middleware returned no Flask response")
            return flask.Response("500 Internal Server Error", 500, mimetype="text/plain")
    if response.file_path is not None:
        file = open(response.file_path, "rb")  # noqa: SIM115 (closed by the WSGI server)
        return flask.Response(
            wrap_file(flask.request.environ, file),
            status=response.status,
            headers=response.headers,
            direct_passthrough=True,
        )
    native = flask.Response(response.body, status=response.status, headers=response.headers)
    length = response.header("Content-Length")
    if length is not None:
        # Werkzeug counts the body; a HEAD answer has none but tells the length
        native.headers["Content-Length"] = length
    return native
