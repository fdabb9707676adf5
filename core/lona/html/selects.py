"""``Select2`` and ``Option2``: a ``<select>`` whose selection stays in sync.

An option's ``value`` may be any Python object; the browser sees
``str(value)`` (unless ``render_value=False``) and sends back the indices of
the selected options, which the select maps to its options.
"""

from __future__ import annotations

from typing import Any

from lona.html.forms import Flag, PythonValue, SelectBase
from lona.html.node import Node

__all__ = ["Option2", "Select2"]


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
