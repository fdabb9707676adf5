"""``node.events``: the input event types a node sends to the server, live on the node."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lona.html.element_fields import ElementFields
from lona.html.events import EventSpec

__all__ = ["EventList"]


class EventList:
    """``node.events``: the input event types this node sends to the server."""

    __slots__ = ("_node",)

    def __init__(self, node: ElementFields) -> None:
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
