"""Views with slow input event handlers: the order of events, and ``@background``.

A slow handler here blocks until the test releases it: ``/release?key=K``
(another view) sets the gate named ``K``, so no test depends on timing.

* ``/slow?key=K``: "slow" blocks in its handler until gate K opens, "+1"
  counts.  By default a view handles one event at a time, in order, so "+1"
  clicked meanwhile counts only once the slow handler is done; other views
  keep answering all along.
* ``/background?key=K``: the same, with "slow" marked ``@background``: "+1"
  counts at once while the slow handler runs.  ``async=1`` makes the slow
  handler a coroutine in an async view.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from lona import App, View, background
from lona.html import H1, HTML, Button, Div, Span
from lona.input_event import InputEvent

__all__ = ["add_routes"]

GATE_TIMEOUT = 60.0  # a test that never releases its gate must not leave a thread forever


class _Gates:
    """Named events, shared by the views of one app (one per test key)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._gates: dict[str, threading.Event] = {}

    def get(self, key: str) -> threading.Event:
        with self._lock:
            return self._gates.setdefault(key, threading.Event())


class _Counting(View):
    gates: _Gates

    def page(self, request: Any, title: str) -> Any:
        self.gate = self.gates.get(request.GET.get("key", ""))
        self.count = Span("0", _id="count")
        self.status = Div("idle", _id="status")
        self.log = Div(_id="log")
        return HTML(
            H1(title),
            Div("Count: ", self.count),
            self.status,
            Button("slow", _id="slow", handle_click=self.slow),
            Button("+1", _id="increment", handle_click=self.increment),
            self.log,
        )

    def increment(self, input_event: InputEvent) -> None:
        self.count.set_text(int(self.count.get_text()) + 1)
        # what the slow handler was doing when this click was handled
        self.log.append(Div(f"+1 while {self.status.get_text()}", _class="entry"))

    def slow(self, input_event: InputEvent) -> None:
        raise NotImplementedError

    def working(self) -> None:
        self.status.set_text("working")
        self.show()


class Slow(_Counting):
    def handle_request(self, request: Any) -> Any:
        return self.page(request, "Slow handler")

    def slow(self, input_event: InputEvent) -> None:
        self.working()
        self.gate.wait(GATE_TIMEOUT)
        self.status.set_text("done")


class Background(_Counting):
    def handle_request(self, request: Any) -> Any:
        return self.page(request, "Background handler")

    @background
    def slow(self, input_event: InputEvent) -> None:
        self.working()
        self.gate.wait(GATE_TIMEOUT)
        self.status.set_text("done")


class AsyncBackground(_Counting):
    async def handle_request(self, request: Any) -> Any:
        return self.page(request, "Async background handler")

    @background
    async def slow(self, input_event: InputEvent) -> None:  # type: ignore[override]
        self.working()
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self.gate.wait, GATE_TIMEOUT)
        self.status.set_text("done")


class Release(View):
    gates: _Gates

    def handle_request(self, request: Any) -> Any:
        self.gates.get(request.GET.get("key", "")).set()
        return HTML(Div("released", _id="released"))


def add_routes(app: App) -> None:
    gates = _Gates()
    for path, view in (
        ("/slow", Slow),
        ("/background", Background),
        ("/async-background", AsyncBackground),
        ("/release", Release),
    ):
        app.route(path)(type(view.__name__, (view,), {"gates": gates}))
