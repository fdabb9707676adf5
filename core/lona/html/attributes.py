"""Live views on a node's ids, classes, style, attributes and events.

``node.class_list``, ``node.style`` and friends are small view objects over
storage that lives on the node itself, so a node that never touches its style
pays nothing for it.  Every change goes through ``node._change_attribute``,
which takes the tree lock and marks the node dirty for the next flush.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from lona.html.events import EventSpec

if TYPE_CHECKING:
    from lona.html.node import Node

__all__ = [
    "AttributeDict",
    "EventList",
    "StyleDict",
    "TokenList",
    "check_attribute_name",
    "check_attribute_value",
    "parse_style",
]

# HTML attribute names may not contain whitespace, quotes, '>', '/', '=' or controls.
_ATTRIBUTE_NAME = re.compile(r"^[^\s\"'>/=\x00-\x1f\x7f]+$")
RESERVED_ATTRIBUTES = frozenset({"id", "class", "style", "data-lona-events", "data-lona-node-id"})


def check_attribute_name(name: str) -> str:
    if not isinstance(name, str) or not _ATTRIBUTE_NAME.match(name):
        raise ValueError(f"invalid attribute name: {name!r}")
    return name


def check_attribute_value(name: str, value: Any) -> Any:
    if isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(
        f"attribute {name!r}: values must be str, int, float or bool, not {type(value).__name__}"
    )


def parse_style(style: str | dict[str, Any] | None) -> dict[str, str]:
    """Accept a dict or a CSS declaration string such as ``"color: red; top: 0"``."""
    if not style:
        return {}
    if isinstance(style, dict):
        return {str(key): str(value) for key, value in style.items()}
    result: dict[str, str] = {}
    for declaration in str(style).split(";"):
        name, sep, value = declaration.partition(":")
        if sep and name.strip():
            result[name.strip()] = value.strip()
    return result


def split_tokens(value: str | Iterable[str] | None) -> list[str]:
    if not value:
        return []
    items = value.split() if isinstance(value, str) else [str(item) for item in value]
    return list(dict.fromkeys(items))


class TokenList:
    """``id_list`` / ``class_list``: an ordered set of strings.

    Comparison ignores order and duplicates, as in Lona.
    """

    __slots__ = ("_field", "_node", "_wire_name")

    def __init__(self, node: Node, field: str, wire_name: str) -> None:
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

    def append(self, value: str) -> None:
        self.add(value)

    def extend(self, values: Iterable[str]) -> None:
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


class _DictView:
    """Shared dict protocol of ``style`` and ``attributes``."""

    __slots__ = ("_node",)
    _field = ""
    _wire_name = ""

    def __init__(self, node: Node) -> None:
        self._node = node

    def _data(self) -> dict[str, Any]:
        data: dict[str, Any] | None = getattr(self._node, self._field)
        return data if data is not None else {}

    def _check(self, key: str, value: Any) -> tuple[str, Any]:
        return key, value

    def _mutate(self, keys: Iterable[str], change: Any) -> None:
        # copy-on-write keeps readers without the lock consistent
        def apply() -> None:
            data = dict(self._data())
            change(data)
            setattr(self._node, self._field, data or None)

        names = [self._wire_name] if self._wire_name else list(keys)
        self._node._change_attribute(names, apply)

    def __setitem__(self, key: str, value: Any) -> None:
        key, value = self._check(key, value)
        if (
            key in self._data()
            and self._data()[key] == value
            and type(value) is type(self._data()[key])
        ):
            return
        self._mutate([key], lambda data: data.__setitem__(key, value))

    def __delitem__(self, key: str) -> None:
        if key not in self._data():
            raise KeyError(key)
        self._mutate([key], lambda data: data.pop(key))

    def pop(self, key: str, *default: Any) -> Any:
        if key not in self._data():
            if default:
                return default[0]
            raise KeyError(key)
        value = self._data()[key]
        del self[key]
        return value

    def update(self, other: dict[str, Any] | None = None, **kwargs: Any) -> None:
        for key, value in {**(other or {}), **kwargs}.items():
            self[key] = value

    def clear(self) -> None:
        keys = list(self._data())
        if keys:
            self._mutate(keys, lambda data: data.clear())

    def reset(self, values: dict[str, Any]) -> None:
        checked = dict(self._check(key, value) for key, value in values.items())
        if checked == self._data():
            return
        names = set(self._data()) | set(checked)
        self._mutate(names, lambda data: (data.clear(), data.update(checked)))

    def get(self, key: str, default: Any = None) -> Any:
        return self._data().get(key, default)

    def keys(self) -> list[str]:
        return list(self._data().keys())

    def values(self) -> list[Any]:
        return list(self._data().values())

    def items(self) -> list[tuple[str, Any]]:
        return list(self._data().items())

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data())

    def __getitem__(self, key: str) -> Any:
        return self._data()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._data()

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._data()))

    def __len__(self) -> int:
        return len(self._data())

    def __bool__(self) -> bool:
        return bool(self._data())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _DictView):
            return self._data() == other._data()
        if isinstance(other, dict):
            return self._data() == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._data()!r}>"


class StyleDict(_DictView):
    """``node.style``: CSS properties, sent as the ``style`` attribute."""

    __slots__ = ()
    _field = "_style"
    _wire_name = "style"

    def _check(self, key: str, value: Any) -> tuple[str, Any]:
        if not isinstance(key, str) or not key or ";" in key or ":" in key:
            raise ValueError(f"invalid style property: {key!r}")
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise TypeError(f"style {key!r}: values must be str, int or float")
        return key, str(value)


class AttributeDict(_DictView):
    """``node.attributes``: every HTML attribute except id, class and style."""

    __slots__ = ()
    _field = "_attrs"

    def _check(self, key: str, value: Any) -> tuple[str, Any]:
        check_attribute_name(key)
        if key in RESERVED_ATTRIBUTES:
            raise ValueError(f"use the node's {key!r} API instead of attributes[{key!r}]")
        return key, check_attribute_value(key, value)


class EventList:
    """``node.events``: the input event types this node sends to the server."""

    __slots__ = ("_node",)

    def __init__(self, node: Node) -> None:
        self._node = node

    def _items(self) -> list[EventSpec]:
        events: list[EventSpec] | None = self._node._events
        return events if events is not None else []

    def _write(self, items: list[EventSpec]) -> None:
        current = self._items()
        if [e.serialize() for e in items] == [e.serialize() for e in current]:
            return

        def apply() -> None:
            self._node._events = items or None

        self._node._change_attribute(["data-lona-events"], apply)

    def add(self, event: EventSpec) -> None:
        items = [e for e in self._items() if e.type != event.type]
        self._write([*items, event])

    def append(self, event: EventSpec) -> None:
        self.add(event)

    def extend(self, events: Iterable[EventSpec]) -> None:
        for event in events:
            self.add(event)

    def remove(self, event: EventSpec) -> None:
        self._write([e for e in self._items() if e.type != event.type])

    def toggle(self, event: EventSpec) -> None:
        if event in self._items():
            self.remove(event)
        else:
            self.add(event)

    def clear(self) -> None:
        self._write([])

    def reset(self, events: Iterable[EventSpec]) -> None:
        unique: dict[int, EventSpec] = {}
        for event in events:
            if not isinstance(event, EventSpec):
                raise TypeError(f"not an event type: {event!r}")
            unique[int(event.type)] = event
        self._write(list(unique.values()))

    def __contains__(self, event: object) -> bool:
        return event in self._items()

    def __iter__(self) -> Iterator[EventSpec]:
        return iter(list(self._items()))

    def __len__(self) -> int:
        return len(self._items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EventList):
            return set(self._items()) == set(other._items())
        if isinstance(other, (list, tuple, set)):
            return set(self._items()) == set(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<EventList {self._items()!r}>"
