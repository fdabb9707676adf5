"""The application every adapter serves for the conformance suite.

Run as ``python -m lona_conformance.app --adapter NAME --port P``.  Views
append lifecycle events (``on_stop``, ``on_cleanup`` ...) as JSON lines to
the file named by ``LONA_CONFORMANCE_LOG``, so tests can check hooks even
after the server process has exited.
"""

from __future__ import annotations

import json
import os
from typing import Any

from lona import (
    App,
    ForbiddenError,
    HttpRedirectResponse,
    JsonResponse,
    NotFoundError,
    RedirectResponse,
    View,
)
from lona.html import H1, HTML, A, Button, Div, P, Span, TextInput
from lona_conformance import views
from lona_conformance.recording import RecordingView

app = App(__file__)
app.settings.CLIENT_TITLE = "conformance"
# tests of limits and timeouts start the app with their own settings
app.settings.update(json.loads(os.environ.get("LONA_CONFORMANCE_SETTINGS", "{}")))


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


@app.route("/not-found")
class NotFound(View):
    def handle_request(self, request: Any) -> Any:
        raise NotFoundError()


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


@app.route("/sequence")
class Sequence(View):
    """Each change event carries the next number: the view counts any number
    that is not the one after the last as a fault (lost, doubled or reordered)."""

    def handle_request(self, request: Any) -> Any:
        self.last_number = 0
        self.last = Span("0", _id="last")
        self.faults = Span("0", _id="faults")
        field = TextInput(_id="field", input_delay=0, handle_change=self.changed)
        return HTML(H1("Sequence"), field, Div("last: ", self.last, " faults: ", self.faults))

    def changed(self, input_event: Any) -> None:
        number = int(input_event.node.value)
        if number != self.last_number + 1:
            self.faults.set_text(int(self.faults.get_text()) + 1)
        self.last_number = number
        self.last.set_text(number)


@app.route("/big-on-click")
class BigOnClick(View):
    """A click makes the page ?size= characters big: more than a socket buffers."""

    def handle_request(self, request: Any) -> Any:
        self.text = Div("small", _id="text")
        return HTML(H1("Big"), self.text, Button("grow", _id="grow", handle_click=self.grow))

    def grow(self, input_event: Any) -> None:
        self.text.set_text("x" * int(self.request.GET.get("size", "1000")))


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


@app.route("/flood")
class Flood(View):
    """Sends patches as fast as it can, for tests of clients that do not read."""

    def handle_request(self, request: Any) -> Any:
        counter = Span("0", _id="counter")
        html = HTML(H1("Flood"), counter)
        for number in range(int(request.GET.get("count", "20000"))):
            counter.set_text(number)
            self.show(html)
        return html


views.add_routes(app)

if __name__ == "__main__":
    app.run()
