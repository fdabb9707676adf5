"""Daemon views, as the seed documents describe them, and shared server state."""

from __future__ import annotations

from typing import Any

from lona import App, View
from lona.html import (
    H1,
    HTML,
    Button,
    Dialog,
    Div,
    Label,
    NumberInput,
    P,
    Pre,
    Progress,
    Span,
    TextArea,
)
from lona_conformance.recording import RecordingView

__all__ = ["add_routes"]


class DaemonCounter(RecordingView):
    """The seed's short-running daemon: a counter and a text area in sync in all tabs."""

    STOP_DAEMON_WHEN_VIEW_FINISHES = False

    def handle_button_click(self, input_event: Any) -> None:
        with self.html.lock:
            span = self.html.query_selector("span#counter")
            assert span is not None
            span.set_text(int(span.get_text()) + 1)

    def end_daemon(self, input_event: Any) -> None:
        self.is_daemon = False

    def handle_request(self, request: Any) -> Any:
        self.is_daemon = True
        self.html = HTML(
            H1("Daemonized View"),
            Div(
                "Counter: ",
                Span("10", _id="counter"),
                " ",
                Button("Increment", _id="increment", handle_click=self.handle_button_click),
            ),
            TextArea(placeholder="TextArea", _id="text", input_delay=0),
            Button("End daemon", _id="end", handle_click=self.end_daemon),
        )
        return self.html


class LegacyDaemon(RecordingView):
    """A daemon with Lona's default STOP_DAEMON_WHEN_VIEW_FINISHES (True)."""

    def handle_request(self, request: Any) -> Any:
        self.is_daemon = True
        self.count = Span("0", _id="count")
        return HTML(
            H1("Legacy daemon"),
            self.count,
            Button("+1", _id="increment", handle_click=self.increment),
        )

    def increment(self, input_event: Any) -> None:
        self.count.set_text(int(self.count.get_text()) + 1)


class LongRunningDaemon(RecordingView):
    """The seed's long-running daemon: counts to a limit, Stop asks for confirmation."""

    def open_dialog(self, input_event: Any) -> None:
        self.dialog.attributes["open"] = True

    def close_dialog(self, input_event: Any) -> None:
        del self.dialog.attributes["open"]

    def stop_counter(self, input_event: Any) -> None:
        self.close_dialog(input_event)
        self.running = False

    def handle_request(self, request: Any) -> Any:
        self.is_daemon = True
        delay = float(request.GET.get("delay", "1"))
        self.limit = NumberInput(value=10, _id="limit")
        self.html = HTML(H1("Counter"), Label("Limit ", self.limit), Button("Start", _id="start"))
        self.await_click(html=self.html)

        self.running = True
        limit = int(self.limit.value or 10)
        progress = Progress(value=0, max=100, _id="progress")
        log = Pre(_id="log")
        self.dialog = Dialog(
            P("Are you sure you want to stop the counter?"),
            Button("Cancel", _id="cancel", handle_click=self.close_dialog),
            Button("Stop", _id="confirm-stop", handle_click=self.stop_counter),
            _id="dialog",
        )
        self.html = HTML(
            H1("Counter"),
            progress,
            log,
            Button("Stop", _id="stop", handle_click=self.open_dialog),
            self.dialog,
        )
        for number in range(1, limit + 1):
            if not self.running:
                log.write_line("view stopped")
                self.show(self.html)
                return None
            progress.attributes["value"] = round(100 / limit * number)
            log.write_line(f"Counting to {number}")
            self.show(self.html)
            self.sleep(delay)
        log.write_line("finish")
        return self.html


class SharedState(View):
    """``server.state`` is one dict for all views, guarded by its lock."""

    def handle_request(self, request: Any) -> Any:
        self.clicks = Span(str(self.server.state.get("clicks", 0)), _id="clicks")
        return HTML(
            H1("Shared state"), self.clicks, Button("click", _id="click", handle_click=self.click)
        )

    def click(self, input_event: Any) -> None:
        with self.server.state.lock:
            self.server.state["clicks"] = self.server.state.get("clicks", 0) + 1
            self.clicks.set_text(self.server.state["clicks"])


def add_routes(app: App) -> None:
    app.route("/daemon/counter")(DaemonCounter)
    app.route("/daemon/legacy")(LegacyDaemon)
    app.route("/daemon/long")(LongRunningDaemon)
    app.route("/state")(SharedState)
