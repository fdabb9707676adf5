"""``node.id_list`` and ``node.class_list``: ordered sets of names, live on the node."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from lona.html.attributes import PLAIN_VALUES, unsupported_value
from lona.html.element_fields import ElementFields

__all__ = ["ClassList", "IDList", "TokenList", "split_tokens"]


def split_tokens(value: str | Iterable[str] | None) -> list[str]:
    """An id or class list: a space separated string or a list of names."""
    if not value:
        if value is None or isinstance(value, (str, list, tuple, set, frozenset)):
            return []
        raise unsupported_value(value)
    if isinstance(value, str):
        items = value.split()
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = [_token(item) for item in value]
    else:
        raise unsupported_value(value)
    return list(dict.fromkeys(items))


def _token(item: Any) -> str:
    if not isinstance(item, PLAIN_VALUES):
        raise unsupported_value(item)
    return str(item)


class TokenList:
    """``id_list`` / ``class_list``: an ordered set of strings.

    Comparison ignores order and duplicates, as in Lona.
    """

    __slots__ = ("_field", "_node", "_wire_name")

    def __init__(self, node: ElementFields, field: str, wire_name: str) -> None:
        self._node = node
        self._field = field
        self._wire_name = wire_name

    def _items(self) -> list[str]:
        items: list[str] | None = getattr(self._node, self._field)
        return items if items is not None else []

    def _write(self, items: list[str]) -> None:
        if items == self._items():
            return

        def apply() -> None:
            setattr(self._node, self._field, items or None)

        self._node._change_attribute([self._wire_name], apply)

    def add(self, *values: str) -> None:
        self._write(list(dict.fromkeys([*self._items(), *split_tokens(list(values))])))

    def __str__(self) -> str:
        return " ".join(self._items())

    def append(self, value: str) -> None:
        self.add(value)

    def extend(self, values: Iterable[str]) -> None:
        if isinstance(values, str):
            values = [values]
        self.add(*values)

    def remove(self, *values: str) -> None:
        doomed = set(split_tokens(list(values)))
        self._write([item for item in self._items() if item not in doomed])

    def toggle(self, value: str) -> None:
        if value in self._items():
            self.remove(value)
        else:
            self.add(value)

    def clear(self) -> None:
        self._write([])

    def reset(self, values: str | Iterable[str]) -> None:
        self._write(split_tokens(values))

    def __contains__(self, value: object) -> bool:
        return value in self._items()

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._items()))

    def __len__(self) -> int:
        return len(self._items())

    def __getitem__(self, index: int) -> str:
        return self._items()[index]

    def __bool__(self) -> bool:
        return bool(self._items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TokenList):
            return set(self._items()) == set(other._items())
        if isinstance(other, (list, tuple, set, frozenset)):
            return set(self._items()) == {str(item) for item in other}
        if isinstance(other, str):
            return set(self._items()) == set(other.split())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._items()!r}>"


class IDList(TokenList):
    """``node.id_list``."""

    __slots__ = ()

    def __init__(self, node: ElementFields) -> None:
        super().__init__(node, "_ids", "id")


class ClassList(TokenList):
    """``node.class_list``."""

    __slots__ = ()

    def __init__(self, node: ElementFields) -> None:
        super().__init__(node, "_classes", "class")
