"""Channel fan-out: messages per second delivered to 1,000 subscribed views.

1,000 views of ``/subscriber`` (apps/counter_app.py, Lona's API) subscribe to
one topic and show the last message they got (``implicit_show``: every
message changes the view and goes to its browser).  A ``/publisher`` view
sends N messages per click.  A round runs from the click until every one of
the 1,000 subscribers' websockets has received the last message; messages/s
is N ÷ that time, deliveries/s 1,000 times as many.

In one process the publisher is a view of the same server.  Through Redis
there are two server processes, both with ``CHANNEL_BACKEND`` on one
redis-server: the publisher's and the subscribers'.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass

from benchmarks.clients import ViewClient, new_session
from benchmarks.load import ClientFactory, close_all, collector_paused, open_clients
from benchmarks.procstats import own_cpu_seconds
from benchmarks.servers import Launcher, ServerProcess, ServerSpec

__all__ = ["FanoutResult", "FanoutTarget", "FanoutTiming", "run_fanout_scenario"]

FIRST_NUMBER = 1_000_000  # message numbers that no node id of either protocol resembles


@dataclass(frozen=True)
class FanoutTiming:
    subscribers: int
    messages: int  # per round (one click of the publisher)
    rounds: int


@dataclass(frozen=True)
class FanoutTarget:
    label: str
    subscribers: ServerSpec
    publisher: ServerSpec | None  # None: the subscribers' server publishes too
    factory: ClientFactory
    role: str  # "ours", "ours-redis" or "lona"
    needs_redis: bool = False


@dataclass
class FanoutResult:
    label: str
    role: str
    subscribers: int = 0
    messages: int = 0
    seconds: float = 0.0
    server_cpu_seconds: float = 0.0  # of the subscribers' server
    generator_cpu_seconds: float = 0.0
    error: str | None = None

    @property
    def messages_per_second(self) -> float:
        return self.messages / self.seconds if self.seconds else math.nan

    @property
    def deliveries_per_second(self) -> float:
        return self.messages_per_second * self.subscribers

    @property
    def server_cpu_us_per_delivery(self) -> float:
        deliveries = self.messages * self.subscribers
        return 1e6 * self.server_cpu_seconds / deliveries if deliveries else math.nan

    @property
    def generator_cpu_percent(self) -> float:
        return 100 * self.generator_cpu_seconds / self.seconds if self.seconds else math.nan


async def _until_received(client: ViewClient, number: int) -> None:
    expected = f'"{number}"'
    while expected not in await client.receive():
        pass


async def _rounds(
    target: FanoutTarget,
    timing: FanoutTiming,
    subscribers_server: ServerProcess,
    publisher_url: str,
) -> FanoutResult:
    result = FanoutResult(target.label, target.role, timing.subscribers)
    async with new_session() as session:
        subscribers = await open_clients(
            target.factory, session, subscribers_server.url, "/subscriber", timing.subscribers
        )
        await asyncio.gather(*(client.wait_shown() for client in subscribers))
        path = f"/publisher?count={timing.messages}&start={FIRST_NUMBER + 1}"
        (publisher,) = await open_clients(target.factory, session, publisher_url, path, 1)
        await publisher.wait_shown()
        await asyncio.sleep(0.5)  # subscriptions through Redis take a moment
        try:
            for round_number in range(1, timing.rounds + 1):
                last = round_number * timing.messages
                with collector_paused():
                    cpu, own = subscribers_server.sample().cpu_seconds, own_cpu_seconds()
                    started = time.perf_counter()
                    waiting = [_until_received(c, FIRST_NUMBER + last) for c in subscribers]
                    click = publisher.press("increment")  # type: ignore[attr-defined]
                    await asyncio.gather(click, *waiting)
                    result.seconds += time.perf_counter() - started
                    result.server_cpu_seconds += subscribers_server.sample().cpu_seconds - cpu
                    result.generator_cpu_seconds += own_cpu_seconds() - own
                result.messages += timing.messages
        finally:
            await close_all([*subscribers, publisher])
    return result


def _run_one(target: FanoutTarget, timing: FanoutTiming, launcher: Launcher) -> FanoutResult:
    with launcher.process(target.subscribers) as subscribers:
        if target.publisher is None:
            return asyncio.run(_rounds(target, timing, subscribers, subscribers.url))
        with launcher.process(target.publisher) as publisher:
            return asyncio.run(_rounds(target, timing, subscribers, publisher.url))


def run_fanout_scenario(
    targets: list[FanoutTarget], timing: FanoutTiming, launcher: Launcher
) -> list[FanoutResult]:
    results = []
    for target in targets:
        print(f"  {target.label} ...", flush=True)
        try:
            result = _run_one(target, timing, launcher)
        except Exception as error:
            result = FanoutResult(
                target.label, target.role, error=f"{type(error).__name__}: {error}"
            )
        results.append(result)
        if result.error:
            print(f"    failed: {result.error}", flush=True)
        else:
            print(
                f"    {result.messages_per_second:,.0f} messages/s, "
                f"{result.deliveries_per_second:,.0f} deliveries/s, "
                f"server CPU {result.server_cpu_us_per_delivery:.0f} µs/delivery",
                flush=True,
            )
    return results
