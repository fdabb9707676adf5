"""Middlewares: classes with hooks around connections, requests and views.

Listed in ``settings.MIDDLEWARES`` (classes or import strings) or added
with ``@app.middleware``, instantiated once per server.  Hooks, all optional:

* ``async on_startup(data)`` / ``async on_shutdown(data)``;
* ``handle_http_request(data)``: every HTTP request, before routing;
* ``handle_connection(data)``: every new connection (HTTP request or websocket);
* ``handle_websocket_message(data)``: every custom websocket message;
* ``handle_request(data)``: every view request, before ``handle_request``;
* ``on_view_stop(data)`` / ``on_view_cleanup(data)``: before the view's own hooks.

The chain works like input events: a hook returning ``data`` passes it on,
``None`` means handled, anything else is handled with that value (a
response, or for a refused websocket a string sent before it closes).
Sync hooks run in the thread pool, coroutine hooks on the core loop: decided
once per hook, when the middleware is registered (``lona.concurrency.calling``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from lona.concurrency.calling import (
    LoopPlace,
    Place,
    ThreadPlace,
    decide,
    inline,
    run_chain,
    run_here,
)
from lona.view import ViewServer

if TYPE_CHECKING:
    from lona.concurrency.loop import CoreLoop
    from lona.concurrency.threads import ElasticThreadPool
    from lona.settings import Settings

__all__ = ["HOOKS", "MiddlewareController", "MiddlewareData", "MiddlewareHost", "Outcome"]

logger = logging.getLogger("lona.middlewares")

HOOKS = (
    "on_startup",
    "on_shutdown",
    "handle_http_request",
    "handle_connection",
    "handle_websocket_message",
    "handle_request",
    "on_view_stop",
    "on_view_cleanup",
)


class _App(Protocol):
    @property
    def middlewares(self) -> Sequence[Any]: ...


class MiddlewareHost(ViewServer, Protocol):
    """The server, as middlewares and their controller use it (``data.server``)."""

    @property
    def settings(self) -> Settings: ...

    @property
    def app(self) -> _App: ...

    @property
    def buckets(self) -> Any: ...  # a middleware of the server's own (its buckets)

    @property
    def core_loop(self) -> CoreLoop: ...

    @property
    def executor(self) -> ElasticThreadPool: ...


class MiddlewareData:
    """What a hook gets; only the fields that make sense for the hook are set."""

    def __init__(self, server: MiddlewareHost, **fields: Any) -> None:
        self.server = server
        self.http_request: Any = fields.get("http_request")
        self.connection: Any = fields.get("connection")
        self.message: Any = fields.get("message")
        self.request: Any = fields.get("request")
        self.view: Any = fields.get("view")
        self.reason: Any = fields.get("reason")

    def __repr__(self) -> str:
        return f"<MiddlewareData {', '.join(k for k, v in vars(self).items() if v is not None)}>"


@dataclass
class Outcome:
    """Whether a chain was handled, and with what."""

    handled: bool
    value: Any = None


PASSED = Outcome(False)


class MiddlewareController:
    def __init__(self, server: MiddlewareHost) -> None:
        self.server = server
        entries = [
            server.buckets,  # closes a view's buckets, like Lona's core buckets middleware
            *server.settings.CORE_MIDDLEWARES,
            *server.settings.MIDDLEWARES,
            *server.app.middlewares,
        ]
        self.middlewares = [self._instantiate(entry) for entry in entries]
        self._hooks = {
            name: [
                decide(getattr(m, name))
                for m in self.middlewares
                if callable(getattr(m, name, None))
            ]
            for name in HOOKS
        }

    def _instantiate(self, entry: Any) -> Any:
        if isinstance(entry, str):
            entry = self.server.acquire(entry)
        return entry() if isinstance(entry, type) else entry

    def has(self, hook: str) -> bool:
        return bool(self._hooks[hook])

    def data(self, **fields: Any) -> MiddlewareData:
        return MiddlewareData(self.server, **fields)

    def run_sync(self, hook: str, **fields: Any) -> Outcome:
        """Run a chain from a pool thread; coroutine hooks hop to the loop."""
        return run_here(self.run(ThreadPlace(self.server.core_loop), hook, **fields))

    async def run_async(self, hook: str, **fields: Any) -> Outcome:
        """Run a chain from the core loop; sync hooks run in the pool (one trip
        when all of them are sync)."""
        place = LoopPlace(self.server.core_loop, self.server.executor)
        return await self.run(place, hook, **fields)

    async def run(self, place: Place, hook: str, **fields: Any) -> Outcome:
        """Run a chain from ``place``: each hook where it was decided to run."""
        calls = self._hooks[hook]
        if not calls:
            return PASSED
        data = self.data(**fields)
        passed, result = await run_chain(place, calls, data, lambda value: value is data)
        return PASSED if passed else Outcome(True, result)

    async def run_lifecycle(self, hook: str) -> None:
        """on_startup / on_shutdown: every middleware, errors logged, never stopping others."""
        place = LoopPlace(self.server.core_loop, self.server.executor)
        for call in self._hooks[hook]:
            try:
                # on the loop even when sync, as they always ran: at startup and
                # shutdown nothing else waits for the loop
                await place.call(inline(call.function), self.data())
            except Exception:
                logger.exception("middleware %s crashed", call.name)
