"""Idle views: N connected views that wait for a click, one websocket each.

Per variant, on a fresh server: one extra client opens the counter first and
warms the server up (clicks, and a few idle views opened and closed); then
the baseline is read, the N views are opened, and once they all show their
content (or nothing has arrived for a while: Lona with its default pool of 6
threads renders only 6) the server's RSS and thread count are read.  While
all N are connected, the extra client clicks for a while (its p50/p99), and a
new tab opens the counter (how long until it shows, if at all).
"""

from __future__ import annotations

import asyncio
import dataclasses
import math
import time
from dataclasses import dataclass

import aiohttp

from benchmarks.clients import ViewClient, new_session
from benchmarks.load import ClientFactory, click_for, close_all, open_clients
from benchmarks.servers import Launcher, ServerProcess, ServerSpec
from benchmarks.stats import percentile

__all__ = ["IdleResult", "IdleTiming", "IdleVariant", "run_idle_variant"]

COUNTER_PATH = "/counter"
WARMUP_CLICKS = 100
WARMUP_VIEWS = 5  # fewer than Lona's 6 runtime threads, so they all render there too
SETTLE_SECONDS = 1.0  # after the last view showed, before RSS is read
NEW_VIEW_TIMEOUT = 10.0


@dataclass(frozen=True)
class IdleTiming:
    views: int
    stall: float  # give up waiting for content after this long without progress
    click_seconds: float  # how long the extra client clicks


@dataclass(frozen=True)
class IdleVariant:
    label: str
    spec: ServerSpec
    factory: ClientFactory
    path: str  # the idle view's route in apps/counter_app.py
    # or "lona" (default settings), "lona-raised" (a thread per view), "echo" (no view)
    role: str = "ours"
    max_views: int | None = None  # where the machine can not hold more (threads per socket)


@dataclass(frozen=True)
class IdleResult:
    label: str
    role: str
    views: int
    shown: int = 0
    failed: int = 0
    baseline_rss_kib: int = 0
    rss_kib: int = 0
    threads: int = 0
    clicks: int = 0
    click_p50_ms: float = math.nan
    click_p99_ms: float = math.nan
    new_view_ms: float | None = None  # None: the new tab showed nothing in time
    error: str | None = None

    @property
    def rss_per_view_kib(self) -> float:
        return (self.rss_kib - self.baseline_rss_kib) / self.views


async def _open_shown(
    factory: ClientFactory, session: aiohttp.ClientSession, url: str, path: str
) -> ViewClient:
    (client,) = await open_clients(factory, session, url, path, 1)
    await client.wait_shown()
    return client


async def _warm_up(
    variant: IdleVariant, extra: ViewClient, session: aiohttp.ClientSession, url: str
) -> None:
    for _ in range(WARMUP_CLICKS):
        await extra.click()
    views = await open_clients(variant.factory, session, url, variant.path, WARMUP_VIEWS)
    await asyncio.gather(*(view.wait_shown() for view in views))
    await close_all(views)
    await asyncio.sleep(SETTLE_SECONDS)


async def _wait_all_shown(clients: list[ViewClient], stall: float) -> tuple[int, int]:
    """(shown, failed) once every view showed or nothing happened for ``stall`` s."""
    progress = asyncio.Event()
    counts = {"shown": 0, "failed": 0}

    async def wait_one(client: ViewClient) -> None:
        try:
            await client.wait_shown()
            counts["shown"] += 1
        except Exception:
            counts["failed"] += 1
        progress.set()

    tasks = [asyncio.create_task(wait_one(client)) for client in clients]
    while counts["shown"] + counts["failed"] < len(clients):
        progress.clear()
        try:
            await asyncio.wait_for(progress.wait(), stall)
        except TimeoutError:
            break
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return counts["shown"], counts["failed"]


async def _click_latencies(client: ViewClient, seconds: float) -> list[float]:
    window, _, _ = await click_for([client], seconds, lambda: None)
    return window.latencies


async def _new_view_ms(
    factory: ClientFactory, session: aiohttp.ClientSession, url: str
) -> float | None:
    started = time.perf_counter()
    (client,) = await open_clients(factory, session, url, COUNTER_PATH, 1)
    try:
        await asyncio.wait_for(client.wait_shown(), NEW_VIEW_TIMEOUT)
    except TimeoutError:
        return None
    finally:
        await client.close()
    return 1000 * (time.perf_counter() - started)


async def _measure(server: ServerProcess, variant: IdleVariant, timing: IdleTiming) -> IdleResult:
    async with new_session() as session:
        extra = await _open_shown(variant.factory, session, server.url, COUNTER_PATH)
        await _warm_up(variant, extra, session, server.url)
        baseline = server.sample()
        views = await open_clients(variant.factory, session, server.url, variant.path, timing.views)
        try:
            shown, failed = await _wait_all_shown(views, timing.stall)
            await asyncio.sleep(SETTLE_SECONDS)
            loaded = server.sample()
            latencies = await _click_latencies(extra, timing.click_seconds)
            new_view_ms = await _new_view_ms(variant.factory, session, server.url)
        finally:
            await close_all([*views, extra])
    return IdleResult(
        label=variant.label,
        role=variant.role,
        views=timing.views,
        shown=shown,
        failed=failed,
        baseline_rss_kib=baseline.rss_kib,
        rss_kib=loaded.rss_kib,
        threads=loaded.threads,
        clicks=len(latencies),
        click_p50_ms=1000 * percentile(latencies, 0.50),
        click_p99_ms=1000 * percentile(latencies, 0.99),
        new_view_ms=new_view_ms,
    )


def run_idle_variant(variant: IdleVariant, timing: IdleTiming, launcher: Launcher) -> IdleResult:
    if variant.max_views is not None and timing.views > variant.max_views:
        timing = dataclasses.replace(timing, views=variant.max_views)
    print(f"  {variant.label}: {timing.views} views ...", flush=True)
    try:
        with launcher.process(variant.spec) as server:
            result = asyncio.run(_measure(server, variant, timing))
    except Exception as error:
        result = IdleResult(
            variant.label, variant.role, timing.views, error=f"{type(error).__name__}: {error}"
        )
    print(f"    {_summary(result)}", flush=True)
    return result


def _summary(result: IdleResult) -> str:
    if result.error:
        return f"failed: {result.error}"
    new_view = f"{result.new_view_ms:.0f} ms" if result.new_view_ms is not None else "timeout"
    return (
        f"{result.shown}/{result.views} shown, {result.rss_per_view_kib:.1f} KiB/view, "
        f"{result.threads} threads, extra click p99 {result.click_p99_ms:.2f} ms, "
        f"new view {new_view}"
    )
