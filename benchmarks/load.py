"""Driving many clients at once: opening their views, and closed click loops.

A closed loop sends one click, waits for the server's reply to it, and only
then sends the next, so the offered load adapts to the server's speed and the
latency of every click is measured from send to reply.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

import aiohttp

from benchmarks.clients import ViewClient

__all__ = ["ClickWindow", "ClientFactory", "click_for", "close_all", "open_clients"]

ClientFactory = Callable[[aiohttp.ClientSession, str], ViewClient]
T = TypeVar("T")
CONNECT_CONCURRENCY = 50  # handshakes in flight at once: below any listen backlog


async def open_clients(
    factory: ClientFactory,
    session: aiohttp.ClientSession,
    base_url: str,
    path: str,
    count: int,
) -> list[ViewClient]:
    """``count`` clients, each with its view requested (not necessarily shown yet)."""
    if getattr(factory, "OPENS_ONE_AT_A_TIME", False):
        clients = []
        for _ in range(count):
            client = factory(session, base_url)
            await client.open(path)
            await client.wait_shown()
            clients.append(client)
        return clients
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def open_one() -> ViewClient:
        client = factory(session, base_url)
        async with gate:
            await client.open(path)
        return client

    return list(await asyncio.gather(*(open_one() for _ in range(count))))


async def close_all(clients: list[ViewClient]) -> None:
    await asyncio.gather(*(client.close() for client in clients), return_exceptions=True)


@dataclass
class ClickWindow:
    """Collects the latencies of clicks sent and answered inside [started, ended]."""

    started: float | None = None
    ended: float | None = None
    latencies: list[float] = field(default_factory=list)

    def start(self) -> None:
        self.started = time.perf_counter()

    def end(self) -> None:
        self.ended = time.perf_counter()

    @property
    def seconds(self) -> float:
        assert self.started is not None and self.ended is not None
        return self.ended - self.started

    def record(self, sent: float, answered: float) -> None:
        if self.started is not None and self.ended is None and sent >= self.started:
            self.latencies.append(answered - sent)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection in the load generator while it measures.

    A full collection of the generator's heap pauses every client at once, and
    the pause would count as the server's latency.  Collected afterwards.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


async def click_until(client: ViewClient, window: ClickWindow, stop: asyncio.Event) -> None:
    """One closed loop: click, wait for the reply, record, repeat until ``stop``."""
    while not stop.is_set():
        sent = time.perf_counter()
        await client.click()
        window.record(sent, time.perf_counter())


async def click_for(
    clients: list[ViewClient], seconds: float, at_edges: Callable[[], T]
) -> tuple[ClickWindow, T, T]:
    """Every client clicks in its closed loop for ``seconds``.

    ``at_edges()`` runs as the window opens and as it closes (to read the
    server's CPU time there); a failed click raises once all loops stopped.
    """
    window, stop = ClickWindow(), asyncio.Event()
    with collector_paused():
        first = at_edges()
        window.start()
        loops = [asyncio.create_task(click_until(client, window, stop)) for client in clients]
        await asyncio.wait(loops, timeout=seconds, return_when=asyncio.FIRST_EXCEPTION)
        window.end()
        last = at_edges()
        stop.set()
        await asyncio.gather(*loops)
    return window, first, last
