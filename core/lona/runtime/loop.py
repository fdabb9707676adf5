"""The core's event loop: shared with an asyncio server, or run in its own thread.

aiohttp and Tornado already run an asyncio loop; the core shares it, so
websocket writes happen on the right loop without any hop.  Flask has no loop;
there the core runs one in a background thread it starts and stops itself.
Everything else in the core only asks ``CoreLoop`` to run something "on the
loop" and never learns which case it is in.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

__all__ = ["CoreLoop"]

T = TypeVar("T")


class CoreLoop:
    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread_id: int | None = None
        self._own_thread: threading.Thread | None = None

    # starting and stopping ##################################################

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Use the loop the server runs (called on that loop's thread)."""
        self.loop = loop
        self.thread_id = threading.get_ident()

    def start_thread(self, name: str = "lona-loop") -> None:
        """Run a private loop in a daemon thread (for servers without a loop)."""
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            self.attach(loop)
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.close()

        self._own_thread = threading.Thread(target=run, name=name, daemon=True)
        self._own_thread.start()
        ready.wait()

    def stop_thread(self, timeout: float = 5.0) -> None:
        if self._own_thread is None or self.loop is None:
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._own_thread.join(timeout)
        self._own_thread = None

    # running things #########################################################

    @property
    def running(self) -> bool:
        return self.loop is not None and not self.loop.is_closed()

    def in_loop(self) -> bool:
        return threading.get_ident() == self.thread_id

    def _require(self) -> asyncio.AbstractEventLoop:
        if self.loop is None:
            raise RuntimeError("the server is not running")
        return self.loop

    def call_soon(self, callback: Callable[..., Any], *args: Any) -> None:
        """Run ``callback`` on the loop, from any thread, in call order."""
        loop = self._require()
        if self.in_loop():
            loop.call_soon(callback, *args)
            return
        try:
            loop.call_soon_threadsafe(callback, *args)
        except RuntimeError:
            # the loop has stopped with its server: an adapter thread that
            # still reports a late frame or a closed socket has nothing to do
            if not loop.is_closed():
                raise

    def spawn(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        """Start a coroutine on the loop from any thread; returns a thread-safe future."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._require())

    def run_sync(self, coroutine: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        """Run a coroutine on the loop and block this (non-loop) thread for its result."""
        if self.in_loop():
            coroutine.close()
            raise RuntimeError("run_sync() would block the event loop it waits for")
        return self.spawn(coroutine).result(timeout)
