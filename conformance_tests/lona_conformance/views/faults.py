"""Views and a middleware that fail on purpose, for the fault tests; and a
resource count, to show that nothing leaks.

Everything here only misbehaves on its own URLs (or for messages that ask
for it), so the rest of the suite never notices it.
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

from lona import App, Channel, JsonResponse, View
from lona.html import H1, HTML, Button, Div

__all__ = ["add_routes"]

CRASH = "crash-middleware"


class FailingMiddleware:
    """Crashes in the hook named by a path segment, e.g. /faults/crash-middleware/handle_request."""

    def _crash_if_asked(self, path: str, hook: str) -> None:
        if f"/{CRASH}/{hook}" in path:
            raise RuntimeError(f"middleware {hook} crashes on purpose")

    def handle_http_request(self, data: Any) -> Any:
        self._crash_if_asked(data.http_request.path, "handle_http_request")
        return data

    def handle_request(self, data: Any) -> Any:
        self._crash_if_asked(data.request.url.path, "handle_request")
        return data

    def on_view_stop(self, data: Any) -> Any:
        self._crash_if_asked(data.request.url.path, "on_view_stop")
        return data

    def on_view_cleanup(self, data: Any) -> Any:
        self._crash_if_asked(data.request.url.path, "on_view_cleanup")
        return data

    def handle_websocket_message(self, data: Any) -> Any:
        if data.message == f"{CRASH}:handle_websocket_message":
            raise RuntimeError("handle_websocket_message crashes on purpose")
        return data


class HookCrash(View):
    """Crashes in the hook named by ?hook=, after showing a button."""

    def handle_request(self, request: Any) -> Any:
        self.hook = request.GET.get("hook", "")
        html = HTML(H1("Hook crash"), Div("running", _id="state"), Button("event", _id="event"))
        if self.hook == "channel":
            self.subscribe("faults.channel", self.crash_in_handler)
        return html

    def crash_in_handler(self, message: Any) -> None:
        raise RuntimeError("a channel handler crashes on purpose")

    def handle_input_event_root(self, input_event: Any) -> Any:
        if self.hook == "handle_input_event_root":
            raise RuntimeError("handle_input_event_root crashes on purpose")
        return input_event

    def handle_input_event(self, input_event: Any) -> Any:
        if self.hook == "handle_input_event":
            raise RuntimeError("handle_input_event crashes on purpose")
        if self.hook == "channel":
            Channel("faults.channel").send("crash now")
        return input_event

    def on_cleanup(self) -> None:
        if self.hook == "on_cleanup":
            raise RuntimeError("on_cleanup crashes on purpose")


class StopCrash(View):
    def handle_request(self, request: Any) -> Any:
        return HTML(H1("Stop crash"), Div("finished", _id="state"))

    def on_stop(self, reason: Any) -> None:
        raise RuntimeError("on_stop crashes on purpose")


class Stubborn(View):
    """Ignores ServerStop: plain Python, no sleep() or show() to interrupt."""

    def handle_request(self, request: Any) -> Any:
        self.show(HTML(H1("Stubborn"), Div("busy", _id="state")))
        while True:
            time.sleep(0.05)


class Resources(View):
    """What the server process holds right now: a leak shows up here."""

    def handle_request(self, request: Any) -> Any:
        # the server's internals, beyond the public API a view sees (View.server)
        server: Any = self.server

        async def count_tasks() -> int:
            return len(asyncio.all_tasks()) - 1

        rss = 0
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
        return JsonResponse(
            {
                "threads": threading.active_count(),
                "tasks": server.core_loop.run_sync(count_tasks()),
                "rss_kib": rss,
                "views": len(server.runtimes()),
                "connections": len(server.connections()),
            }
        )


def add_routes(app: App) -> None:
    app.middleware(FailingMiddleware)
    app.route("/faults/hook")(HookCrash)
    app.route("/faults/on-stop")(StopCrash)
    app.route("/faults/stubborn")(Stubborn)
    app.route(f"/faults/{CRASH}/<hook>")(HookCrash)
    app.route("/faults/resources", interactive=False)(Resources)
