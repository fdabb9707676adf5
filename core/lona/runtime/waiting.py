"""What a view waits on: input events, sleeps, coroutines, and its own stop.

A sync view waits in its own thread on a ``concurrent.futures.Future`` or a
``threading.Event``; an async view awaits an ``asyncio.Future`` on the core
loop and holds no thread.  Stopping a view fails every wait at once with the
stop reason (``UserAbort``, ``ServerStop``, or the crash).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lona.concurrency.loop import CoreLoop
    from lona.input_event import InputEvent

__all__ = ["Waiting"]


def _flatten_nodes(nodes: Iterable[Any]) -> tuple[Any, ...]:
    flat: list[Any] = []
    for node in nodes:
        if isinstance(node, (list, tuple)):
            flat.extend(node)
        else:
            flat.append(node)
    return tuple(flat)


class _Waiter:
    __slots__ = ("future", "kind", "loop", "nodes")

    def __init__(
        self, kind: str, nodes: tuple[Any, ...], future: Any, loop: asyncio.AbstractEventLoop | None
    ) -> None:
        self.kind = kind
        self.nodes = nodes
        self.future = future
        self.loop = loop

    def matches(self, event: InputEvent) -> bool:
        if self.kind != "event" and self.kind != event.name:
            return False
        if not self.nodes:
            return True
        # identity, not Node.__eq__: two equal-looking buttons are not the same button
        return any(node is event.node for node in self.nodes)

    def settle(self, result: Any = None, error: BaseException | None = None) -> None:
        future = self.future
        if self.loop is None:
            if not future.done():
                if error is not None:
                    future.set_exception(error)
                else:
                    future.set_result(result)
            return

        def settle_on_loop() -> None:
            if not future.done():
                if error is not None:
                    future.set_exception(error)
                else:
                    future.set_result(result)

        if self.loop.is_closed():
            return
        self.loop.call_soon_threadsafe(settle_on_loop)


class Waiting:
    __slots__ = ("_lock", "_stop_future", "_stopped", "_waiters", "core_loop", "stop_reason")

    def __init__(self, core_loop: CoreLoop) -> None:
        self.core_loop = core_loop
        self.stop_reason: BaseException | None = None
        self._stopped: threading.Event | None = None  # made by the first sync sleep
        self._stop_future: asyncio.Future[None] | None = None
        self._waiters: dict[str, _Waiter] = {}
        self._lock = threading.Lock()

    # stopping ###############################################################

    def stop(self, reason: BaseException) -> bool:
        """Fail all waits with ``reason``; False if already stopped."""
        with self._lock:
            if self.stop_reason is not None:
                return False
            self.stop_reason = reason
            waiters = list(self._waiters.values())
            self._waiters.clear()
            stopped = self._stopped
        if stopped is not None:
            stopped.set()
        for waiter in waiters:
            waiter.settle(error=reason)
        if self.core_loop.running:
            self.core_loop.call_soon(self._settle_stop_future)
        return True

    def _settle_stop_future(self) -> None:
        if self._stop_future is not None and not self._stop_future.done():
            self._stop_future.set_result(None)

    def _stop_event(self) -> threading.Event:
        """Set when the view stops; made on demand, as most views never sleep
        (an Event with its Condition costs about a kilobyte)."""
        with self._lock:
            if self._stopped is None:
                self._stopped = threading.Event()
                if self.stop_reason is not None:
                    self._stopped.set()
            return self._stopped

    def _stop_waiter(self) -> asyncio.Future[None]:
        if self._stop_future is None:
            self._stop_future = asyncio.get_running_loop().create_future()
            if self.stop_reason is not None:
                self._stop_future.set_result(None)
        return self._stop_future

    def raise_if_stopped(self) -> None:
        if self.stop_reason is not None:
            raise self.stop_reason

    # input events ###########################################################

    def wait_for_event(
        self, kind: str, nodes: Iterable[Any], before_wait: Callable[[], None] | None = None
    ) -> Any:
        """An InputEvent (sync caller) or an awaitable of one (on the loop).

        ``before_wait`` (showing the ``html=`` of ``await_click``) runs once
        the wait is registered, so an event caused by what it shows can not
        slip past the wait.
        """
        flat = _flatten_nodes(nodes)
        if self.core_loop.in_loop():
            return self._wait_async(kind, flat, before_wait)
        waiter = self._add_waiter(kind, flat, concurrent.futures.Future(), None)
        try:
            if before_wait is not None:
                before_wait()
            return waiter.future.result()
        finally:
            self._remove_waiter(waiter)

    async def _wait_async(
        self, kind: str, nodes: tuple[Any, ...], before_wait: Callable[[], None] | None
    ) -> Any:
        loop = asyncio.get_running_loop()
        waiter = self._add_waiter(kind, nodes, loop.create_future(), loop)
        try:
            if before_wait is not None:
                before_wait()
            return await waiter.future
        finally:
            self._remove_waiter(waiter)

    def _add_waiter(
        self, kind: str, nodes: tuple[Any, ...], future: Any, loop: asyncio.AbstractEventLoop | None
    ) -> _Waiter:
        with self._lock:
            if self.stop_reason is not None:
                raise self.stop_reason
            if kind in self._waiters:
                raise RuntimeError(f"already waiting for {kind!r} events")
            waiter = _Waiter(kind, nodes, future, loop)
            self._waiters[kind] = waiter
            return waiter

    def _remove_waiter(self, waiter: _Waiter) -> None:
        with self._lock:
            if self._waiters.get(waiter.kind) is waiter:
                del self._waiters[waiter.kind]

    @property
    def has_waiters(self) -> bool:
        return bool(self._waiters)

    def deliver(self, event: InputEvent) -> bool:
        """Hand ``event`` to a matching await (the specific kind first)."""
        with self._lock:
            for kind in (event.name, "event"):
                waiter = self._waiters.get(kind)
                if waiter is not None and waiter.matches(event):
                    del self._waiters[kind]
                    break
            else:
                return False
        waiter.settle(event)
        return True

    # sleeping and awaiting ##################################################

    def sleep(self, delay: float, result: Any = None) -> Any:
        if self.core_loop.in_loop():
            return self._sleep_async(delay, result)
        if self._stop_event().wait(max(0.0, delay)):
            assert self.stop_reason is not None
            raise self.stop_reason
        return result

    async def _sleep_async(self, delay: float, result: Any) -> Any:
        stop = self._stop_waiter()
        await asyncio.wait({stop}, timeout=max(0.0, delay))
        self.raise_if_stopped()
        return result

    def await_sync(self, awaitable: Any) -> Any:
        if self.core_loop.in_loop():
            return self._race(awaitable)
        return self.core_loop.spawn(self._race(awaitable)).result()

    async def _race(self, awaitable: Any) -> Any:
        self.raise_if_stopped()
        task = asyncio.ensure_future(awaitable)
        stop = self._stop_waiter()
        await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            return task.result()
        task.cancel()
        assert self.stop_reason is not None
        raise self.stop_reason
