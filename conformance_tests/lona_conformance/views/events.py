"""Views for input events: what an event carries, the handler chain, awaiting.

``/events`` appends one JSON line per handled event to ``#log``; ``/chain``
shows which steps of the handler chain ran for the last click;
``/await-focus`` waits for focus and blur with node filters.
"""

from __future__ import annotations

import json
from typing import Any

from lona import App, View
from lona.html import (
    BLUR,
    CLICK,
    FOCUS,
    HTML,
    HTML2,
    Button,
    Div,
    Node,
    RawHTML,
    Span,
    TextInput,
)
from lona.html.children import ParentNode
from lona.input_event import InputEvent
from lona_conformance.views.rendering import ConformanceWidget

__all__ = ["add_routes", "describe"]


def _name(node: ParentNode | None) -> str | None:
    if node is None:
        return None
    if not isinstance(node, Node):
        return type(node).__name__  # a legacy widget (HTML() with CLIENT_VERSION 1)
    ids = list(node.id_list)
    return ids[0] if ids else node.tag_name


def describe(event: InputEvent) -> dict[str, Any]:
    """Everything an InputEvent says, in JSON terms."""
    target = event.target_node
    return {
        "name": event.name,
        "type": int(event.type),
        "node": _name(event.node),
        "target": _name(target) if isinstance(target, Node) else None,
        "nodes": [_name(node) for node in event.nodes],
        "data": event.data,
        "tag_name": event.tag_name,
        "id_list": list(event.id_list),
        "class_list": list(event.class_list),
        "node_has_id_clickable": event.node_has_id("clickable"),
        "node_has_class_big": event.node_has_class("big"),
        "event_id": event.event_id,
        "window_id": event.window_id,
        "connection": event.connection is not None,
        "request_path": event.request.url.path,
        "document": event.document is not None,
        "payload": event.payload,
    }


class Events(View):
    def handle_request(self, request: Any) -> Any:
        self.log = Div(_id="log")
        self.target = Button("target", _id="target", handle_click=self.record)
        self.widget = ConformanceWidget(_id="event-widget")
        clickable = Div(
            "click me ",
            Span("inner text", _id="inner-span"),
            Div("inner clickable", _id="inner-clickable", events=[CLICK]),
            _id="clickable",
            _class="box big",
            events=[CLICK],
            style={"width": "200px", "height": "100px"},
            handle_click=self.record,
        )
        field = TextInput(
            _id="field",
            events=[FOCUS, BLUR],
            input_delay=0,
            handle_change=self.record,
            handle_focus=self.record,
            handle_blur=self.record,
        )
        # a div at the root (client 2's HTML), as the chain test expects
        return HTML2(
            clickable,
            Button("modifiers", _id="modifiers", handle_click=self.record),
            Div("ignored", _id="ignored", events=[CLICK], ignore=True, handle_click=self.record),
            field,
            RawHTML('<div id="raw-clickable" class="raw c2" data-lona-events="301">raw</div>'),
            self.widget,
            Node(widget="LateWidget", widget_data={"late": True}, _id="late-widget"),
            Div(Button("remove", _id="remove-target", handle_click=self.remove), self.target),
            Button("remove widget", _id="remove-widget", handle_click=self.remove_widget),
            self.log,
        )

    def record(self, input_event: InputEvent) -> None:
        self.log.append(Div(json.dumps(describe(input_event)), _class="entry"))

    def remove(self, input_event: InputEvent) -> None:
        self.target.remove()

    def remove_widget(self, input_event: InputEvent) -> None:
        self.widget.remove()

    def handle_input_event(self, input_event: InputEvent) -> Any:
        # events of raw HTML and custom widget events end up here
        self.record(input_event)
        return None


class Chain(View):
    """Shows the chain steps of the last event in ``#calls``.

    ``handle_request`` first awaits any click, then only clicks on ``#other``.
    """

    def handle_request(self, request: Any) -> Any:
        self.calls: list[str] = []
        self.shown = Div("", _id="calls")
        inner = Button("inner", _id="inner", handle_click=lambda e: self.note("inner", e))
        stopper = Button("stopper", _id="stopper", handle_click=lambda e: self.note("stopper"))
        outer = Div(inner, stopper, _id="outer", handle_click=lambda e: self.note("outer", e))
        other = Button("other", _id="other")
        html = HTML(outer, other, self.shown)
        event = self.await_click(html=html)
        while True:
            self.note(f"await:{_name(event.node)}")
            event = self.await_click(other, html=html)

    def note(self, step: str, result: Any = None) -> Any:
        self.calls.append(step)
        self.shown.set_text(" ".join(self.calls))
        return result

    def handle_input_event_root(self, input_event: InputEvent) -> Any:
        self.calls = []
        return self.note("root", input_event)

    def handle_input_event(self, input_event: InputEvent) -> Any:
        return self.note("view")


class AwaitFocus(View):
    def handle_request(self, request: Any) -> Any:
        first = TextInput(_id="first", events=[FOCUS, BLUR])
        second = TextInput(_id="second", events=[FOCUS, BLUR])
        status = Div("waiting", _id="status")
        html = HTML(first, second, status)
        self.await_focus(second, html=html)
        status.set_text("second focused")
        self.await_blur(second, html=html)  # html= shows it once the wait is in place
        status.set_text("second blurred")
        event = self.await_focus(first, second, html=html)
        status.set_text(f"{_name(event.node)} focused again")
        return html


def add_routes(app: App) -> None:
    app.route("/events")(Events)
    app.route("/chain")(Chain)
    app.route("/await-focus")(AwaitFocus)
