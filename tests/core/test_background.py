"""``@background`` input event handlers, and the default order of events, in memory."""

from __future__ import annotations

import asyncio
import threading

import pytest

from lona import RedirectResponse, View, background
from lona.html import HTML, Button, Div, Span


def _counting_page(view, slow_handler):
    view.count = Span("0", _id="count")
    view.status = Div("idle", _id="status")
    view.seen = []
    return HTML(
        view.count,
        view.status,
        Button("slow", _id="slow", handle_click=slow_handler),
        Button("+1", _id="inc", handle_click=lambda e: _increment(view)),
    )


def _increment(view):
    view.seen.append(view.status.get_text())
    view.count.set_text(int(view.count.get_text()) + 1)


def test_a_views_events_are_handled_one_at_a_time_in_arrival_order(app, served):
    gate = threading.Event()

    @app.route("/")
    class Ordered(View):
        def handle_request(self, request):
            return _counting_page(self, self.slow)

        def slow(self, input_event):
            self.status.set_text("working")
            self.show()
            gate.wait(10)
            self.status.set_text("done")

    server, connect = served()
    window = connect().open("http://t/", wait_for="idle")
    window.click(window.element(id="slow"), wait=False)
    window.wait_for_text("working")
    clicks = [window.click(window.element(id="inc"), wait=False) for _ in range(3)]
    gate.set()
    window.wait_until(lambda: all(c in window.acked for c in clicks), what="the acks")
    (view,) = server.get_views()
    assert view.seen == ["done", "done", "done"]


def test_a_background_handler_lets_the_view_answer_other_clicks(app, served):
    gate = threading.Event()

    @app.route("/")
    class Exporting(View):
        def handle_request(self, request):
            return _counting_page(self, self.export)

        @background
        def export(self, input_event):
            self.status.set_text("working")
            self.show()
            gate.wait(10)
            self.status.set_text("exported")  # no show(): shown when the handler returns

    server, connect = served()
    window = connect().open("http://t/", wait_for="idle")
    window.click(window.element(id="slow"))  # acknowledged at once
    window.wait_for_text("working")
    for _ in range(3):
        window.click(window.element(id="inc"))
    assert window.element(id="count").get_text() == "3"
    gate.set()
    window.wait_for_text("exported")
    (view,) = server.get_views()
    assert view.seen == ["working"] * 3


def test_an_async_background_handler_runs_as_its_own_task(app, served):
    released = []

    @app.route("/")
    class AsyncExporting(View):
        async def handle_request(self, request):
            self.release = asyncio.Event()
            return _counting_page(self, self.export)

        @background
        async def export(self, input_event):
            self.status.set_text("working")
            self.show()
            await self.release.wait()
            released.append(True)
            self.status.set_text("exported")

    server, connect = served()
    window = connect().open("http://t/", wait_for="idle")
    window.click(window.element(id="slow"))
    window.wait_for_text("working")
    window.click(window.element(id="inc"))
    assert window.element(id="count").get_text() == "1"
    (view,) = server.get_views()
    server.core_loop.call_soon(view.release.set)
    window.wait_for_text("exported")
    assert released == [True]


def test_background_marks_plain_functions_and_bound_methods(app, served):
    class Plain:
        def method(self, input_event):
            return None

    bound = Plain().method
    marked = background(bound)
    assert marked is not bound and marked(None) is None
    function = background(lambda event: None)
    assert function.__name__ == "<lambda>"
    with pytest.raises(TypeError):
        background(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("outcome", ["crash", "redirect"])
def test_a_background_handler_may_crash_or_redirect_like_any_handler(app, served, outcome):
    @app.route("/")
    class Ending(View):
        def handle_request(self, request):
            return HTML(Button("go", _id="go", handle_click=self.go))

        @background
        def go(self, input_event):
            if outcome == "crash":
                raise ValueError("boom")
            return RedirectResponse("/elsewhere")

    _server, connect = served()
    window = connect().open("http://t/", wait_for="go")
    window.click(window.element(id="go"))
    if outcome == "crash":
        window.wait_for_text("500")
    else:
        window.wait_until(lambda: window.redirects == [("view", "/elsewhere")], what="redirect")


def test_the_chain_ends_at_a_background_handler(app, served):
    reached = []

    @app.route("/")
    class Chained(View):
        def handle_request(self, request):
            self.label = Span("waiting")
            inner = Button("go", _id="go", handle_click=background(self.in_background))
            return HTML(self.label, Div(inner, handle_click=lambda e: reached.append("outer") or e))

        def in_background(self, input_event):
            reached.append("bg")
            self.label.set_text("ran")

        def handle_input_event(self, input_event):
            reached.append("view")

    _server, connect = served()
    window = connect().open("http://t/", wait_for="waiting")
    window.click(window.element(id="go"))
    window.wait_for_text("ran")
    assert reached == ["bg"]
