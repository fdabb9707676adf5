"""A request to stop the server, from any thread, signal handlers included.

Adapters wait for it in ``Adapter.serve`` (``server.stop_requested``, a
``threading.Event``, or ``await server.wait_for_stop_request()`` on the
core loop), then stop the server.
"""

from __future__ import annotations

import asyncio
import threading

from lona.concurrency.loop import CoreLoop

__all__ = ["StopRequest"]


class StopRequest:
    def __init__(self, core_loop: CoreLoop) -> None:
        self.event = threading.Event()
        self._core_loop = core_loop
        self._async_event: asyncio.Event | None = None

    def attach(self) -> None:
        """On the core loop, when the server starts (a request may precede it)."""
        self._async_event = asyncio.Event()
        if self.event.is_set():
            self._async_event.set()

    def request(self) -> None:
        self.event.set()
        loop = self._core_loop.loop
        if self._async_event is not None and self._core_loop.running and loop is not None:
            # threadsafe even on the loop thread: a signal handler runs between
            # two bytecodes of the loop, and only the self-pipe wakes its select()
            try:
                loop.call_soon_threadsafe(self._async_event.set)
            except RuntimeError:
                pass

    async def wait(self) -> None:
        assert self._async_event is not None, "the server has not started"
        await self._async_event.wait()
