"""Click round trip: N closed-loop clients click a counter, server after server.

All servers run at once.  Per concurrency level every server gets its N
clients and a warm-up (not recorded); then the servers take turns in short
rounds until each was measured for the whole duration.  Taking turns spreads
the background load of a shared machine over all servers alike, so the
ratios hold even when the absolute figures drift.  The server's CPU time
(utime + stime from /proc) is read at each round's edges, so CPU per event
covers exactly the clicks counted.
"""

from __future__ import annotations

import asyncio
import math
from contextlib import ExitStack
from dataclasses import dataclass, field

import aiohttp

from benchmarks.clients import ViewClient, new_session
from benchmarks.load import ClientFactory, click_for, close_all, open_clients
from benchmarks.procstats import own_cpu_seconds
from benchmarks.servers import Launcher, ServerProcess, ServerSpec
from benchmarks.stats import percentile

__all__ = ["ClickResult", "ClickSeries", "ClickTarget", "ClickTiming", "run_click_scenario"]


@dataclass(frozen=True)
class ClickTiming:
    warmup: float  # seconds each server is clicked before it is measured
    duration: float  # seconds each server is measured per level, in equal rounds
    rounds: int


@dataclass(frozen=True)
class ClickTarget:
    spec: ServerSpec
    factory: ClientFactory
    role: str  # "ours", "lona" or "echo"
    adapter: str  # the web framework it runs on
    path: str = "/counter"


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
    threads: int = 0  # the most the server had at the end of a round
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


@dataclass(frozen=True)
class ClickSeries:
    target: ClickTarget
    results: list[ClickResult]

    def at(self, clients: int) -> ClickResult | None:
        return next((r for r in self.results if r.clients == clients and not r.error), None)


@dataclass
class _Contender:
    """One server at one concurrency level, and what its rounds add up to."""

    target: ClickTarget
    server: ServerProcess | None
    clients: list[ViewClient] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu: float = 0.0
    generator_cpu: float = 0.0
    threads: int = 0
    error: str | None = None

    def fail(self, error: BaseException) -> None:
        self.error = f"{type(error).__name__}: {error}"

    def result(self, clients: int) -> ClickResult:
        label = self.target.spec.label
        if self.error is not None:
            return ClickResult(label, clients, error=self.error)
        return ClickResult(
            server=label,
            clients=clients,
            events=len(self.latencies),
            seconds=self.seconds,
            p50_ms=1000 * percentile(self.latencies, 0.50),
            p99_ms=1000 * percentile(self.latencies, 0.99),
            server_cpu_seconds=self.server_cpu,
            generator_cpu_seconds=self.generator_cpu,
            threads=self.threads,
        )


async def _round(contender: _Contender, seconds: float, record: bool = True) -> None:
    """All of the contender's clients click for ``seconds``; recorded unless warming up."""
    server = contender.server
    assert server is not None
    window, (before, own_before), (after, own_after) = await click_for(
        contender.clients, seconds, lambda: (server.sample(), own_cpu_seconds())
    )
    if record:
        contender.latencies += window.latencies
        contender.seconds += window.seconds
        contender.server_cpu += after.cpu_seconds - before.cpu_seconds
        contender.generator_cpu += own_after - own_before
        contender.threads = max(contender.threads, after.threads)


async def _connect(contender: _Contender, session: aiohttp.ClientSession, clients: int) -> None:
    assert contender.server is not None
    target = contender.target
    contender.clients = await open_clients(
        target.factory, session, contender.server.url, target.path, clients
    )
    await asyncio.gather(*(client.wait_shown() for client in contender.clients))


async def _level(contenders: list[_Contender], clients: int, timing: ClickTiming) -> None:
    async with new_session() as session:
        try:
            for contender in contenders:
                try:
                    await _connect(contender, session, clients)
                    await _round(contender, timing.warmup, record=False)
                except Exception as error:
                    contender.fail(error)
            for _ in range(timing.rounds):
                for contender in contenders:
                    if contender.error is None:
                        try:
                            await _round(contender, timing.duration / timing.rounds)
                        except Exception as error:
                            contender.fail(error)
        finally:
            await close_all([client for c in contenders for client in c.clients])


def _start(target: ClickTarget, stack: ExitStack, launcher: Launcher) -> ServerProcess | str:
    """The running server, or why it did not start."""
    try:
        return stack.enter_context(launcher.process(target.spec))
    except Exception as error:
        return f"{type(error).__name__}: {error}"


def _contender(target: ClickTarget, server: ServerProcess | str) -> _Contender:
    if isinstance(server, str):
        return _Contender(target, None, error=server)
    return _Contender(target, server)


def run_click_scenario(
    targets: list[ClickTarget], levels: list[int], timing: ClickTiming, launcher: Launcher
) -> list[ClickSeries]:
    """Every target at every level; one server process per target for the whole scenario."""
    results: list[list[ClickResult]] = [[] for _ in targets]
    with ExitStack() as stack:
        servers = [_start(target, stack, launcher) for target in targets]
        for clients in levels:
            print(f"  {clients} clients ...", flush=True)
            contenders = [_contender(t, s) for t, s in zip(targets, servers, strict=True)]
            asyncio.run(_level([c for c in contenders if c.error is None], clients, timing))
            for contender, row in zip(contenders, results, strict=True):
                row.append(contender.result(clients))
                print(f"    {row[-1].server}: {_summary(row[-1])}", flush=True)
    return [ClickSeries(t, r) for t, r in zip(targets, results, strict=True)]


def _summary(result: ClickResult) -> str:
    if result.error:
        return f"failed: {result.error}"
    return (
        f"{result.events_per_second:,.0f} events/s, p50 {result.p50_ms:.2f} ms, "
        f"p99 {result.p99_ms:.2f} ms, server CPU {result.server_cpu_ms_per_event:.3f} ms/event, "
        f"{result.threads} threads"
    )
