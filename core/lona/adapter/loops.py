"""An adapter's code and the loop the core shares with it: calls that hop
onto the loop from other threads, and serving until a stop is requested."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from lona.adapter.contract import Server

__all__ = ["call_on_loop", "off_loop", "serve_until_stop_requested"]

T = TypeVar("T")


def off_loop() -> bool:
    """Whether the calling thread runs no event loop (a pool thread, say)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return True
    return False


async def _called(method: Callable[..., T], *args: Any) -> T:
    return method(*args)


def call_on_loop(loop: asyncio.AbstractEventLoop, method: Callable[..., T], *args: Any) -> T:
    """``method(*args)`` called on ``loop`` from another thread; its result.

    For a library whose I/O calls must run on its loop (Tornado's ``finish``)
    when sync view code, which runs in a pool thread, makes them."""
    return asyncio.run_coroutine_threadsafe(_called(method, *args), loop).result()


async def serve_until_stop_requested(
    server: Server,
    stop_accepting: Callable[[], Awaitable[None] | None],
    release: Callable[[], Awaitable[None] | None],
) -> None:
    """Wait for a stop request, then shut down in the order every adapter
    keeps: stop accepting, stop the core (views get ``ServerStop``, sockets
    close with 1001), release the port and the connections."""
    try:
        await server.wait_for_stop_request()
    finally:
        await _done(stop_accepting())
        await server.stop()
        await _done(release())


async def _done(result: Awaitable[None] | None) -> None:
    if inspect.isawaitable(result):
        await result
