"""``python app.py --adapter flask``: the Lona app alone on Werkzeug's threaded
server, whose connections get a thread once their request head is in
(``lona.adapter.threaded``), so slow clients can not hold a thread each.
"""

from __future__ import annotations

import io
from typing import Any

import flask
from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler

from lona.adapter import Adapter, Server, http_body_limit
from lona.adapter.threaded import GatedServerMixin, SendAll, serve_until_stopped
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
        self.wfile = io.BufferedWriter(SendAll(self.connection))

    def make_environ(self) -> Any:
        # Werkzeug writes its interim "100 Continue" just before this call and
        # does not flush it: the client waits for it before sending the body
        self.wfile.flush()
        return super().make_environ()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class _GatedServer(GatedServerMixin, ThreadedWSGIServer):
    """Werkzeug's threaded server, with request heads read before a thread starts."""


class FlaskAdapter(Adapter):
    name = "flask"

    def serve(self, server: Server, host: str, port: int) -> None:
        # no static folder: Lona serves its own static files under /static/
        flask_app = flask.Flask("lona", static_folder=None)
        flask_app.config["MAX_CONTENT_LENGTH"] = http_body_limit(server)
        mount = Mount(server, None)
        flask_app.register_blueprint(mount.blueprint())
        mount.ensure_started()
        http_server = _GatedServer(host, port, flask_app, _QuietRequestHandler)
        http_server.open_gate(server)
        serve_until_stopped(server, http_server, mount.shutdown)
