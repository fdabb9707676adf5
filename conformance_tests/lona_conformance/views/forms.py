"""Views for forms: every input's value as the server sees it, and form posts.

``/forms`` appends one JSON line to ``#log`` per change event:
``{"input": id, "value": ..., "data": ...}`` where ``value`` is the input's
value property after the change.  ``/form-post`` submits a form to
``/form-result``, which shows ``request.method`` and ``request.POST``.
"""

from __future__ import annotations

import json
from typing import Any

from lona import App, View
from lona.html import (
    H1,
    HTML,
    CheckBox,
    Div,
    Form,
    Label,
    NumberInput,
    Option2,
    RadioButton,
    RadioGroup,
    Select2,
    Submit,
    TextArea,
    TextInput,
)
from lona.input_event import InputEvent

__all__ = ["add_routes"]


def _json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


class Forms(View):
    def handle_request(self, request: Any) -> Any:
        self.log = Div(_id="log")
        self.bubbled = Div("", _id="bubbled")
        radios = RadioGroup(_id="radio", handle_change=self.record)
        radios.add_button("Red", "red")
        radios.add_button("Green", "green")
        radios.add_button(Label("Blue", RadioButton(value="blue", _id="blue")))
        inputs = [
            TextInput(_id="text", handle_change=self.record),
            TextInput(_id="text-now", input_delay=0, handle_change=self.record),
            TextArea(_id="textarea", input_delay=0, handle_change=self.record),
            CheckBox(_id="checkbox", handle_change=self.record),
            NumberInput(
                _id="number", min=0, max=10, step=0.5, input_delay=0, handle_change=self.record
            ),
            Select2(
                Option2("One", value=1),
                Option2("Two", value=2),
                Option2("Three", value=3),
                _id="select",
                handle_change=self.record,
            ),
            Select2(
                Option2("A", value="a"),
                Option2("B", value="b"),
                Option2("C", value="c"),
                _id="multi",
                multiple=True,
                handle_change=self.record,
            ),
            radios,
        ]
        bubbling = Div(
            TextInput(_id="bubbling", input_delay=0, bubble_up=True),
            handle_change=self.bubble,
        )
        return HTML(H1("Forms"), *inputs, bubbling, self.bubbled, self.log)

    def record(self, input_event: InputEvent) -> None:
        node = input_event.node
        assert node is not None
        entry: dict[str, Any] = {
            "input": node.id_list[0],
            "value": _json_value(node.value),  # type: ignore[attr-defined]
            "data": input_event.data,
        }
        if isinstance(node, NumberInput):
            entry.update(raw_value=node.raw_value, valid=node.valid)
        self.log.append(Div(json.dumps(entry), _class="entry"))

    def bubble(self, input_event: InputEvent) -> None:
        self.bubbled.set_text(f"bubbled: {input_event.node.value}")  # type: ignore[union-attr]


class FormPost(View):
    def handle_request(self, request: Any) -> Any:
        return HTML(
            H1("Form post"),
            Form(
                TextInput(name="name", _id="name", input_delay=0),
                CheckBox(name="agree", _id="agree"),
                Select2(
                    Option2("x", value="x"), Option2("y", value="y"), name="choice", _id="choice"
                ),
                Submit(_id="submit"),
                method="post",
                action="/form-result",
            ),
            Form(TextInput(name="q", _id="query"), Submit(_id="search"), action="/form-result"),
        )


class FormResult(View):
    def handle_request(self, request: Any) -> Any:
        return HTML(
            H1("Form result"),
            Div(request.method, _id="method"),
            Div(json.dumps(request.POST, sort_keys=True), _id="post"),
            Div(json.dumps(request.GET, sort_keys=True), _id="get"),
        )


def add_routes(app: App) -> None:
    app.route("/forms")(Forms)
    app.route("/form-post")(FormPost)
    app.route("/form-result")(FormResult)
