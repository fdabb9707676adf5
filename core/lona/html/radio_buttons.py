"""``RadioGroup`` and ``RadioButton``: one choice out of several.

A ``RadioGroup`` is a ``<form>``, so the browser scopes the buttons' names to
it and two groups on one page stay independent.  A click on a button sends
a CHANGE for that button; the button stores it and passes the event up
(``bubble_up`` defaults to True for buttons); the group unchecks its other
buttons, rewrites the event to itself (``input_event.node`` is the group,
``input_event.data`` its new value) and consumes it unless ``bubble_up``.
"""

from __future__ import annotations

import uuid
from typing import Any

from lona.html.base import AbstractNode
from lona.html.events import BadEventData
from lona.html.forms import Flag, Label, PythonValue, TextInput, flag_setter, set_from_client
from lona.html.node import Node

__all__ = ["RadioButton", "RadioGroup"]


class RadioButton(TextInput):
    """``<input type="radio">`` with a ``value`` of any Python type."""

    ATTRIBUTES = {"type": "radio", "name": "radio"}
    INPUT_ATTRIBUTE_NAME = "checked"
    __slots__ = ()

    def __init__(
        self,
        value: Any = "",
        checked: bool = False,
        render_value: bool = True,
        disabled: bool = False,
        readonly: bool = False,
        bubble_up: bool = True,
        **kwargs: Any,
    ) -> None:
        self.render_value = render_value
        super().__init__(value, disabled, readonly, bubble_up, input_delay=0, **kwargs)
        self.checked = checked

    def _client_value(self, data: Any) -> Any:
        if not isinstance(data, bool):
            raise BadEventData(f"RadioButton expects true or false, got {data!r}")
        return data

    def _store_client_value(self, value: Any) -> None:
        self.checked = value

    value = PythonValue()
    checked = Flag("checked")

    @property
    def name(self) -> str:
        return str(self.attributes.get("name", ""))

    @name.setter
    def name(self, value: str) -> None:
        self.attributes["name"] = value


class RadioGroup(Node):
    """The radio buttons inside it form one group; ``value`` is the checked one's."""

    TAG_NAME = "form"
    __slots__ = ()

    def __init__(self, *nodes: Any, bubble_up: bool = False, **kwargs: Any) -> None:
        super().__init__(*nodes, **kwargs)
        self.bubble_up = bubble_up

    @property
    def radio_buttons(self) -> tuple[RadioButton, ...]:
        return tuple(node for node in self.iter_nodes() if isinstance(node, RadioButton))

    @property
    def checked_radio_button(self) -> RadioButton | None:
        with self.lock:
            return next((button for button in self.radio_buttons if button.checked), None)

    @property
    def value(self) -> Any:
        button = self.checked_radio_button
        return button.value if button is not None else None

    @value.setter
    def value(self, new_value: Any) -> None:
        with self.lock:
            buttons = self.radio_buttons
            if new_value is not None and new_value not in [b.value for b in buttons]:
                raise ValueError(f"no radio button with value {new_value!r}")
            for button in buttons:
                button.checked = new_value is not None and button.value == new_value

    @property
    def values(self) -> tuple[Any, ...]:
        return tuple(button.value for button in self.radio_buttons)

    def add_button(self, *nodes: Any) -> None:
        """``add_button('Label', value)`` or ``add_button(Label(...), RadioButton(...))``."""
        if len(nodes) == 2 and isinstance(nodes[0], str) and not isinstance(nodes[1], Node):
            self.add_button(Label(nodes[0]), RadioButton(value=nodes[1]))
            return
        helper = Node(nodes=list(nodes))
        found = list(helper.iter_nodes())
        buttons = [node for node in found if isinstance(node, RadioButton)]
        # a label's ``for`` makes it check the button; an element has one HTML id
        ids = [button.id_list[0] for button in buttons if button.id_list]
        button_id = ids[0] if ids else f"lona-radio-{uuid.uuid4().hex[:12]}"
        for node in found:
            if isinstance(node, Label):
                node.attributes["for"] = button_id
        for button in buttons:
            if not button.id_list:
                button.id_list.add(button_id)
        children: list[AbstractNode] = list(helper.nodes)
        helper.clear()
        self.extend(children)

    # events #################################################################

    def handle_input_event(self, input_event: Any) -> Any:
        button = input_event.node
        if (
            input_event.name != "change"
            or not isinstance(button, RadioButton)
            or not any(node is button for node in self.radio_buttons)
        ):
            return super().handle_input_event(input_event)
        with self.lock:
            for other in self.radio_buttons:
                if other is not button and other.checked and other.name == button.name:
                    # the browser unchecked it already when the user checked ``button``
                    set_from_client(
                        other, "checked", input_event, flag_setter(other, "checked", False)
                    )
            input_event.node = self
            input_event.data = self.value
        result = self.handle_change(input_event)
        return result if self.bubble_up else None
