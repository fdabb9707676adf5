"""One line per request of a standalone server (``app.run()``), on ``lona.access``.

An embedded server leaves access logging to its host application, which
logs its own requests already.  ``ACCESS_LOG = False`` turns it off;
``--loggers _lona.access`` hides it.  A line reads::

    127.0.0.1 "GET /counter?x=1" 200 2143 3.1ms

(the path is cut at 200 characters, the size is the body's, ``-`` for a
file or a pass-through view's own response).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from lona.http import HttpRequest, HttpResponse
    from lona.settings import Settings

__all__ = ["AccessLogHost", "access_logged", "log_access", "log_websocket"]

logger = logging.getLogger("lona.access")
MAX_PATH = 200


class AccessLogHost(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def standalone(self) -> bool:
        """Served by ``app.run()``, which logs every request."""


def access_logged(server: AccessLogHost) -> bool:
    return bool(server.standalone and server.settings.get("ACCESS_LOG", True))


def _target(request: HttpRequest) -> str:
    target = request.path + (f"?{request.query_string}" if request.query_string else "")
    if len(target) > MAX_PATH:
        target = target[:MAX_PATH] + "…"
    # what a client sent is logged, never obeyed: no line breaks into the log
    return target.encode("unicode_escape").decode("ascii")


def _status(response: HttpResponse) -> Any:
    if response.native is not None:
        native = response.native
        return getattr(native, "status", None) or getattr(native, "status_code", None) or "-"
    return response.status


def log_access(
    server: AccessLogHost, request: HttpRequest, response: HttpResponse, started: float
) -> None:
    """Log one answered request; ``started`` is its ``time.monotonic()``."""
    if not access_logged(server):
        return
    size = "-" if response.file_path or response.native is not None else len(response.body)
    logger.info(
        '%s "%s %s" %s %s %.1fms',
        request.remote or "-",
        request.method,
        _target(request),
        _status(response),
        size,
        (time.monotonic() - started) * 1000,
    )


def log_websocket(server: AccessLogHost, request: HttpRequest) -> None:
    if not access_logged(server):
        return
    logger.info('%s "%s %s" 101 websocket', request.remote or "-", request.method, _target(request))
