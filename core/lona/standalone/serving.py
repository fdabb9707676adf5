"""What ``app.run()`` checks before it serves, and what it says when it starts.

A standalone server that can not start says why in one line and exits
non-zero (``ServeError``), instead of a framework's traceback after a
"serving on ..." line: the adapter is not there, or the port is taken.
"""

from __future__ import annotations

import errno
import logging
import socket
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lona.settings import Settings

__all__ = ["ServeError", "check_port", "is_loopback", "log_debug_mode"]

logger = logging.getLogger("lona")

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


class ServeError(SystemExit):
    """The server can not start; the message says why in one line (exit code 1)."""

    def __init__(self, message: str) -> None:
        super().__init__(f"lona: {message}")


def _addresses(host: str, port: int) -> list[tuple[int, tuple[Any, ...]]]:
    try:
        infos = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror as error:
        raise ServeError(f"can not serve on {host!r}: {error.strerror}") from None
    return [(int(family), tuple(address[:2])) for family, _, _, _, address in infos]


def check_port(host: str, port: int) -> None:
    """Refuse to start when ``host:port`` can not be bound (in use, not allowed).

    Binds the way the servers do (``SO_REUSEADDR``: a port that only has
    connections closing from a previous run is free), then lets go at once.
    """
    if not 0 <= port <= 65535:
        raise ServeError(f"the port must be 0 to 65535, not {port}")
    failures: list[OSError] = []
    addresses = _addresses(host, port)
    for family, address in addresses:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                probe.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    raise ServeError(
                        f"port {port} on {host} is in use (another server runs there?); "
                        "stop it or choose another port with --port"
                    ) from None
                if error.errno == errno.EACCES:
                    raise ServeError(
                        f"no permission to serve on port {port}: ports below 1024 need "
                        "privileges; choose another with --port"
                    ) from None
                failures.append(error)
    if failures and len(failures) == len(addresses):
        raise ServeError(f"can not serve on {host}:{port}: {failures[0].strerror}")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_NAMES or host.startswith("127.")


def log_debug_mode(settings: Settings, host: str) -> None:
    """Debug mode shows tracebacks to whoever loads a page: served beyond this
    machine, say so too (``Server.start`` logs that debug mode is on)."""
    if settings.get("DEBUG") and not is_loopback(host):
        logger.warning(
            "debug mode on %s: every machine that reaches this address sees tracebacks", host
        )
