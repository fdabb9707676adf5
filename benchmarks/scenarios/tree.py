"""Wire bytes and tree cost: a view with a 10,000-node tree, end to end.

Per server, one view of ``/tree`` (apps/counter_app.py, Lona's API) at a time:

* first show: from sending the request for the view until its whole tree has
  arrived (building the tree in ``handle_request`` included), and its bytes;
* one text change: a click that changes one text of the tree;
* 1,000 changes of one node before the flush (one click);
* a rebuilt tree: a click that builds the whole tree again with one text
  changed and shows it.

For each, the bytes the server sent in reply to the click (every message up
to lona-live's acknowledgement; Lona's INPUT_EVENT_ACK and the DATA after it),
the time until the reply arrived, and the server's CPU time per action.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from benchmarks.clients import new_session
from benchmarks.load import ClientFactory, collector_paused, open_clients
from benchmarks.servers import Launcher, ServerProcess, ServerSpec

__all__ = ["ACTIONS", "TreeResult", "TreeTarget", "run_tree_scenario"]

PATH = "/tree"
REPEATS = {
    "first show": 5,
    "one text change": 20,
    "1,000 changes of one node": 5,
    "rebuilt tree": 5,
}
ACTIONS = list(REPEATS)
BUTTONS = {
    "one text change": "increment",
    "1,000 changes of one node": "many",
    "rebuilt tree": "rebuild",
}


@dataclass(frozen=True)
class TreeTarget:
    spec: ServerSpec
    factory: ClientFactory
    role: str  # "ours" or "lona"


@dataclass
class ActionFigures:
    """One action, repeated: median bytes and milliseconds, server CPU per action."""

    bytes: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0

    @property
    def median_bytes(self) -> float:
        return statistics.median(self.bytes) if self.bytes else math.nan

    @property
    def median_ms(self) -> float:
        return 1000 * statistics.median(self.seconds) if self.seconds else math.nan

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu_seconds / len(self.seconds) if self.seconds else math.nan


@dataclass
class TreeResult:
    label: str
    role: str
    actions: dict[str, ActionFigures] = field(default_factory=dict)
    error: str | None = None


async def _timed(
    server: ServerProcess, figures: ActionFigures, action: Callable[[], Coroutine[Any, Any, int]]
) -> None:
    cpu_before = server.sample().cpu_seconds
    started = time.perf_counter()
    size = await action()
    figures.seconds.append(time.perf_counter() - started)
    figures.cpu_seconds += server.sample().cpu_seconds - cpu_before
    figures.bytes.append(size)


async def _first_show(target: TreeTarget, server: ServerProcess, result: TreeResult) -> None:
    figures = result.actions.setdefault("first show", ActionFigures())
    async with new_session() as session:
        for _ in range(REPEATS["first show"]):
            client: Any = target.factory(session, server.url)

            async def show(client: Any = client) -> int:
                await client.open(PATH)
                await client.wait_shown()
                return int(client.tree_bytes)

            await _timed(server, figures, show)
            await client.close()


async def _clicks(target: TreeTarget, server: ServerProcess, result: TreeResult) -> None:
    async with new_session() as session:
        (opened,) = await open_clients(target.factory, session, server.url, PATH, 1)
        await opened.wait_shown()
        client: Any = opened  # a client with press(): OurClient or LonaClient
        for action, button in BUTTONS.items():
            figures = result.actions.setdefault(action, ActionFigures())
            for _ in range(REPEATS[action]):
                await _timed(server, figures, lambda button=button: client.press(button))
        await opened.close()


async def _measure(target: TreeTarget, server: ServerProcess) -> TreeResult:
    result = TreeResult(target.spec.label, target.role)
    with collector_paused():
        await _first_show(target, server, result)
        await _clicks(target, server, result)
    return result


def run_tree_scenario(targets: list[TreeTarget], launcher: Launcher) -> list[TreeResult]:
    results = []
    for target in targets:
        print(f"  {target.spec.label} ...", flush=True)
        try:
            with launcher.process(target.spec) as server:
                result = asyncio.run(_measure(target, server))
        except Exception as error:
            result = TreeResult(
                target.spec.label, target.role, error=f"{type(error).__name__}: {error}"
            )
        results.append(result)
        if result.error:
            print(f"    failed: {result.error}", flush=True)
        for action, figures in result.actions.items():
            print(
                f"    {action}: {figures.median_bytes:,.0f} bytes, {figures.median_ms:.1f} ms, "
                f"server CPU {figures.cpu_ms:.1f} ms",
                flush=True,
            )
    return results
