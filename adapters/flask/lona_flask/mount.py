"""One core server mounted in one Flask application: its routes and sockets.

A flask-sock socket blocks, so sends to it and reads of request bodies run in
threads of elastic pools (``lona.adapter.blocking``).
"""

from __future__ import annotations

import logging
import socket
from typing import Any

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
)
from lona.adapter.blocking import CLOSE_TIMEOUT, BlockingTransport, ThreadedBody, ThreadedMount

__all__ = ["FlaskTransport", "Mount"]

logger = logging.getLogger("lona.flask")

HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


class FlaskTransport(BlockingTransport):
    """One flask-sock socket, written by one thread of ``senders`` at a time."""

    def __init__(self, websocket: Any, senders: ElasticThreadPool) -> None:
        super().__init__(websocket, senders, (ConnectionClosed,), close_timeout=CLOSE_TIMEOUT)


class Mount(ThreadedMount):
    """One core server inside one Flask application."""

    framework = "Flask"

    def __init__(
        self, server: Server, get_user: GetUser | None, layout: HostLayout | None = None
    ) -> None:
        super().__init__(server, get_user, layout, name="lona-flask")

    # requests ###############################################################

    def core_request(self, with_body: bool = True) -> HttpRequest:
        request = flask.request
        native = request._get_current_object()  # type: ignore[attr-defined]
        body: ThreadedBody | None = None
        if with_body:
            # the raw stream: Flask's MAX_CONTENT_LENGTH is for Flask's own
            # parsing (pass-through views); the core checks its own limits
            stream = get_input_stream(request.environ, safe_fallback=True)
            body = ThreadedBody(stream.read, self.readers, gone=(ClientDisconnected,))
        return HttpRequest(
            method=request.method,
            path=request.path,
            query_string=request.query_string.decode("latin-1"),
            headers=Headers(request.headers.items()),
            scheme=request.scheme,
            host=request.host,
            remote=request.remote_addr or "",
            native=native,
            user=self.user_sync(native),
            body_reader=body,
        )

    def context_free(self, user: Any) -> Any:
        if isinstance(user, LocalProxy):
            # flask-login's current_user is bound to this request context; the
            # view reads it later, in other threads (and a proxy looks awaitable)
            return user._get_current_object()
        return user

    def http_view(self, tail: str = "") -> Any:
        if not self.ensure_started():
            return flask.Response("503 Service Unavailable: shutting down", 503)
        return _native_response(self.answer_sync(self.core_request()))

    def websocket_view(self, websocket: Any) -> None:
        # flask-sock's options are app-wide (SOCK_SERVER_OPTIONS): Lona's limit
        # is set on its own sockets, before the first frame is far along
        websocket.max_message_size = self.server.settings.MAX_MESSAGE_SIZE or None
        # small frames follow each other (VIEW_START, TREE): with Nagle's
        # algorithm the second waits for the first one's (delayed) ACK, 40 ms
        websocket.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if not self.ensure_started():
            websocket.close(CloseCode.GOING_AWAY, "server shutdown")
            return
        transport = FlaskTransport(websocket, self.senders)
        connection = self.server.open_websocket(self.core_request(with_body=False), transport)
        transport.carry(connection, reader=getattr(websocket, "thread", None))

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
