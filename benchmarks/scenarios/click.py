"""Click round trip: N closed-loop clients click a counter for a fixed time.

Per concurrency level: warm-up (not recorded), then a measured window.  The
server's CPU time (utime + stime from /proc) is read at the window's edges,
so CPU per event covers exactly the clicks counted.
"""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass
from pathlib import Path

from benchmarks.clients import new_session
from benchmarks.load import ClickWindow, ClientFactory, click_until, close_all, open_clients
from benchmarks.procstats import own_cpu_seconds
from benchmarks.servers import ServerProcess, ServerSpec
from benchmarks.stats import percentile

__all__ = ["ClickResult", "ClickTiming", "run_click_series"]


@dataclass(frozen=True)
class ClickTiming:
    warmup: float  # seconds of clicking before the window opens
    duration: float  # seconds the window stays open


@dataclass(frozen=True)
class ClickResult:
    server: str
    clients: int
    events: int = 0
    seconds: float = math.nan
    p50_ms: float = math.nan
    p99_ms: float = math.nan
    server_cpu_seconds: float = math.nan
    generator_cpu_seconds: float = math.nan
    error: str | None = None

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.events else math.nan

    @property
    def server_cpu_ms_per_event(self) -> float:
        return 1000 * self.server_cpu_seconds / self.events if self.events else math.nan

    @property
    def server_cpu_percent(self) -> float:
        return 100 * self.server_cpu_seconds / self.seconds

    @property
    def generator_cpu_percent(self) -> float:
        return 100 * self.generator_cpu_seconds / self.seconds


async def _measure(
    server: ServerProcess, factory: ClientFactory, path: str, clients: int, timing: ClickTiming
) -> ClickResult:
    async with new_session() as session:
        opened = await open_clients(factory, session, server.url, path, clients)
        try:
            await asyncio.gather(*(client.wait_shown() for client in opened))
            window, stop = ClickWindow(), asyncio.Event()
            loops = [asyncio.create_task(click_until(c, window, stop)) for c in opened]
            await asyncio.sleep(timing.warmup)
            server_before, own_before = server.sample().cpu_seconds, own_cpu_seconds()
            window.start()
            await asyncio.sleep(timing.duration)
            window.end()
            server_after, own_after = server.sample().cpu_seconds, own_cpu_seconds()
            stop.set()
            await asyncio.gather(*loops)
        finally:
            await close_all(opened)
    return ClickResult(
        server=server.spec.label,
        clients=clients,
        events=len(window.latencies),
        seconds=window.seconds,
        p50_ms=1000 * percentile(window.latencies, 0.50),
        p99_ms=1000 * percentile(window.latencies, 0.99),
        server_cpu_seconds=server_after - server_before,
        generator_cpu_seconds=own_after - own_before,
    )


def run_click_series(
    spec: ServerSpec,
    factory: ClientFactory,
    path: str,
    levels: list[int],
    timing: ClickTiming,
    log_dir: Path,
) -> list[ClickResult]:
    """One fresh server, measured at every concurrency level in turn."""
    results = []
    with ServerProcess(spec, log_dir) as server:
        for clients in levels:
            print(f"  {spec.label}: {clients} clients ...", flush=True)
            try:
                result = asyncio.run(_measure(server, factory, path, clients, timing))
            except Exception as error:
                result = ClickResult(spec.label, clients, error=f"{type(error).__name__}: {error}")
            print(f"    {_summary(result)}", flush=True)
            results.append(result)
    return results


def _summary(result: ClickResult) -> str:
    if result.error:
        return f"failed: {result.error}"
    return (
        f"{result.events_per_second:,.0f} events/s, p50 {result.p50_ms:.2f} ms, "
        f"p99 {result.p99_ms:.2f} ms, server CPU {result.server_cpu_ms_per_event:.3f} ms/event"
    )
