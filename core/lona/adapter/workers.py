"""Pre-forking servers (gunicorn): one signing key for all workers, and a
worker's live views stopped before its own graceful stop.

``share_secret_key()`` in the master process, before the workers fork, draws
one random key into ``LONA_SECRET_KEY``, which every worker inherits: a page
one worker served is accepted by the others, with no setting
(``lona.security.trust``; an explicit ``SECRET_KEY``, or a ``LONA_SECRET_KEY``
already set, wins).  ``stop_first_on_sigterm(stop)`` in a worker chains its
SIGTERM handler: ``stop`` runs, then the server's own handler.
"""

from __future__ import annotations

import os
import secrets
import signal
import threading
from collections.abc import Callable
from typing import Any

from lona.security.trust import ENVIRONMENT_VARIABLE as SECRET_KEY_VARIABLE

__all__ = ["share_secret_key", "stop_first_on_sigterm"]


def share_secret_key() -> None:
    """One random signing key for this process and the processes it forks."""
    os.environ.setdefault(SECRET_KEY_VARIABLE, secrets.token_urlsafe(32))


def stop_first_on_sigterm(stop: Callable[[], None]) -> None:
    """On SIGTERM, start ``stop`` in a thread, then call the handler set before."""
    previous = signal.getsignal(signal.SIGTERM)

    def on_sigterm(signum: int, frame: Any) -> None:
        # a signal handler must not block: the stop (views' on_stop hooks,
        # close frames) runs in a thread while the server's own handler returns
        threading.Thread(target=stop, name="lona-stop").start()
        if callable(previous):
            previous(signum, frame)

    signal.signal(signal.SIGTERM, on_sigterm)
