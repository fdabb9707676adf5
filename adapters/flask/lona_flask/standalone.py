"""``python app.py --adapter flask``: the Lona app alone on Werkzeug's threaded server.

The server loop runs in the main thread, where the core's signal handlers
run too: they only set ``server.stop_requested``, which a watcher thread
waits for before it tells the server loop to end.  (Waiting on the event in
the main thread instead could deadlock: a handler calling ``set()`` while
``wait()`` holds the event's lock.)

A connection gets its thread only once its request head is in, read within
``HTTP_HEADER_TIMEOUT`` by one thread for all (``lona_flask.header_gate``),
so slow clients can not hold a thread each.
"""

from __future__ import annotations

import io
import threading
from typing import Any

import flask
from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler

from lona.adapter import HEAD_LIMIT, Adapter, Server, header_timeout, http_body_limit
from lona_flask.header_gate import HeaderGate
from lona_flask.mount import Mount

__all__ = ["FlaskAdapter"]


class _QuietRequestHandler(WSGIRequestHandler):
    """No access log, like the other adapters: the core logs what matters.

    Writes are buffered until Werkzeug flushes, so a small answer leaves in one
    packet with its head, as on the other adapters: a client that closes its
    connection right after reading the head (Lona's own bucket test does) would
    otherwise lose the body still on its way.
    """

    def setup(self) -> None:
        super().setup()
        # every write still goes through the connection's sendall, where the
        # header gate sees the answer begin (socket.makefile would bypass it)
        self.wfile = io.BufferedWriter(_SendAll(self.connection))

    def make_environ(self) -> Any:
        # Werkzeug writes its interim "100 Continue" just before this call and
        # does not flush it: the client waits for it before sending the body
        self.wfile.flush()
        return super().make_environ()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class _SendAll(io.RawIOBase):
    """The raw side of the answer's buffer: a write is one ``sendall``.

    Once a send failed (the client is gone), the error has reached Werkzeug,
    which treats it as a dropped connection; later writes go nowhere, so that
    the buffer's flush on close does not raise the same error again.
    """

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._broken = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if not self._broken:
            try:
                self._connection.sendall(data)
            except OSError:
                self._broken = True
                raise
        return len(data)


class _GatedServer(ThreadedWSGIServer):
    """Werkzeug's threaded server, with request heads read before a thread starts."""

    def __init__(self, host: str, port: int, app: Any, header_timeout: float) -> None:
        super().__init__(host, port, app, _QuietRequestHandler)
        self.gate = HeaderGate(header_timeout, 2 * HEAD_LIMIT, self._start_thread)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.gate.admit(request, client_address)

    def _start_thread(self, request: Any, client_address: Any) -> None:
        super().process_request(request, client_address)

    def server_close(self) -> None:
        self.gate.close()
        super().server_close()


class FlaskAdapter(Adapter):
    name = "flask"

    def serve(self, server: Server, host: str, port: int) -> None:
        # no static folder: Lona serves its own static files under /static/
        flask_app = flask.Flask("lona", static_folder=None)
        flask_app.config["MAX_CONTENT_LENGTH"] = http_body_limit(server)
        mount = Mount(server, None)
        flask_app.register_blueprint(mount.blueprint())
        mount.ensure_started()
        http_server = _GatedServer(host, port, flask_app, header_timeout(server))

        def stop_when_requested() -> None:
            server.stop_requested.wait()
            http_server.shutdown()  # returns once serve_forever() stopped accepting

        watcher = threading.Thread(target=stop_when_requested, name="lona-flask-stop")
        watcher.start()
        try:
            http_server.serve_forever(poll_interval=0.1)
        finally:
            server.request_stop()  # also when serve_forever() failed
            watcher.join()
            mount.shutdown()
            http_server.server_close()
