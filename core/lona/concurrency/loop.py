"""The core's event loop: shared with an asyncio server, or run in its own thread.

aiohttp and Tornado already run an asyncio loop; the core shares it, so
websocket writes happen on the right loop without any hop.  Flask has no loop;
there the core runs one in a background thread it starts and stops itself.
Everything else in the core only asks ``CoreLoop`` to run something "on the
loop" and never learns which case it is in.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Generator
from concurrent.futures import Future
from typing import Any, TypeVar

__all__ = ["CoreLoop", "awaited", "finish_started", "is_async_callable", "start_eagerly"]

T = TypeVar("T")
Callback = tuple[Callable[..., Any], tuple[Any, ...]]


class CoreLoop:
    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread_id: int | None = None
        self._own_thread: threading.Thread | None = None
        # callbacks from other threads, run in one batch per wake-up of the loop
        self._from_threads: deque[Callback] = deque()
        self._from_threads_lock = threading.Lock()

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
        """Run ``callback`` on the loop, from any thread, in call order.

        From other threads the callbacks gather in one batch: only the first
        of a batch wakes the loop (a write to its self-pipe), so a worker that
        answers many clicks while the loop is busy costs one wake-up, not one
        per click.
        """
        loop = self._require()
        if self.in_loop():
            loop.call_soon(callback, *args)
            return
        with self._from_threads_lock:
            self._from_threads.append((callback, args))
            if len(self._from_threads) > 1:
                return  # the wake-up is on its way and will run this one too
        try:
            loop.call_soon_threadsafe(self._run_from_threads)
        except RuntimeError:
            # the loop has stopped with its server: an adapter thread that
            # still reports a late frame or a closed socket has nothing to do
            if not loop.is_closed():
                raise
            with self._from_threads_lock:
                self._from_threads.clear()

    def _run_from_threads(self) -> None:
        with self._from_threads_lock:
            batch, self._from_threads = self._from_threads, deque()
        for callback, args in batch:
            try:
                callback(*args)
            except Exception as error:  # as the loop itself would: log, and run the others
                self._require().call_exception_handler(
                    {"message": f"exception in callback {callback!r}", "exception": error}
                )

    def call_later(self, delay: float, callback: Callable[[], Any]) -> None:
        """Run ``callback`` on the loop after ``delay`` seconds (from any thread)."""
        loop = self._require()
        if self.in_loop():
            loop.call_later(delay, callback)
        else:
            self.call_soon(loop.call_later, delay, callback)

    def spawn(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        """Start a coroutine on the loop from any thread; returns a thread-safe future."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._require())

    def run_sync(self, coroutine: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        """Run a coroutine on the loop and block this (non-loop) thread for its result."""
        if self.in_loop():
            coroutine.close()
            raise RuntimeError("run_sync() would block the event loop it waits for")
        return self.spawn(coroutine).result(timeout)


# Driving a coroutine by hand ##################################################
#
# Python 3.11 has no eager tasks.  Sending a websocket frame is a coroutine
# that almost always completes without suspending (the bytes go into the
# socket buffer); a task per frame would cost more than the frame itself.
# ``start_eagerly`` runs it up to its first suspension; only if it suspends
# does ``finish_started`` (inside a task) drive it to its end.


class _Resume:
    """Hands what a coroutine yielded to the task running us, and back."""

    __slots__ = ("yielded",)

    def __init__(self, yielded: Any) -> None:
        self.yielded = yielded

    def __await__(self) -> Generator[Any, Any, Any]:
        return (yield self.yielded)


def start_eagerly(coroutine: Coroutine[Any, Any, Any]) -> tuple[bool, Any]:
    """Run ``coroutine`` on this thread until it suspends or ends.

    ``(True, result)`` when it ended, ``(False, yielded)`` when it suspended:
    then await ``finish_started(coroutine, yielded)`` in a task.  Exceptions
    propagate.
    """
    try:
        yielded = coroutine.send(None)
    except StopIteration as stop:
        return True, stop.value
    return False, yielded


async def finish_started(coroutine: Coroutine[Any, Any, T], yielded: Any) -> T:
    """Drive a coroutine that ``start_eagerly`` left suspended to its end."""
    while True:
        try:
            sent = await _Resume(yielded)
        except BaseException as error:  # cancellation included: it goes to the coroutine
            try:
                yielded = coroutine.throw(error)
            except StopIteration as stop:
                result: T = stop.value
                return result
        else:
            try:
                yielded = coroutine.send(sent)
            except StopIteration as stop:
                result = stop.value
                return result


async def awaited(awaitable: Awaitable[T]) -> T:
    """A coroutine of any awaitable (a Future, an object with ``__await__``),
    for ``run_sync`` and tasks, which take coroutines only."""
    return await awaitable


def is_async_callable(function: Any) -> bool:
    """A coroutine function, or a callable object whose ``__call__`` is one."""
    if inspect.iscoroutinefunction(function):
        return True
    if inspect.isfunction(function) or inspect.ismethod(function):
        return False
    return inspect.iscoroutinefunction(getattr(function, "__call__", None))  # noqa: B004
