"""Widget data: JSON data of a frontend widget, changed in place from Python.

``node.widget_data`` is a live view (``DictOverlay`` or ``ListOverlay``) of
the data the node keeps.  Every change through it is recorded as one small
operation on a key path (set, remove, insert into a list), so appending a
point to a chart of 10,000 points sends that point, not the chart (the
recording and its patches: ``lona.html.widget_records``).

Views resolve their path on every access: a view of ``data['rows'][3]``
reads whatever is at that path now.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from lona.html.widget_records import (
    Path,
    Record,
    WidgetDataOwner,
    plain_copy,
    record_change,
    widget_ops,
)
from lona.protocol import Op

__all__ = [
    "DictOverlay",
    "ListOverlay",
    "Record",
    "WidgetDataOwner",
    "check_data",
    "check_value",
    "overlay",
    "widget_ops",
]


def check_data(value: Any, where: str = "widget_data") -> Any:
    """A private copy of ``value`` if it is JSON data; TypeError/ValueError if not."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{where}: {value!r} can not be sent as JSON")
        return value
    if isinstance(value, (list, tuple)):
        return [check_data(item, f"{where}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{where}: keys must be strings, not {key!r}")
            result[key] = check_data(item, f"{where}[{key!r}]")
        return result
    if isinstance(value, _Overlay):
        return check_data(value._target(), where)
    raise TypeError(f"{where}: {type(value).__name__} values can not be sent as JSON")


check_value = check_data  # Lona's name


def _same(old: Any, new: Any) -> bool:
    """Whether a set changes nothing: the same scalar (``1 == True`` in Python, not in JSON).

    Containers count as changed: comparing them could cost more than sending them.
    """
    return type(old) is type(new) and not isinstance(new, (dict, list)) and bool(old == new)


def overlay(node: WidgetDataOwner, path: Path, value: Any) -> Any:
    """The live view of ``value`` found at ``path``: containers are wrapped."""
    if isinstance(value, dict):
        return DictOverlay(node, path)
    if isinstance(value, list):
        return ListOverlay(node, path)
    return value


class _Overlay:
    __slots__ = ("_node", "_path")

    _kind: type = object

    def __init__(self, node: WidgetDataOwner, path: Path) -> None:
        self._node = node
        self._path = path

    def _target(self) -> Any:
        value = self._node._widget_data
        for key in self._path:
            value = value[key]
        if not isinstance(value, self._kind):
            raise TypeError(
                f"widget data at {list(self._path)} is no longer a {self._kind.__name__}"
            )
        return value

    def _change(self, mutate: Callable[[Any], Any]) -> Any:
        with self._node.lock:
            return mutate(self._target())

    def _record(self, code: Op, key: str | int | None = None, value: Any = None) -> None:
        path = self._path if key is None else (*self._path, key)
        record_change(self._node, code, path, value)

    def _reset(self, value: Any) -> None:
        """Replace the container at this path by ``value`` (already checked)."""
        if not self._path:
            self._node._set_widget_data(value)
            return
        parent = self._node._widget_data
        for key in self._path[:-1]:
            parent = parent[key]
        parent[self._path[-1]] = value
        self._record(Op.DATA_SET, None, value)

    def copy(self) -> Any:
        return plain_copy(self._target())

    def __len__(self) -> int:
        return len(self._target())

    def __bool__(self) -> bool:
        return bool(self._target())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Overlay):
            other = other._target()
        return bool(self._target() == other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._target())


class DictOverlay(_Overlay):
    """A dict inside widget data; changes are recorded per key."""

    __slots__ = ()
    _kind = dict

    def __getitem__(self, key: str) -> Any:
        return overlay(self._node, (*self._path, key), self._target()[key])

    def __setitem__(self, key: str, value: Any) -> None:
        if not isinstance(key, str):
            raise TypeError(f"widget data keys must be strings, not {key!r}")
        checked = check_data(value)

        def mutate(target: dict[str, Any]) -> None:
            if key in target and _same(target[key], checked):
                return  # nothing to send, as for attributes
            target[key] = checked
            self._record(Op.DATA_SET, key, checked)

        self._change(mutate)

    def __delitem__(self, key: str) -> None:
        def mutate(target: dict[str, Any]) -> None:
            del target[key]
            self._record(Op.DATA_REMOVE, key)

        self._change(mutate)

    def __contains__(self, key: object) -> bool:
        return key in self._target()

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._target()))

    def get(self, key: str, default: Any = None) -> Any:
        target = self._target()
        return self[key] if key in target else default

    def keys(self) -> list[str]:
        return list(self._target())

    def values(self) -> list[Any]:
        return [self[key] for key in self._target()]

    def items(self) -> list[tuple[str, Any]]:
        return [(key, self[key]) for key in self._target()]

    def pop(self, key: str, *default: Any) -> Any:
        with self._node.lock:
            target = self._target()
            if key not in target:
                if default:
                    return default[0]
                raise KeyError(key)
            value = plain_copy(target[key])
            del self[key]
            return value

    def popitem(self) -> tuple[str, Any]:
        with self._node.lock:
            key = next(reversed(self._target()))
            return key, self.pop(key)

    def setdefault(self, key: str, default: Any = None) -> Any:
        with self._node.lock:
            if key not in self._target():
                self[key] = default
            return self[key]

    def update(self, other: Iterable[Any] | dict[str, Any] = (), **kwargs: Any) -> None:
        with self._node.lock:
            for key, value in dict(other, **kwargs).items():
                self[key] = value

    def clear(self) -> None:
        with self._node.lock:
            if self._target():
                self._reset({})


class ListOverlay(_Overlay):
    """A list inside widget data; appends and inserts send only the new item."""

    __slots__ = ()
    _kind = list

    def _index(self, target: list[Any], index: int) -> int:
        position = index + len(target) if index < 0 else index
        if not 0 <= position < len(target):
            raise IndexError("widget data list index out of range")
        return position

    def __getitem__(self, index: int | slice) -> Any:
        target = self._target()
        if isinstance(index, slice):
            return plain_copy(target[index])
        position = self._index(target, index)
        return overlay(self._node, (*self._path, position), target[position])

    def __setitem__(self, index: int | slice, value: Any) -> None:
        with self._node.lock:
            target = self._target()
            if isinstance(index, slice):
                new = list(target)
                new[index] = check_data(list(value))
                self._reset(new)
                return
            position = self._index(target, index)
            checked = check_data(value)
            if _same(target[position], checked):
                return
            target[position] = checked
            self._record(Op.DATA_SET, position, checked)

    def __delitem__(self, index: int | slice) -> None:
        with self._node.lock:
            target = self._target()
            if isinstance(index, slice):
                new = list(target)
                del new[index]
                self._reset(new)
                return
            position = self._index(target, index)
            del target[position]
            self._record(Op.DATA_REMOVE, position)

    def __iter__(self) -> Iterator[Any]:
        return iter([self[index] for index in range(len(self._target()))])

    def __contains__(self, value: object) -> bool:
        return value in self._target()

    def __iadd__(self, values: Iterable[Any]) -> ListOverlay:
        self.extend(values)
        return self

    def insert(self, index: int, value: Any) -> None:
        with self._node.lock:
            target = self._target()
            length = len(target)
            position = max(0, min(index + length if index < 0 else index, length))
            checked = check_data(value)
            target.insert(position, checked)
            self._record(Op.DATA_INSERT, position, checked)

    def append(self, value: Any) -> None:
        with self._node.lock:
            self.insert(len(self._target()), value)

    def extend(self, values: Iterable[Any]) -> None:
        with self._node.lock:
            for value in list(values):
                self.append(value)

    def pop(self, index: int = -1) -> Any:
        with self._node.lock:
            target = self._target()
            position = self._index(target, index)
            value = plain_copy(target[position])
            del self[position]
            return value

    def remove(self, value: Any) -> None:
        with self._node.lock:
            del self[self._target().index(value)]

    def clear(self) -> None:
        with self._node.lock:
            if self._target():
                self._reset([])

    def index(self, value: Any, *bounds: int) -> int:
        result: int = self._target().index(value, *bounds)
        return result

    def count(self, value: Any) -> int:
        result: int = self._target().count(value)
        return result

    def reverse(self) -> None:
        with self._node.lock:
            self._reset(list(reversed(self._target())))

    def sort(self, *, key: Any = None, reverse: bool = False) -> None:
        with self._node.lock:
            self._reset(sorted(self._target(), key=key, reverse=reverse))
