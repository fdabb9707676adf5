"""The application every adapter serves for the conformance suite.

Run as ``python -m lona_conformance.app --adapter NAME --port P``.  Views
append lifecycle events (``on_stop``, ``on_cleanup`` ...) as JSON lines to
the file named by ``LONA_CONFORMANCE_LOG``, so tests can check hooks even
after the server process has exited.
"""

from __future__ import annotations

import json
import os
import threading
import time
from typing import Any

from lona import (
    App,
    ForbiddenError,
    HttpRedirectResponse,
    JsonResponse,
    RedirectResponse,
    View,
)
from lona.html import H1, HTML, A, Button, Div, P, Span, TextInput
from lona_conformance import views

app = App(__file__)
app.settings.CLIENT_TITLE = "conformance"
_log_lock = threading.Lock()


def record(event: str, **data: Any) -> None:
    path = os.environ.get("LONA_CONFORMANCE_LOG")
    if not path:
        return
    line = json.dumps({"event": event, "time": time.time(), **data}, default=repr)
    with _log_lock, open(path, "a") as log:
        log.write(line + "\n")


class RecordingView(View):
    """Records its lifecycle hooks under the name in ?name=..."""

    @property
    def name(self) -> str:
        return self.request.GET.get("name", type(self).__name__)

    def on_stop(self, reason: BaseException | None) -> None:
        record("on_stop", name=self.name, reason=type(reason).__name__ if reason else None)

    def on_cleanup(self) -> None:
        record("on_cleanup", name=self.name)


@app.route("/")
class Index(View):
    def handle_request(self, request: Any) -> Any:
        return HTML(H1("Conformance app"), P(A("counter", href="/counter")))


@app.route("/counter")
class Counter(RecordingView):
    def handle_request(self, request: Any) -> Any:
        self.count = Span("0", _id="count")
        return HTML(
            H1("Counter"),
            Div("Count: ", self.count),
            Button("+1", _id="increment", handle_click=self.increment),
            P(A("to the index", href="/", _id="index-link")),
        )

    def increment(self, input_event: Any) -> None:
        self.count.set_text(int(self.count.get_text()) + 1)


@app.route("/await-click")
class AwaitClick(RecordingView):
    """A sync long-running view: three clicks, then done."""

    def handle_request(self, request: Any) -> Any:
        message = Div("waiting", _id="message")
        button = Button("go", _id="go")
        html = HTML(H1("Await click"), message, button)
        for number in range(1, 4):
            self.await_click(button, html=html)
            message.set_text(f"clicked {number}")
        message.set_text("done")
        return html


@app.route("/async-await-click")
class AsyncAwaitClick(RecordingView):
    """The same as an async view: parked without holding a thread."""

    async def handle_request(self, request: Any) -> Any:
        message = Div("waiting", _id="message")
        button = Button("go", _id="go")
        html = HTML(H1("Async await click"), message, button)
        for number in range(1, 4):
            await self.await_click(button, html=html)
            message.set_text(f"clicked {number}")
        await self.sleep(0.01)
        message.set_text("done")
        return html


@app.route("/count")
class CountByItself(RecordingView):
    def handle_request(self, request: Any) -> Any:
        self.running = True
        count = Span("0", _id="count")
        status = Span("counting", _id="status")
        html = HTML(
            H1("Counting"),
            Div(count, " ", status),
            Button("Stop", _id="stop", handle_click=self.stop),
        )
        number = 0
        delay = float(request.GET.get("delay", "0.2"))
        while self.running:
            self.show(html)
            self.sleep(delay)
            number += 1
            count.set_text(number)
        status.set_text("stopped")
        return html

    def stop(self, input_event: Any) -> None:
        self.running = False


@app.route("/crash")
class Crash(RecordingView):
    def handle_request(self, request: Any) -> Any:
        raise ValueError("the conformance app crashes on purpose")


@app.route("/crash-in-handler")
class CrashInHandler(RecordingView):
    def handle_request(self, request: Any) -> Any:
        return HTML(H1("Crash in handler"), Button("crash", _id="crash", handle_click=self.crash))

    def crash(self, input_event: Any) -> None:
        raise ValueError("the handler crashes on purpose")


@app.route("/forbidden")
class Forbidden(View):
    def handle_request(self, request: Any) -> Any:
        raise ForbiddenError()


@app.route("/redirect")
class Redirects(View):
    def handle_request(self, request: Any) -> Any:
        return HTML(
            H1("Redirects"),
            Button("redirect", _id="redirect", handle_click=lambda e: RedirectResponse("/counter")),
            Button(
                "http redirect",
                _id="http-redirect",
                handle_click=lambda e: HttpRedirectResponse("/counter"),
            ),
        )


@app.route("/redirect-now")
class RedirectNow(View):
    def handle_request(self, request: Any) -> Any:
        return RedirectResponse("/counter")


@app.route("/http-redirect-now")
class HttpRedirectNow(View):
    def handle_request(self, request: Any) -> Any:
        return HttpRedirectResponse("/counter")


@app.route("/text-input")
class TextInputEcho(View):
    def handle_request(self, request: Any) -> Any:
        self.echo = Span("", _id="echo")
        field = TextInput(_id="field", input_delay=0, handle_change=self.changed)
        return HTML(H1("Text input"), field, Div("echo: ", self.echo))

    def changed(self, input_event: Any) -> None:
        self.echo.set_text(input_event.node.value)


@app.route("/user/<name>/<number:[0-9]+>(/)")
class MatchInfo(View):
    def handle_request(self, request: Any) -> Any:
        info = request.match_info
        return HTML(H1("Match info"), Div(f"{info['name']}:{info['number']}", _id="info"))


@app.route("/api/status", interactive=False)
class Status(View):
    def handle_request(self, request: Any) -> Any:
        return JsonResponse({"status": "ok", "query": request.GET})


@app.route("/api/page", interactive=False)
class PlainPage(View):
    def handle_request(self, request: Any) -> Any:
        return HTML(H1("A plain HTTP page"), P("no websocket involved"))


views.add_routes(app)

if __name__ == "__main__":
    app.run()
