"""Input event types that nodes can enable (``Node(events=[CLICK])``)."""

from __future__ import annotations

from typing import Any

from lona.protocol import EventType

__all__ = ["BLUR", "CHANGE", "CLICK", "FOCUS", "BadEventData", "EventSpec"]


class BadEventData(ValueError):
    """The browser sent event data that does not fit the event or its node.

    The event is refused with a BAD_EVENT error; the view keeps running.
    """


class EventSpec:
    """One enabled event type, optionally with a debounce delay (CHANGE only).

    ``CHANGE(input_delay=300)`` makes the client send debounced ``input``
    events instead of ``change`` events.
    """

    __slots__ = ("input_delay", "name", "type")

    def __init__(self, type_: EventType, name: str, input_delay: int = 0) -> None:
        self.type = type_
        self.name = name
        self.input_delay = input_delay

    def __call__(self, input_delay: int = 0) -> EventSpec:
        return EventSpec(self.type, self.name, int(input_delay))

    def serialize(self) -> str:
        if self.input_delay:
            return f"{int(self.type)}:{self.input_delay}"
        return str(int(self.type))

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, EventSpec):
            return self.type == other.type
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.type)

    def __repr__(self) -> str:
        if self.input_delay:
            return f"{self.name}(input_delay={self.input_delay})"
        return self.name


CLICK = EventSpec(EventType.CLICK, "CLICK")
CHANGE = EventSpec(EventType.CHANGE, "CHANGE")
FOCUS = EventSpec(EventType.FOCUS, "FOCUS")
BLUR = EventSpec(EventType.BLUR, "BLUR")
