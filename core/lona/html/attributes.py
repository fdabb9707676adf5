"""Live views on a node's ids, classes, style, attributes and events.

``node.class_list``, ``node.style`` and friends are small view objects over
storage that lives on the node itself, so a node that never touches its style
pays nothing for it.  Every change goes through ``node._change_attribute``,
which takes the tree lock and marks the node dirty for the next flush.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import escape
from typing import TYPE_CHECKING, Any

from lona.html.events import EventSpec
from lona.html.urls import safe_attribute, safe_style_value

if TYPE_CHECKING:
    from lona.html.node import Node

__all__ = [
    "BOOLEAN_ATTRIBUTES",
    "AttributeDict",
    "ClassList",
    "EventList",
    "IDList",
    "ReservedAttributeError",
    "StyleDict",
    "TokenList",
    "UnsupportedValueError",
    "attribute_value",
    "check_attribute_name",
    "check_attribute_value",
    "parse_style",
    "plain_value",
    "style_text",
    "wire_attributes",
]

# HTML attribute names may not contain whitespace, quotes, '>', '/', '=' or controls.
_ATTRIBUTE_NAME = re.compile(r"^[^\s\"'>/=\x00-\x1f\x7f]+$")
RESERVED_ATTRIBUTES = frozenset({"id", "class", "style", "data-lona-events", "data-lona-node-id"})
# rendered without a value when set (Lona's list)
BOOLEAN_ATTRIBUTES = frozenset(
    {
        "allowfullscreen", "async", "autofocus", "autoplay", "checked", "controls",
        "default", "disabled", "formnovalidate", "hidden", "ismap", "itemscope", "loop",
        "multiple", "muted", "novalidate", "open", "playsinline", "readonly", "required",
        "reversed", "selected",
    }
)  # fmt: skip
_PLAIN_VALUES = (str, bool, int, float)


class UnsupportedValueError(ValueError, TypeError):
    """A value of a type an attribute (or an id or class) can not hold.

    Lona raises ValueError, Python's convention is TypeError: it is both.
    """


class ReservedAttributeError(RuntimeError, ValueError):
    """``attributes['id']`` and friends: the node has its own API for them.

    Lona raises RuntimeError for id, class and style; it is a ValueError too.
    """


def unsupported_value(value: Any, where: str = "") -> UnsupportedValueError:
    # Lona's message first: code and tests match on it
    return UnsupportedValueError(f"unsupported type: {type(value)}{where}")


def check_attribute_name(name: str) -> str:
    if not isinstance(name, str) or not _ATTRIBUTE_NAME.match(name):
        raise ValueError(f"invalid attribute name: {name!r}")
    return name


def check_attribute_value(name: str, value: Any) -> Any:
    if isinstance(value, _PLAIN_VALUES):
        return value
    raise unsupported_value(value, f" (attribute {name!r}: values must be str, int, float or bool)")


def check_reserved(name: str) -> None:
    if name in ("id", "class"):
        raise ReservedAttributeError(
            f"Node.attributes['{name}'] is not supported. Use Node.{name}_list instead."
        )
    if name == "style":
        raise ReservedAttributeError(
            "Node.attributes['style'] is not supported. Use Node.style instead."
        )
    if name in RESERVED_ATTRIBUTES:
        raise ReservedAttributeError(
            f"Node.attributes['{name}'] is not supported; it is the framework's"
            + (" (use Node.events)" if name == "data-lona-events" else "")
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
    if not isinstance(item, _PLAIN_VALUES):
        raise unsupported_value(item)
    return str(item)


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

    def __init__(self, node: Node) -> None:
        super().__init__(node, "_ids", "id")


class ClassList(TokenList):
    """``node.class_list``."""

    __slots__ = ()

    def __init__(self, node: Node) -> None:
        super().__init__(node, "_classes", "class")


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
            return  # as in Lona: deleting what is not there is no error
        self._mutate([key], lambda data: data.pop(key))

    def pop(self, key: str, *default: Any) -> Any:
        if len(default) > 1:
            raise TypeError(f"pop expected at most 2 arguments, got {1 + len(default)}")
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

    def to_attribute_string(self, skip_value: bool = False) -> str:
        """``name="value" flag`` as in an HTML tag (escaped)."""
        parts = []
        for key, value in self._data().items():
            if skip_value and key == "value":
                continue
            if key in BOOLEAN_ATTRIBUTES or value is True:
                if value is not False:
                    parts.append(key)
            elif value is not False:
                parts.append(f'{key}="{escape(str(value))}"')
        return " ".join(parts)

    def to_sub_attribute_string(self) -> str:
        """``name: value; ...`` as in a style attribute (escaped)."""
        return "; ".join(f"{key}: {escape(str(value))}" for key, value in self._data().items())

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
            raise unsupported_value(value, f" (style {key!r}: values must be str, int or float)")
        return key, str(value)


class AttributeDict(_DictView):
    """``node.attributes``: every HTML attribute except id, class and style."""

    __slots__ = ()
    _field = "_attrs"

    def _check(self, key: str, value: Any) -> tuple[str, Any]:
        check_attribute_value(key, value)
        check_reserved(key)
        check_attribute_name(key)
        return key, value


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


# what the client receives ###################################################


def wire_attributes(node: Node) -> dict[str, str]:
    """All attributes of an element as the client receives them (strings)."""
    result: dict[str, str] = {}
    if node._ids:
        result["id"] = " ".join(node._ids)
    if node._classes:
        result["class"] = " ".join(node._classes)
    if node._style:
        result["style"] = style_text(node._style)
    if node._attrs:
        for key, value in node._attrs.items():
            wire = plain_value(key, value)
            if wire is not None:
                result[key] = wire
    if node._events:
        result["data-lona-events"] = ";".join(event.serialize() for event in node._events)
    return result


def attribute_value(node: Node, name: str) -> str | None:
    """The wire value of one attribute, or None when it is absent."""
    if name == "id":
        return " ".join(node._ids) if node._ids else None
    if name == "class":
        return " ".join(node._classes) if node._classes else None
    if name == "style":
        return style_text(node._style) if node._style else None
    if name == "data-lona-events":
        if not node._events:
            return None
        return ";".join(event.serialize() for event in node._events)
    if not node._attrs or name not in node._attrs:
        return None
    return plain_value(name, node._attrs[name])


def plain_value(name: str, value: Any) -> str | None:
    """An attribute value on the wire: True is present, False absent; values
    that would run script are neutralized (see ``lona.html.urls``)."""
    if value is True:
        return ""
    if value is False:
        return None
    text = value if type(value) is str else str(value)
    return safe_attribute(name, value, text)


def style_text(style: dict[str, Any]) -> str:
    """The ``style`` attribute: each value stays one CSS value (``urls.safe_style_value``)."""
    return "; ".join(f"{key}: {safe_style_value(str(value))}" for key, value in style.items())
