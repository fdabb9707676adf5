"""Form nodes whose values stay in sync with the browser.

An input consumes its own CHANGE event: it stores the value the browser sent,
then calls ``handle_change``, and stops the event chain unless
``bubble_up=True``.  The stored value is not echoed back to the window that
typed it (the patch is tagged with its issuer), so fast typing never loses
characters, while every other tab of a daemon view gets the new value.
"""

from __future__ import annotations

import contextlib
from typing import Any, ClassVar

from lona.html.events import CHANGE, CLICK
from lona.html.node import Node

__all__ = [
    "DEFAULT_INPUT_DELAY",
    "BadEventData",
    "Button",
    "CheckBox",
    "Form",
    "Label",
    "NumberInput",
    "Select",
    "Submit",
    "TextArea",
    "TextInput",
]

DEFAULT_INPUT_DELAY = 300


class BadEventData(ValueError):
    """The browser sent a value of the wrong type for this node."""


class Button(Node):
    TAG_NAME = "button"
    EVENTS = [CLICK]
    __slots__ = ()

    def __init__(self, *args: Any, disabled: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if disabled:
            self.disabled = True

    @property
    def disabled(self) -> bool:
        return "disabled" in self.attributes

    @disabled.setter
    def disabled(self, value: bool) -> None:
        _set_flag(self, "disabled", value)


class Submit(Node):
    """``<input type="submit">``: submits its form like a browser would."""

    TAG_NAME = "input"
    SELF_CLOSING_TAG = True
    ATTRIBUTES = {"type": "submit"}
    __slots__ = ()

    def __init__(self, value: str = "Submit", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.attributes["value"] = value


class Label(Node):
    TAG_NAME = "label"
    __slots__ = ()


class Form(Node):
    TAG_NAME = "form"
    __slots__ = ()


def _set_flag(node: Node, name: str, value: bool) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"{name} is a boolean property")
    if value:
        node.attributes[name] = True
    elif name in node.attributes:
        del node.attributes[name]


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
        """Check and convert the value the browser sent."""
        if not isinstance(data, str):
            raise BadEventData(f"{type(self).__name__} expects a string, got {data!r}")
        return data

    @property
    def value(self) -> Any:
        return self.attributes.get(self.INPUT_ATTRIBUTE_NAME, "")

    @value.setter
    def value(self, new_value: Any) -> None:
        self.attributes[self.INPUT_ATTRIBUTE_NAME] = "" if new_value is None else str(new_value)

    @property
    def disabled(self) -> bool:
        return "disabled" in self.attributes

    @disabled.setter
    def disabled(self, value: bool) -> None:
        _set_flag(self, "disabled", value)

    @property
    def readonly(self) -> bool:
        return "readonly" in self.attributes

    @readonly.setter
    def readonly(self, value: bool) -> None:
        _set_flag(self, "readonly", value)

    # events #################################################################

    def handle_input_event(self, input_event: Any) -> Any:
        if input_event.name != "change":
            return super().handle_input_event(input_event)
        value = self._client_value(input_event.data)
        issuer = (input_event.connection, input_event.window_id)
        with self.lock:
            self._store_client_value(value)
            document = self.document
            if document is not None:
                document.mark_issued(self, self.INPUT_ATTRIBUTE_NAME, issuer)
        result = self.handle_change(input_event)
        return result if self.bubble_up else None

    def _store_client_value(self, value: Any) -> None:
        self.value = value


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
            raise BadEventData(f"CheckBox expects true or false, got {data!r}")
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

    def _store_client_value(self, value: Any) -> None:
        self.attributes["value"] = value

    @property
    def raw_value(self) -> str:
        return str(self.attributes.get("value", ""))

    @property
    def value(self) -> float | None:
        with contextlib.suppress(ValueError):
            return float(self.raw_value)
        return None

    @value.setter
    def value(self, new_value: float | str | None) -> None:
        self.attributes["value"] = "" if new_value is None else str(new_value)

    @property
    def valid(self) -> bool:
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
        with contextlib.suppress(TypeError, ValueError):
            return float(self.attributes[name])
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


class Select(Node):
    """A plain ``<select>``; its CHANGE data is the list of selected indices."""

    TAG_NAME = "select"
    EVENTS = [CHANGE]
    __slots__ = ()
