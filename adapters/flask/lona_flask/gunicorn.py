"""gunicorn server hooks: one signing key for all workers; stop live views
cleanly when a worker stops.

Importing this module in ``gunicorn.conf.py`` (gunicorn reads the config in
its master process, before it forks the workers) draws one random key that
every worker inherits (``lona.adapter.workers``).

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

import functools
import logging
from typing import Any

import flask

from lona.adapter.workers import share_secret_key, stop_first_on_sigterm
from lona_flask import shutdown

__all__ = ["post_worker_init", "worker_int"]

logger = logging.getLogger("lona.flask")

share_secret_key()  # in the master, before the workers fork


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
    stop_first_on_sigterm(functools.partial(shutdown, flask_app))


def worker_int(worker: Any) -> None:
    """SIGINT/SIGQUIT: gunicorn exits right after this hook, so stop Lona now."""
    flask_app = _flask_app(worker)
    if flask_app is not None:
        shutdown(flask_app)
