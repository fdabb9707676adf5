"""Form nodes whose values stay in sync with the browser.

An input consumes its own CHANGE event: it stores the value the browser sent,
then calls ``handle_change``, and stops the event chain unless
``bubble_up=True``.  The stored value is not echoed back to the window that
typed it (the patch is tagged with its issuer), so fast typing never loses
characters, while every other tab of a daemon view gets the new value.

Data of the wrong type (a number for a text field, a string for a checkbox)
is refused before any handler runs (``check_event_data`` raises
``BadEventData``): the browser gets a BAD_EVENT error and the view goes on.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from typing import Any, ClassVar

from lona.html.events import CHANGE, CLICK, BadEventData
from lona.html.node import Node

__all__ = [
    "DEFAULT_INPUT_DELAY",
    "BadEventData",
    "Button",
    "CheckBox",
    "Flag",
    "Form",
    "Label",
    "NumberInput",
    "PythonValue",
    "Submit",
    "TextArea",
    "TextInput",
    "flag_setter",
    "set_flag",
    "set_from_client",
]

DEFAULT_INPUT_DELAY = 300


def set_flag(node: Node, name: str, value: bool) -> None:
    """Set or remove a boolean attribute such as ``disabled``."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} is a boolean property")
    if value:
        node.attributes[name] = True
    elif name in node.attributes:
        del node.attributes[name]


class Flag:
    """A boolean property stored as a flag attribute: ``disabled = Flag('disabled')``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, node: Node | None, owner: type | None = None) -> Any:
        if node is None:
            return self
        return self.name in node.attributes

    def __set__(self, node: Node, value: bool) -> None:
        set_flag(node, self.name, value)


class PythonValue:
    """A ``value`` of any Python type; the browser sees ``str(value)``.

    With ``render_value=False`` on the node the value stays on the server.
    """

    def __get__(self, node: Node | None, owner: type | None = None) -> Any:
        if node is None:
            return self
        return node.__dict__.get("_value", "")

    def __set__(self, node: Node, value: Any) -> None:
        with node.lock:
            node.__dict__["_value"] = value
            if node.__dict__.get("render_value", True):
                node.attributes["value"] = str(value)


def set_from_client(
    node: Node, attribute: str, input_event: Any, apply: Callable[[], None]
) -> None:
    """Apply what the browser sent; the window that sent it does not get it back."""
    with node.lock:
        apply()
        document = node.document
        issuer = getattr(input_event, "issuer", None)
        if document is not None and issuer is not None:
            document.mark_issued(node, attribute, issuer)


class Button(Node):
    TAG_NAME = "button"
    EVENTS = [CLICK]
    __slots__ = ()

    disabled = Flag("disabled")

    def __init__(self, *args: Any, disabled: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if disabled:
            self.disabled = True


class Submit(Node):
    """``<input type="submit">``: submits its form like a browser would."""

    TAG_NAME = "input"
    SELF_CLOSING_TAG = True
    ATTRIBUTES = {"type": "submit", "value": "Submit"}
    __slots__ = ()

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if value is not None:
            self.attributes["value"] = value


class Label(Node):
    TAG_NAME = "label"
    __slots__ = ()


class Form(Node):
    """A form; submitting it runs the view of its ``action`` with ``request.POST``."""

    TAG_NAME = "form"
    __slots__ = ()


class TextInput(Node):
    """A text field; ``input_delay`` (ms) debounces typing, 0 sends on change."""

    TAG_NAME = "input"
    SELF_CLOSING_TAG = True
    ATTRIBUTES = {"type": "text"}
    INPUT_ATTRIBUTE_NAME = "value"
    __slots__ = ()

    def __init__(
        self,
        value: Any = "",
        disabled: bool = False,
        readonly: bool = False,
        bubble_up: bool = False,
        input_delay: int = DEFAULT_INPUT_DELAY,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.bubble_up = bubble_up
        self.value = value
        self.disabled = disabled
        self.readonly = readonly
        self.events.add(CHANGE(input_delay))

    # value ##################################################################

    def _client_value(self, data: Any) -> Any:
        """Check and convert the value the browser sent (BadEventData if wrong)."""
        if not isinstance(data, str):
            raise BadEventData(f"{type(self).__name__} expects a string, got {data!r}")
        return data

    def _store_client_value(self, value: Any) -> None:
        self.value = value

    def check_event_data(self, name: str, data: Any) -> Any:
        if name == "change":
            return self._client_value(data)
        return super().check_event_data(name, data)

    @property
    def value(self) -> Any:
        return self.attributes.get(self.INPUT_ATTRIBUTE_NAME, "")

    @value.setter
    def value(self, new_value: Any) -> None:
        self.attributes[self.INPUT_ATTRIBUTE_NAME] = "" if new_value is None else str(new_value)

    disabled = Flag("disabled")
    readonly = Flag("readonly")

    # events #################################################################

    def handle_input_event(self, input_event: Any) -> Any:
        if input_event.name != "change":
            return super().handle_input_event(input_event)
        value = input_event.data  # checked and converted before any handler ran
        set_from_client(
            self, self.INPUT_ATTRIBUTE_NAME, input_event, lambda: self._store_client_value(value)
        )
        result = self.handle_change(input_event)
        return result if self.bubble_up else None


class TextArea(TextInput):
    TAG_NAME = "textarea"
    SELF_CLOSING_TAG = False
    ATTRIBUTES: ClassVar[dict[str, Any]] = {}
    __slots__ = ()


class CheckBox(TextInput):
    ATTRIBUTES = {"type": "checkbox"}
    INPUT_ATTRIBUTE_NAME = "checked"
    __slots__ = ()

    def __init__(
        self,
        value: bool = False,
        disabled: bool = False,
        readonly: bool = False,
        bubble_up: bool = False,
        **kwargs: Any,
    ) -> None:
        input_delay = kwargs.pop("input_delay", 0)
        super().__init__(value, disabled, readonly, bubble_up, input_delay=input_delay, **kwargs)

    def _client_value(self, data: Any) -> Any:
        if not isinstance(data, bool):
            raise BadEventData(f"{type(self).__name__} expects true or false, got {data!r}")
        return data

    @property
    def value(self) -> bool:
        return bool(self.attributes.get("checked", False))

    @value.setter
    def value(self, new_value: bool) -> None:
        if not isinstance(new_value, bool):
            raise TypeError("value is a boolean property")
        self.attributes["checked"] = new_value


class NumberInput(TextInput):
    """A number field: ``value`` is a float or None, ``raw_value`` the text."""

    ATTRIBUTES = {"type": "number"}
    __slots__ = ()

    def __init__(
        self,
        value: float | None = None,
        min: float | None = None,
        max: float | None = None,
        step: float | None = None,
        disabled: bool = False,
        readonly: bool = False,
        bubble_up: bool = False,
        input_delay: int = DEFAULT_INPUT_DELAY,
        **kwargs: Any,
    ) -> None:
        super().__init__(value, disabled, readonly, bubble_up, input_delay, **kwargs)
        self.min = min
        self.max = max
        self.step = step

    def _client_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, (str, int, float)):
            raise BadEventData(f"NumberInput expects a number or a string, got {data!r}")
        return str(data)

    @property
    def raw_value(self) -> str:
        return str(self.attributes.get("value", ""))

    @property
    def value(self) -> float | None:
        with contextlib.suppress(ValueError):
            number = float(self.raw_value)
            return number if math.isfinite(number) else None
        return None

    @value.setter
    def value(self, new_value: float | str | None) -> None:
        self.attributes["value"] = "" if new_value is None else str(new_value)

    @property
    def valid(self) -> bool:
        """Whether the value is a number within min, max and the step grid."""
        value = self.value
        if value is None:
            return False
        if self.min is not None and value < self.min:
            return False
        if self.max is not None and value > self.max:
            return False
        step = self.step
        if step:
            offset = (value - (self.min or 0)) / step
            return abs(offset - round(offset)) < 1e-9
        return True

    def _number_attribute(self, name: str) -> float | None:
        value = self.attributes.get(name)
        if value is None:
            return None
        with contextlib.suppress(TypeError, ValueError):
            return float(value)
        return None

    def _set_number_attribute(self, name: str, value: float | None) -> None:
        if value is None:
            if name in self.attributes:
                del self.attributes[name]
            return
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{name} should be None, int or float")
        self.attributes[name] = value

    @property
    def min(self) -> float | None:
        return self._number_attribute("min")

    @min.setter
    def min(self, value: float | None) -> None:
        self._set_number_attribute("min", value)

    @property
    def max(self) -> float | None:
        return self._number_attribute("max")

    @max.setter
    def max(self, value: float | None) -> None:
        self._set_number_attribute("max", value)

    @property
    def step(self) -> float | None:
        return self._number_attribute("step")

    @step.setter
    def step(self, value: float | None) -> None:
        self._set_number_attribute("step", value)


def flag_setter(node: Node, name: str, value: bool) -> Callable[[], None]:
    """``set_flag`` for later: what ``set_from_client`` applies."""
    return lambda: set_flag(node, name, value)
