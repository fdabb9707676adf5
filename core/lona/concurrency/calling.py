"""Where user code runs: on the core loop or in the thread pool, decided once.

A coroutine function runs on the loop; a plain callable runs in the pool,
never on the loop (it may block).  ``decide`` looks at a callable once, when
it is registered (a middleware hook) or first seen (an event handler, a
view's ``handle_request``), and the ``Call`` it returns carries the answer,
so the code that runs it never asks again (Starlette's ``request_response``
does the same for its endpoints).

A flow that mixes both kinds is written once, as a coroutine taking a
``Place``: ``await place.call(call, *args)``.  On the loop (``LoopPlace``)
a pool call hops to the pool and back; on a pool thread (``ThreadPlace``)
every call runs right there, coroutine functions by blocking on the loop, so
the coroutine never suspends and ``run_here`` finishes it on the calling
thread.  That keeps the fast path: a chain of sync handlers costs one trip
to the pool (``where_to_run`` says which place a chain needs), and there
``ThreadPlace.run_chain`` calls them in a plain loop.
"""

from __future__ import annotations

import asyncio
import enum
import inspect
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from lona.concurrency.loop import CoreLoop, awaited, is_async_callable

__all__ = [
    "Call",
    "Executor",
    "LoopPlace",
    "Place",
    "ThreadPlace",
    "Where",
    "decide",
    "inline",
    "run_chain",
    "run_here",
    "where_to_run",
]

T = TypeVar("T")


class Where(enum.IntEnum):
    """Where a call runs; a chain runs where its most demanding call needs (max)."""

    INLINE = 0  # framework code that neither blocks nor awaits: anywhere
    POOL = 1  # sync user code: a pool thread
    LOOP = 2  # a coroutine function: the core loop


@dataclass(frozen=True, slots=True)
class Call:
    """A callable with its place decided."""

    function: Callable[..., Any]
    where: Where

    @property
    def name(self) -> str:
        return str(getattr(self.function, "__qualname__", repr(self.function)))


def decide(function: Callable[..., Any]) -> Call:
    """User code: on the loop when it is a coroutine function, else in the pool."""
    return Call(function, Where.LOOP if is_async_callable(function) else Where.POOL)


def inline(function: Callable[..., Any]) -> Call:
    """Framework code that may run on the loop or a thread alike."""
    return Call(function, Where.INLINE)


def where_to_run(calls: Sequence[Call]) -> Where:
    """The place a chain of ``calls`` needs: the loop if one is a coroutine
    function, else the pool if one is user code, else anywhere."""
    where = Where.INLINE
    for call in calls:  # once per event: a loop, not max() over a generator
        if call.where > where:
            where = call.where
    return where


class Executor(Protocol):
    """The pool's side that ``LoopPlace`` uses (``lona.concurrency.threads``)."""

    def submit(self, function: Callable[..., Any], *args: Any) -> Any: ...


class Place(Protocol):
    """Where a flow runs: ``call`` runs a call from there, hopping when needed."""

    @property
    def on_loop(self) -> bool: ...

    async def call(self, call: Call, *args: Any) -> Any: ...

    async def call_blocking(self, function: Callable[..., T], *args: Any) -> T:
        """Framework code that may block (takes a lock, writes): a pool thread's work."""
        ...


class ThreadPlace:
    """A pool thread: calls run here; a coroutine blocks this thread on the loop.

    A sync callable that returns an awaitable (a method wrapping a coroutine)
    has it awaited on the loop too."""

    on_loop = False

    def __init__(self, core_loop: CoreLoop) -> None:
        self.core_loop = core_loop

    async def call(self, call: Call, *args: Any) -> Any:
        return self.run(call, *args)

    async def call_blocking(self, function: Callable[..., T], *args: Any) -> T:
        return function(*args)

    def run(self, call: Call, *args: Any) -> Any:
        """``call`` from this thread, as a plain function."""
        result = call.function(*args)
        if result is not None and inspect.isawaitable(result):
            result = self.core_loop.run_sync(awaited(result))
        return result

    def run_chain(
        self, calls: Sequence[Call], value: Any, goes_on: Callable[[Any], bool]
    ) -> tuple[bool, Any]:
        """``run_chain`` here, as a plain loop: the fast path of the common
        event (sync handlers on a pool thread), without a coroutine per call."""
        for call in calls:
            result = self.run(call, value)
            if not goes_on(result):
                return False, result
            value = result
        return True, value


class LoopPlace:
    """The core loop: coroutines are awaited, user code hops to the pool."""

    on_loop = True

    def __init__(self, core_loop: CoreLoop, executor: Executor) -> None:
        self.core_loop = core_loop
        self.executor = executor

    async def call(self, call: Call, *args: Any) -> Any:
        if call.where is Where.POOL:
            result = await self.call_blocking(call.function, *args)
        else:
            result = call.function(*args)
        if result is not None and inspect.isawaitable(result):
            result = await result
        return result

    async def call_blocking(self, function: Callable[..., T], *args: Any) -> T:
        result: T = await asyncio.wrap_future(self.executor.submit(function, *args))
        return result

    def thread_place(self) -> ThreadPlace:
        return ThreadPlace(self.core_loop)


def run_here(coroutine: Coroutine[Any, Any, T]) -> T:
    """Finish a flow written for a ``Place`` on this thread (a ``ThreadPlace``
    flow never suspends: nothing in it awaits a real future)."""
    try:
        coroutine.send(None)
    except StopIteration as stop:
        result: T = stop.value
        return result
    coroutine.close()
    raise RuntimeError("a flow run on a thread suspended; it awaited the loop")


async def run_chain(
    place: Place, calls: Sequence[Call], value: Any, goes_on: Callable[[Any], bool]
) -> tuple[bool, Any]:
    """Call ``calls`` one after another with ``value``; a result for which
    ``goes_on`` is True is the next call's value, any other ends the chain.

    Returns ``(True, value)`` when every call passed it on, else
    ``(False, result)`` with the result that ended it.  On the loop a chain
    of sync calls makes one trip to the pool, not one per call.
    """
    if isinstance(place, ThreadPlace):
        return place.run_chain(calls, value, goes_on)
    if isinstance(place, LoopPlace) and where_to_run(calls) is Where.POOL:
        return await place.call_blocking(place.thread_place().run_chain, calls, value, goes_on)
    return await _chain(place, calls, value, goes_on)


async def _chain(
    place: Place, calls: Sequence[Call], value: Any, goes_on: Callable[[Any], bool]
) -> tuple[bool, Any]:
    for call in calls:
        result = await place.call(call, value)
        if not goes_on(result):
            return False, result
        value = result
    return True, value
