"""gunicorn server hooks: one signing key for all workers; stop live views
cleanly when a worker stops.

Importing this module in ``gunicorn.conf.py`` (gunicorn reads the config in
its master process, before it forks the workers) draws one random key into
``LONA_SECRET_KEY``, which every worker inherits: a page one worker served is
accepted by the others, with no setting (``lona.security.trust``; an explicit
``SECRET_KEY``, or a ``LONA_SECRET_KEY`` already set, wins).

A gunicorn worker that gets SIGTERM stops accepting and then waits up to
``graceful_timeout`` for its open requests, and every open websocket is one.
These hooks stop the Lona apps of the worker's Flask application first, so
views get ``on_stop(ServerStop)``, sockets close with 1001 at once and the
worker exits in well under a second.  In ``gunicorn.conf.py``::

    from lona_flask.gunicorn import post_worker_init, worker_int  # noqa: F401

The WSGI application gunicorn loads must be the Flask application itself
(``module:app``); with middleware around it, call ``lona_flask.shutdown(app)``
from your own hooks instead.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import threading
from typing import Any

import flask

from lona.adapter import SECRET_KEY_VARIABLE
from lona_flask import shutdown

__all__ = ["post_worker_init", "worker_int"]

logger = logging.getLogger("lona.flask")

# in the master, before the workers fork: they all inherit this one key
os.environ.setdefault(SECRET_KEY_VARIABLE, secrets.token_urlsafe(32))


def _flask_app(worker: Any) -> flask.Flask | None:
    application = getattr(worker, "wsgi", None)
    if isinstance(application, flask.Flask):
        return application
    logger.warning("gunicorn serves %r, not a Flask app: stop Lona yourself", application)
    return None


def post_worker_init(worker: Any) -> None:
    """Chain the worker's SIGTERM handler: stop Lona, then gunicorn's graceful stop."""
    flask_app = _flask_app(worker)
    if flask_app is None:
        return
    previous = signal.getsignal(signal.SIGTERM)

    def on_sigterm(signum: int, frame: Any) -> None:
        # a signal handler must not block: the stop (views' on_stop hooks,
        # close frames) runs in a thread while gunicorn's own handler returns
        threading.Thread(target=shutdown, args=(flask_app,), name="lona-stop").start()
        if callable(previous):
            previous(signum, frame)

    signal.signal(signal.SIGTERM, on_sigterm)


def worker_int(worker: Any) -> None:
    """SIGINT/SIGQUIT: gunicorn exits right after this hook, so stop Lona now."""
    flask_app = _flask_app(worker)
    if flask_app is not None:
        shutdown(flask_app)
