"""Live views on a node's style and attributes; attribute names and values.

``node.style`` and ``node.attributes`` (like ``node.class_list``, ``node.id_list``
in ``lona.html.token_lists`` and ``node.events`` in ``lona.html.event_list``)
are small view objects over storage that lives on the node itself, so a node
that never touches its style pays nothing for it.  Every change goes through
``node._change_attribute``, which takes the tree lock and marks the node dirty
for the next flush.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import escape
from typing import Any

from lona.html.element_fields import ElementFields
from lona.html.urls import safe_attribute, safe_style_value

__all__ = [
    "BOOLEAN_ATTRIBUTES",
    "AttributeDict",
    "ReservedAttributeError",
    "StyleDict",
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
PLAIN_VALUES = (str, bool, int, float)  # attribute values stored as given


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
    if isinstance(value, PLAIN_VALUES):
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


class _DictView:
    """Shared dict protocol of ``style`` and ``attributes``."""

    __slots__ = ("_node",)
    _field = ""
    _wire_name = ""

    def __init__(self, node: ElementFields) -> None:
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


# what the client receives ###################################################


def wire_attributes(node: ElementFields) -> dict[str, str]:
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


def attribute_value(node: ElementFields, name: str) -> str | None:
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
