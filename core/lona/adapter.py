"""The contract between the core and a web framework adapter.

An adapter provides exactly two things:

* ``Transport``: one open websocket.  The core calls ``send`` and ``close``,
  always on the core's event loop, one call at a time per websocket (the core
  keeps its own queue per connection).
* ``Adapter``: ``serve(server, host, port)`` runs a standalone server until
  ``server`` asks to stop.

and uses four entry points of ``lona.server.Server``:

* ``await server.start()`` on a running asyncio loop, or ``server.start_in_thread()``;
* ``await server.handle_http(request)`` / ``server.handle_http_sync(request)``;
* ``server.open_websocket(request, transport)`` -> a connection whose
  ``receive(text)`` and ``closed()`` may be called from any thread;
* ``await server.stop()`` / ``server.stop_in_thread()``.

``docs/adapters.md`` walks through writing one.
"""

from __future__ import annotations

import importlib
import inspect
from abc import ABC, abstractmethod
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from lona.server import Server

__all__ = [
    "HEAD_LIMIT",
    "Adapter",
    "AdapterNotFound",
    "GetUser",
    "Transport",
    "available_adapters",
    "header_timeout",
    "http_body_limit",
    "load_adapter",
    "mount_prefix",
    "user_of",
]

ENTRY_POINT_GROUP = "lona.adapters"


class Transport(ABC):
    """One open websocket of an adapter; the core writes to it on its loop."""

    @abstractmethod
    async def send(self, text: str) -> None:
        """Send one text frame.  May wait while a slow client drains its buffer."""

    @abstractmethod
    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Close the websocket with this close code; must not raise if already closed."""


class Adapter(ABC):
    """A web framework plugged into the core, registered under ``lona.adapters``."""

    name: ClassVar[str] = ""

    @abstractmethod
    def serve(self, server: Server, host: str, port: int) -> None:
        """Serve ``server`` on host:port; block until ``server.stop_requested``
        is set (by a signal or a call to ``server.request_stop()``), then shut
        down gracefully: stop accepting, ``server.stop()``, release the port."""


class AdapterNotFound(LookupError):
    pass


def available_adapters() -> dict[str, str]:
    """Registered adapter names and the objects they point to."""
    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def load_adapter(name: str) -> Adapter:
    """An adapter by entry point name (``aiohttp``) or import path (``pkg.mod:Class``)."""
    if ":" in name:
        module_name, _, attribute = name.partition(":")
        target = getattr(importlib.import_module(module_name), attribute)
    else:
        matches = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == name]
        if not matches:
            known = ", ".join(sorted(available_adapters())) or "none"
            raise AdapterNotFound(f"no adapter named {name!r} is installed (installed: {known})")
        try:
            target = matches[0].load()
        except ImportError as error:
            raise AdapterNotFound(
                f"adapter {name!r} is registered but its framework is missing: {error}. "
                f"Install it with: pip install 'lona-live[{name}]'"
            ) from error
    adapter = target() if isinstance(target, type) else target
    if not isinstance(adapter, Adapter):
        raise AdapterNotFound(f"{name!r} is not a lona.adapter.Adapter")
    return adapter


# helpers every adapter needs, so that they all decide alike ##################

HEAD_LIMIT = 64 * 1024
"""What a server library should accept of a request line or a header line, so
that URLs and headers up to the core's limits (``MAX_URL_LENGTH``,
``MAX_HEADER_SIZE``) reach the core, which answers larger ones alike."""

GetUser = Callable[[Any], Any]
"""``get_user(native_request) -> user``: the host application's logged-in user."""


def mount_prefix(prefix: str) -> str:
    """Check an embedding's URL prefix: ``""`` or ``"/live"`` (a trailing ``/`` is dropped).

    A prefix the browser could not use as a path start is refused at once,
    instead of serving pages whose websocket URL never matches.
    """
    if not isinstance(prefix, str):
        raise TypeError(f"the URL prefix must be a string, got {prefix!r}")
    prefix = prefix.rstrip("/")
    if prefix and (not prefix.startswith("/") or any(c in prefix for c in "?#\\ ")):
        raise ValueError(f"the URL prefix must be empty or a path like '/live', got {prefix!r}")
    return prefix


def http_body_limit(server: Server) -> int:
    """The body limit for the framework's own body reading (pass-through views).

    The core reads every other body through ``HttpRequest.body_reader`` and
    checks the limits itself, so uploads to buckets are not cut at this size.
    """
    limit: int = server.settings.MAX_HTTP_BODY_SIZE
    return limit


def header_timeout(server: Server) -> float:
    """Seconds a standalone server gives a client to send a request's head
    (``HTTP_HEADER_TIMEOUT``; 0 means an hour), so slow clients can not hold
    connections open without end."""
    timeout = float(server.settings.HTTP_HEADER_TIMEOUT or 0)
    return timeout if timeout > 0 else 3600.0


async def user_of(get_user: GetUser | None, native: Any) -> Any:
    """``get_user(native)``, awaited when it returns an awaitable; None without it."""
    if get_user is None:
        return None
    user = get_user(native)
    if inspect.isawaitable(user):
        user = await user
    return user
