"""Input events in memory: redirects from every hook, custom events, awaits, bad data."""

from __future__ import annotations

import pytest

from lona import HttpRedirectResponse, RedirectResponse, View
from lona.html import FOCUS, HTML, Button, Div, Node, Span, TextInput
from lona.protocol import ErrorCode, EventType


@pytest.mark.parametrize("hook", ["handle_input_event_root", "handle_input_event", "node"])
@pytest.mark.parametrize("response", [RedirectResponse, HttpRedirectResponse])
def test_every_hook_of_the_chain_may_redirect(app, served, hook, response) -> None:
    @app.route("/")
    class Redirecting(View):
        def handle_request(self, request):
            handler = (lambda e: response("/next")) if hook == "node" else None
            return HTML(Button("go", _id="go", handle_click=handler))

        def handle_input_event_root(self, input_event):
            return response("/next") if hook == "handle_input_event_root" else input_event

        def handle_input_event(self, input_event):
            return response("/next") if hook == "handle_input_event" else input_event

    _server, connect = served()
    window = connect().open("http://t/", wait_for="go")
    window.click(window.element(id="go"))
    kind = "http" if response is HttpRedirectResponse else "view"
    window.wait_until(lambda: window.redirects == [(kind, "/next")], what="the redirect")


def test_custom_events_reach_the_node_and_the_view(app, served) -> None:
    seen = []

    class Picker(Node):
        WIDGET = "Picker"

        def handle_picked(self, input_event):
            seen.append(("node", input_event.name, input_event.data, input_event.type))
            return input_event

    @app.route("/")
    class Custom(View):
        def handle_request(self, request):
            return HTML(Picker(_id="picker"), Span("ready"))

        def handle_input_event(self, input_event):
            node = input_event.node.id_list[0] if input_event.node is not None else None
            seen.append(("view", input_event.name, node))

    _server, connect = served()
    window = connect().open("http://t/", wait_for="ready")
    window.send_event("picked", window.element(id="picker"), {"item": 2})
    window.send_event("nodeless", None, [1, 2])
    assert seen == [
        ("node", "picked", {"item": 2}, EventType.CUSTOM),
        ("view", "picked", "picker"),
        ("view", "nodeless", None),
    ]


def test_awaits_match_their_nodes_by_identity(app, served) -> None:
    @app.route("/")
    class Awaiting(View):
        def handle_request(self, request):
            first, twin = Button("same", _id="first"), Button("same", _id="twin")
            status = Div("waiting", _id="status")
            html = HTML(first, twin, status)
            event = self.await_click(twin, html=html)  # ``first == twin`` structurally
            status.set_text(f"got {event.node.id_list[0]}")
            return html

    _server, connect = served()
    window = connect().open("http://t/", wait_for="waiting")
    window.click(window.element(id="first"))
    assert "waiting" in window.text()
    window.click(window.element(id="twin"))
    window.wait_for_text("got twin")


def test_focus_and_blur_data_is_always_an_empty_list(app, served) -> None:
    seen = []

    @app.route("/")
    class Focus(View):
        def handle_request(self, request):
            return HTML(
                TextInput(_id="f", events=[FOCUS], handle_focus=lambda e: seen.append(e.data))
            )

    _server, connect = served()
    window = connect().open("http://t/")
    window.wait_until(lambda: window.document.root is not None, what="the tree")
    window.send_event(EventType.FOCUS, window.element(id="f"), {"unexpected": True})
    assert seen == [[]]


def test_a_click_without_data_gets_the_documented_fields(app, served) -> None:
    seen = []

    @app.route("/")
    class Click(View):
        def handle_request(self, request):
            return HTML(Button("go", _id="go", handle_click=lambda e: seen.append(e.data)))

    _server, connect = served()
    window = connect().open("http://t/", wait_for="go")
    window.send_event(EventType.CLICK, window.element(id="go"), None)
    assert seen == [
        {
            "alt_key": False,
            "shift_key": False,
            "meta_key": False,
            "ctrl_key": False,
            "node_width": 0,
            "node_height": 0,
            "x": 0,
            "y": 0,
        }
    ]


def test_a_wrong_change_value_is_refused_before_any_handler_runs(app, served) -> None:
    calls = []

    @app.route("/")
    class Refusing(View):
        def handle_request(self, request):
            return HTML(TextInput(_id="f", handle_change=lambda e: calls.append(e.data)))

        def handle_input_event_root(self, input_event):
            calls.append("root")
            return input_event

    _server, connect = served()
    window = connect().open("http://t/")
    window.wait_until(lambda: window.document.root is not None, what="the tree")
    event_id = window.change(window.element(id="f"), ["a", "list"])
    assert window.errors == [
        (
            ErrorCode.BAD_EVENT,
            "change event refused: TextInput expects a string, got ['a', 'list']",
            event_id,
        )
    ]
    window.change(window.element(id="f"), "fine")
    assert calls == ["root", "fine"]


def test_a_slow_handler_is_logged_with_its_view_and_name(app, served, caplog):
    from lona import View
    from lona.html import HTML, Button

    @app.route("/")
    class Report(View):
        def handle_request(self, request):
            return HTML(
                Button("export", _id="export", handle_click=self.export),
                Button("quick", _id="quick", handle_click=self.quick),
            )

        def export(self, input_event):
            pass

        def quick(self, input_event):
            pass

    app.settings.SLOW_HANDLER_WARNING = 1e-9  # every handler takes longer than this
    _server, connect = served()
    window = connect().open("http://t/", wait_for="export")
    with caplog.at_level("WARNING", "lona.events"):
        window.click(window.element(id="export"))
    assert "slow input event handler: Report.export took" in caplog.text
    assert "for a click event in Report" in caplog.text
    caplog.clear()
    app.server.settings.SLOW_HANDLER_WARNING = 0  # never
    with caplog.at_level("WARNING", "lona.events"):
        window.click(window.element(id="quick"))
    assert "slow input event handler" not in caplog.text
