"""Selects whose selection stays in sync: Lona's ``Select`` and ``Select2``/``Option2``.

An option's ``value`` may be any Python object; the browser sees
``str(value)`` (unless ``render_value=False``) and sends back the indices of
the selected options, which the select maps to its options.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lona.html.events import CHANGE, BadEventData
from lona.html.forms import Flag, PythonValue, flag_setter, set_flag, set_from_client
from lona.html.node import DeprecatedNode, Node

__all__ = ["Option2", "Select", "Select2", "SelectBase"]


class SelectBase(Node):
    """What both selects share: their flags, and taking over the browser's selection.

    The browser sends the indices of the selected options; ``_select_options``
    lists the options the way it counts them.
    """

    TAG_NAME = "select"
    EVENTS = [CHANGE]
    __slots__ = ()

    def __init__(
        self,
        *args: Any,
        disabled: bool = False,
        multiple: bool = False,
        readonly: bool = False,
        bubble_up: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.disabled = disabled
        self.multiple = multiple
        self.readonly = readonly
        self.bubble_up = bubble_up

    disabled = Flag("disabled")
    multiple = Flag("multiple")
    readonly = Flag("readonly")

    def _select_options(self) -> Sequence[Node]:
        raise NotImplementedError

    def check_event_data(self, name: str, data: Any) -> Any:
        if name != "change":
            return super().check_event_data(name, data)
        count = len(self._select_options())
        if not isinstance(data, list) or not all(
            type(index) is int and 0 <= index < count for index in data
        ):
            raise BadEventData(
                f"{type(self).__name__} expects a list of option indices below {count}, "
                f"got {data!r}"
            )
        if len(data) > 1 and not self.multiple:
            raise BadEventData(f"a single {type(self).__name__} got several indices: {data!r}")
        return data

    def handle_input_event(self, input_event: Any) -> Any:
        if input_event.name != "change":
            return super().handle_input_event(input_event)
        selected = set(input_event.data)  # checked before any handler ran
        with self.lock:
            for index, option in enumerate(self._select_options()):
                is_selected = index in selected
                if ("selected" in option.attributes) != is_selected:
                    set_from_client(
                        option,
                        "selected",
                        input_event,
                        flag_setter(option, "selected", is_selected),
                    )
        result = self.handle_change(input_event)
        return result if self.bubble_up else None


class Select(SelectBase, DeprecatedNode):
    """Lona's legacy select (deprecated there; ``Select2`` is its successor).

    ``values`` is a list of ``(value, label)`` or ``(value, label, selected)``
    tuples; values are strings.  ``value`` is the selected value (the first
    option's when none is selected), or the list of selected values of a
    ``multiple`` select.  A change in the browser updates it.
    """

    __slots__ = ()

    def __init__(self, *args: Any, values: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if values:
            self.values = values

    def _select_options(self) -> list[Node]:
        return [
            node for node in self._nodes if isinstance(node, Node) and node.tag_name == "option"
        ]

    @property
    def values(self) -> list[tuple[Any, str, bool]]:
        with self.lock:
            return [
                (
                    option.attributes.get("value", ""),
                    option.get_text(),
                    "selected" in option.attributes,
                )
                for option in self._select_options()
            ]

    @values.setter
    def values(self, new_values: Any) -> None:
        from lona.html.media_elements import Option

        options = []
        for item in new_values:
            value, label, selected = (*item, False)[:3]
            option = Option(str(label), value=str(value))
            if selected:
                option.attributes["selected"] = True
            options.append(option)
        self.nodes = options

    @property
    def value(self) -> Any:
        with self.lock:
            options = self._select_options()
            selected = [
                o.attributes.get("value", "") for o in options if "selected" in o.attributes
            ]
            if self.multiple:
                return selected
            if selected:
                return selected[-1]
            return options[0].attributes.get("value", "") if options else None

    @value.setter
    def value(self, new_value: Any) -> None:
        wanted = new_value if isinstance(new_value, list) else [new_value]
        with self.lock:
            for option in self._select_options():
                set_flag(option, "selected", option.attributes.get("value", "") in wanted)


class Option2(Node):
    TAG_NAME = "option"
    __slots__ = ()

    def __init__(
        self,
        *args: Any,
        value: Any = "",
        selected: bool = False,
        disabled: bool = False,
        render_value: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.render_value = render_value
        self.value = value
        self.selected = selected
        self.disabled = disabled

    value = PythonValue()
    selected = Flag("selected")
    disabled = Flag("disabled")


class Select2(SelectBase):
    """A select of ``Option2`` nodes; ``multiple=True`` allows several."""

    __slots__ = ()

    def _select_options(self) -> tuple[Option2, ...]:
        return self.options

    # options ################################################################

    @property
    def options(self) -> tuple[Option2, ...]:
        """The options in document order (inside optgroups too), as the browser counts them."""
        return tuple(node for node in self.iter_nodes() if isinstance(node, Option2))

    @options.setter
    def options(self, new_options: Any) -> None:
        self.nodes = new_options if isinstance(new_options, (list, tuple)) else [new_options]

    @property
    def selected_options(self) -> tuple[Option2, ...]:
        """The selected options; a single select with none selected shows its first."""
        with self.lock:
            options = self.options
            selected = tuple(option for option in options if option.selected)
            if not selected and options and not self.multiple:
                return options[:1]
            return selected

    @property
    def value(self) -> Any:
        """The selected value (single) or a tuple of the selected values (multiple)."""
        values = tuple(option.value for option in self.selected_options)
        if self.multiple:
            return values
        return values[0] if values else None

    @value.setter
    def value(self, new_value: Any) -> None:
        wanted = list(new_value) if isinstance(new_value, (list, tuple)) else [new_value]
        with self.lock:
            known = self.values
            for value in wanted:
                if value not in known:
                    raise ValueError(f"no option has the value {value!r}")
            if len(wanted) > 1 and not self.multiple:
                raise ValueError("a single select takes one value")
            for option in self.options:
                option.selected = option.value in wanted

    @property
    def values(self) -> tuple[Any, ...]:
        return tuple(option.value for option in self.options)

    def add_option(self, option: Option2) -> None:
        self.append(option)

    def remove_option(self, option: Option2) -> None:
        option.remove()

    def clear_options(self) -> None:
        with self.lock:
            for option in self.options:
                option.remove()

    def select_all(self) -> None:
        with self.lock:
            for option in self.options:
                option.selected = True

    def select_none(self) -> None:
        with self.lock:
            for option in self.options:
                option.selected = False
