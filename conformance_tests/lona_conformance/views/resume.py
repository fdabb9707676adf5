"""A view whose state lives only in the view: what resuming must not lose.

``/resume?name=N`` has a counter (``#plus``), a text input with Lona's
default input delay (``#field``) and a select (``#choice``).  It records
``handle_request``, every click (with the count it makes) and every change
(with the value) under ``N``, so a test can tell that each input reached the
view once, in order, and which view instance got it (``view`` is the id of
the instance).  ``#state`` shows what the view holds, so the page's DOM can
be compared with the view's own state.
"""

from __future__ import annotations

from typing import Any

from lona import App
from lona.html import HTML, Button, Div, Option2, Select2, Span, TextInput
from lona.input_event import InputEvent
from lona_conformance.recording import RecordingView, record

__all__ = ["add_routes"]


class Resumable(RecordingView):
    def handle_request(self, request: Any) -> Any:
        record("handle_request", name=self.name, view=id(self))
        self.count = 0
        self.text = ""
        self.choice = "a"
        self.state = Span(self._state(), _id="state")
        self.count_text = Span("0", _id="count")
        return HTML(
            Div("count: ", self.count_text),
            Button("+1", _id="plus", handle_click=self.plus),
            TextInput(_id="field", handle_change=self.typed),
            Select2(
                Option2("a", value="a", selected=True),
                Option2("b", value="b"),
                _id="choice",
                handle_change=self.chose,
            ),
            Div(self.state),
        )

    def _state(self) -> str:
        return f"{self.count}|{self.text}|{self.choice}"

    def _show_state(self) -> None:
        self.count_text.set_text(str(self.count))
        self.state.set_text(self._state())

    def plus(self, input_event: InputEvent) -> None:
        self.count += 1
        record("click", name=self.name, view=id(self), count=self.count)
        self._show_state()

    def typed(self, input_event: InputEvent) -> None:
        self.text = str(getattr(input_event.node, "value", ""))
        record("change", name=self.name, view=id(self), value=self.text)
        self._show_state()

    def chose(self, input_event: InputEvent) -> None:
        self.choice = str(getattr(input_event.node, "value", ""))
        record("choice", name=self.name, view=id(self), value=self.choice)
        self._show_state()


def add_routes(app: App) -> None:
    app.route("/resume")(Resumable)
