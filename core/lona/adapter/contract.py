"""The contract between the core and an adapter, as types.

``Server`` is what an adapter may call on the core (``lona.server.Server``
satisfies it); ``Connection`` is what ``Server.open_websocket`` gives back;
``Transport`` is the one open websocket an adapter provides; ``Adapter`` runs
a standalone server.  Like ReactPy's backend types, these are
``typing.Protocol``s: mypy checks an adapter against them, and the adapter
never depends on the core's concrete classes.
"""

from __future__ import annotations

import asyncio
import threading
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar, Protocol

from lona.http import HttpRequest, HttpResponse
from lona.ws.transport import Transport  # the websocket side defines what it writes to

if TYPE_CHECKING:
    from lona.settings import Settings

__all__ = ["Adapter", "Connection", "Server", "Transport", "deliver"]


class Connection(Protocol):
    """The core's side of one websocket; each call may come from any thread."""

    def receive(self, text: str) -> None:
        """One text frame arrived."""

    def receive_bytes(self, data: bytes) -> None:
        """A binary frame arrived (the core refuses it and closes with 1003)."""

    def closed(self) -> None:
        """The socket is gone, however it ended; called exactly once."""


def deliver(connection: Connection, message: str | bytes) -> None:
    """Hand one frame a websocket library read to the core: text or binary."""
    if isinstance(message, str):
        connection.receive(message)
    else:
        connection.receive_bytes(bytes(message))


class Server(Protocol):
    """What an adapter calls on the core: one running app (docs/adapters.md)."""

    @property
    def settings(self) -> Settings: ...

    @property
    def url_prefix(self) -> str:
        """``""`` or the embedding's prefix, e.g. ``"/live"``."""

    @property
    def websocket_path(self) -> str:
        """``<prefix>/_lona/ws``: the one URL whose handshakes go to ``open_websocket``."""

    @property
    def stop_requested(self) -> threading.Event:
        """Set once a stop was requested (``request_stop``)."""

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """The core's running loop."""

    def static_url(self, path: str = "") -> str:
        """The URL of a static file (``""``: the static root)."""

    async def start(self) -> None:
        """Start on the running loop, which the core then shares."""

    def start_in_thread(self) -> None:
        """Start with a loop of the core's own in a thread (servers without a loop)."""

    async def handle_http(self, request: HttpRequest) -> HttpResponse:
        """The answer to a request, on the core's loop."""

    def handle_http_sync(self, request: HttpRequest) -> HttpResponse:
        """The same from any other thread, blocking; a pass-through view runs in it."""

    def open_websocket(self, request: HttpRequest, transport: Transport) -> Connection:
        """Register an accepted websocket (from any thread)."""

    def request_stop(self) -> None:
        """Ask ``Adapter.serve`` to shut down (any thread, signal handlers too)."""

    async def wait_for_stop_request(self) -> None:
        """Wait on the core's loop until a stop is requested."""

    async def stop(self) -> None:
        """Stop all views (``ServerStop``) and close all sockets with 1001."""

    def stop_in_thread(self) -> None:
        """``stop`` from another thread, blocking."""


class Adapter(ABC):
    """A web framework plugged into the core, registered under ``lona.adapters``."""

    name: ClassVar[str] = ""

    @abstractmethod
    def serve(self, server: Server, host: str, port: int) -> None:
        """Serve ``server`` on host:port; block until ``server.stop_requested``
        is set (by a signal or a call to ``server.request_stop()``), then shut
        down gracefully: stop accepting, ``server.stop()``, release the port."""
