"""Views the hardening tests attack: shared text, disabled controls, floods, a blocked loop."""

from __future__ import annotations

import time
from typing import Any

from lona import App, Channel, TemplateStringResponse, View
from lona.html import (
    H1,
    HTML,
    A,
    Button,
    CheckBox,
    Div,
    IFrame,
    Li,
    Option2,
    P,
    RadioButton,
    Select2,
    Span,
    TextArea,
    TextInput,
    Ul,
)
from lona.html.node import Node
from lona_conformance.recording import RecordingView, record

__all__ = ["add_routes"]

BOARD_TOPIC = "conformance.board"


class Board(View):
    """A message board every visitor shares (as in a chat): what one sends,
    every open board shows, and every later page load renders."""

    def handle_request(self, request: Any) -> Any:
        self.text = TextInput(_id="text", input_delay=0)
        self.messages = Ul(_id="messages")
        with self.server.state.lock:
            for text in self.server.state.get("board", []):
                self.messages.append(Li(text))
        self.subscribe(BOARD_TOPIC, self.received)
        return HTML(
            H1("Board"),
            self.messages,
            self.text,
            Button("Send", _id="send", handle_click=self.send),
        )

    def received(self, message: Any) -> None:
        self.messages.append(Li(message.data["text"]))

    def send(self, input_event: Any) -> None:
        text = self.text.value
        with self.server.state.lock:
            self.server.state["board"] = [*self.server.state.get("board", []), text][-20:]
        Channel(BOARD_TOPIC).send({"text": text})


class HeldSurrogate(View):
    """Text with a lone surrogate that the view itself holds (from a file read
    with surrogateescape, say)."""

    def handle_request(self, request: Any) -> Any:
        return HTML(H1("Held"), Div("held \udcff text", _id="held"))


class Controls(View):
    """Disabled and read-only controls whose handlers say when they run."""

    def handle_request(self, request: Any) -> Any:
        self.log = Div(_id="log")
        self.disabled_text = TextInput(
            "initial", _id="disabled-text", disabled=True, handle_change=self.changed
        )
        self.readonly_text = TextInput(
            "initial", _id="readonly-text", readonly=True, handle_change=self.changed
        )
        self.readonly_area = TextArea(
            "initial", _id="readonly-area", readonly=True, handle_change=self.changed
        )
        self.disabled_check = CheckBox(
            _id="disabled-check", disabled=True, handle_change=self.changed
        )
        # browsers ignore readonly on a checkbox: the user can tick it
        self.readonly_check = CheckBox(
            _id="readonly-check", readonly=True, handle_change=self.changed
        )
        self.disabled_radio = RadioButton("r", _id="disabled-radio", disabled=True)
        self.role = Select2(
            Option2("user", value="user", selected=True),
            Option2("admin", value="admin", disabled=True),
            _id="role",
            handle_change=self.changed,
        )
        self.disabled_button = Button(
            "disabled", _id="disabled-button", disabled=True, handle_click=self.clicked
        )
        fieldset = Node(
            Button("in fieldset", _id="fieldset-button", handle_click=self.clicked),
            tag_name="fieldset",
            disabled=True,
        )
        return HTML(
            H1("Controls"),
            self.disabled_text,
            self.readonly_text,
            self.readonly_area,
            self.disabled_check,
            self.readonly_check,
            self.disabled_radio,
            self.role,
            self.disabled_button,
            fieldset,
            Button("enabled", _id="enabled-button", handle_click=self.clicked),
            Button("enable all", _id="enable", handle_click=self.enable),
            self.log,
        )

    def changed(self, input_event: Any) -> None:
        node = input_event.node
        self.log.append(Div(f"changed {node.id_list[0]} to {node.value!r}"))

    def clicked(self, input_event: Any) -> None:
        self.log.append(Div(f"clicked {input_event.node.id_list[0]}"))

    def enable(self, input_event: Any) -> None:
        for node in (self.disabled_text, self.readonly_text, self.disabled_check):
            node.disabled = False
            node.readonly = False
        self.disabled_button.disabled = False
        self.log.append(Div("enabled"))


class Stream(RecordingView):
    """Shows ?count= updates of ?size= characters each, as fast as it can."""

    def handle_request(self, request: Any) -> Any:
        size = int(request.GET.get("size", "100000"))
        text = Div("", _id="text")
        html = HTML(H1("Stream"), text)
        for number in range(int(request.GET.get("count", "1000"))):
            text.set_text(f"{number} " + "x" * size)
            self.show(html)
        return html


class BlockingAsync(View):
    """An async view that blocks the event loop (``time.sleep``), as a mistake would."""

    async def handle_request(self, request: Any) -> Any:
        time.sleep(float(request.GET.get("seconds", "1")))  # blocks the loop, on purpose
        return HTML(H1("Blocking"), Span("done", _id="done"))


class Started(RecordingView):
    """Records every start, so tests can count how many views a flood started."""

    def handle_request(self, request: Any) -> Any:
        record("started", name=self.name)
        return HTML(H1("Started"))


SCRIPT_URL = "javascript:window.pwned = 'url'"
SRCDOC = (
    "<p id='inside'>inside</p><script>parent.pwned = 'srcdoc'</script>"
    "<img src='x' onerror=\"parent.pwned = 'onerror'\">"
)
OVERLAY = "red; position: fixed; inset: 0; background: black; z-index: 9"


class Injection(View):
    """User text where it could run script or cover the page, as a careless view puts it."""

    def handle_request(self, request: Any) -> Any:
        return HTML(
            H1("Injection"),
            A("link", attributes={"HREF": SCRIPT_URL}, _id="upper-case-href"),
            IFrame(srcdoc=SRCDOC, _id="frame"),
            P("styled", style={"color": OVERLAY}, _id="styled"),
        )


class TemplateLink(View):
    def handle_request(self, request: Any) -> Any:
        return TemplateStringResponse(
            "<a id='template-link' href='{{ q }}'>link</a>", {"q": SCRIPT_URL}
        )


def add_routes(app: App) -> None:
    app.route("/hardening/board")(Board)
    app.route("/hardening/held-surrogate")(HeldSurrogate)
    app.route("/hardening/controls")(Controls)
    app.route("/hardening/stream")(Stream)
    app.route("/hardening/blocking")(BlockingAsync)
    app.route("/hardening/started")(Started)
    app.route("/hardening/injection")(Injection)
    app.route("/hardening/template-link", interactive=False)(TemplateLink)
