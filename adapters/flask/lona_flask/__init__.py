"""The Flask adapter: websockets through flask-sock.

Standalone: ``python app.py --adapter flask`` (Werkzeug's threaded server).
Embedded in an existing Flask application, as a Flask extension::

    from lona_flask import LonaFlask

    LonaFlask(lona_app, flask_app, url_prefix="/live", get_user=...)
    # or, with an application factory:
    lona = LonaFlask(lona_app)
    lona.init_app(flask_app, url_prefix="/live")

Flask has no event loop: the core runs its own in a thread, started by the
first request (``lona.adapter.blocking.ThreadedMount``).  Each open websocket
holds one request thread plus simple-websocket's reader thread; see
``docs/adapters.md`` for sizing.  Pass-through views run in the request's own
thread, in Flask's request context (docs/http.md).
"""

from __future__ import annotations

from typing import Any

import flask

from lona.adapter import GetUser, HostLayout, Server, mount_prefix, refuse_static_clash
from lona_flask.mount import FlaskTransport, Mount
from lona_flask.standalone import FlaskAdapter

__all__ = ["EXTENSION_KEY", "FlaskAdapter", "FlaskTransport", "LonaFlask", "shutdown"]

EXTENSION_KEY = "lona"


class _State:
    """What ``flask_app.extensions["lona"]`` holds: the mounts of that application."""

    def __init__(self) -> None:
        self.mounts: list[Mount] = []

    @property
    def servers(self) -> list[Server]:
        return [mount.server for mount in self.mounts]

    def shutdown(self) -> None:
        for mount in self.mounts:
            mount.shutdown()


def _refuse_static_clash(flask_app: flask.Flask, server: Server) -> None:
    flask_static = flask_app.static_url_path
    if flask_app.has_static_folder and flask_static is not None:
        hint = "give LonaFlask a url_prefix, or Flask a different static_url_path"
        refuse_static_clash(server, flask_static.rstrip("/") + "/", hint)


class LonaFlask:
    """The Flask extension.  It keeps no application: each ``init_app`` puts
    its state into ``flask_app.extensions["lona"]``, so one extension object
    serves any number of applications (application factories, tests)."""

    def __init__(
        self,
        lona_app: Any,
        flask_app: flask.Flask | None = None,
        url_prefix: str = "",
        get_user: GetUser | None = None,
        layout: HostLayout | None = None,
    ) -> None:
        self.lona_app = lona_app
        self.url_prefix = mount_prefix(url_prefix)
        self.get_user = get_user
        self.layout = layout
        if flask_app is not None:
            self.init_app(flask_app)

    def init_app(
        self,
        flask_app: flask.Flask,
        url_prefix: str | None = None,
        get_user: GetUser | None = None,
        layout: HostLayout | None = None,
    ) -> Server:
        """Serve the Lona app in ``flask_app`` under ``url_prefix``.

        ``get_user(request)`` runs in Flask's request context of each page
        load and websocket handshake and returns the host's user (with
        flask-login: ``current_user`` when it is authenticated, else None);
        without it users are anonymous per session cookie.  ``layout(request)``
        runs there too, for page loads of live views: it renders the host's
        own page around the view (``flask.render_template(..., lona=LAYOUT)``
        with the marks of ``lona.layout.LAYOUT``).
        """
        prefix = self.url_prefix if url_prefix is None else mount_prefix(url_prefix)
        server: Server = self.lona_app.create_server(url_prefix=prefix)
        _refuse_static_clash(flask_app, server)
        mount = Mount(
            server,
            get_user if get_user is not None else self.get_user,
            layout if layout is not None else self.layout,
        )
        flask_app.register_blueprint(mount.blueprint())
        state = flask_app.extensions.setdefault(EXTENSION_KEY, _State())
        state.mounts.append(mount)
        return server

    @staticmethod
    def servers(flask_app: flask.Flask | None = None) -> list[Server]:
        """The core servers mounted in ``flask_app`` (default: the current app)."""
        return _state(flask_app).servers

    @staticmethod
    def shutdown(flask_app: flask.Flask | None = None) -> None:
        shutdown(flask_app)


def _state(flask_app: flask.Flask | None) -> _State:
    app = flask_app if flask_app is not None else flask.current_app
    state = app.extensions.get(EXTENSION_KEY)
    if not isinstance(state, _State):
        raise LookupError("no Lona app is mounted in this Flask application (LonaFlask)")
    return state


def shutdown(flask_app: flask.Flask | None = None) -> None:
    """Stop every Lona app mounted in ``flask_app``: views get ``ServerStop``,
    sockets close with 1001.  Call it when the host shuts down (the gunicorn
    hooks in ``lona_flask.gunicorn`` do)."""
    _state(flask_app).shutdown()
