"""``InputEvent``: what a view's handlers receive for a click, change, focus,
blur or custom event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lona.html.node import AbstractNode, Node
from lona.protocol import EventType

if TYPE_CHECKING:
    from lona.connection import Connection
    from lona.html.document import Document
    from lona.request import Request

__all__ = ["INPUT_EVENT_TYPE", "InputEvent", "event_name"]

INPUT_EVENT_TYPE = EventType

_NAMES = {
    EventType.CLICK: "click",
    EventType.CHANGE: "change",
    EventType.FOCUS: "focus",
    EventType.BLUR: "blur",
}


def event_name(event_type: int | str) -> str:
    """``'click'``, ``'change'``, ``'focus'``, ``'blur'``, or the custom event's own name."""
    if isinstance(event_type, str):
        return event_type
    return _NAMES.get(EventType(event_type), "custom")


class InputEvent:
    """One input event, resolved against the view's document.

    ``node`` is the element that has the event enabled (``None`` for events
    from raw HTML), ``target_node`` the element under the cursor, ``nodes``
    the node and all its ancestors, innermost first.
    """

    def __init__(
        self,
        *,
        event_type: int | str,
        data: Any,
        node: Node | None,
        target_node: AbstractNode | None,
        event_id: int,
        connection: Connection | None,
        window_id: int,
        request: Request,
        document: Document,
        payload: list[Any],
        node_info: tuple[str | None, str | None, str | None] | None = None,
    ) -> None:
        self.type = EventType.CUSTOM if isinstance(event_type, str) else EventType(event_type)
        self.name = event_name(event_type)
        self.data = data
        self.node = node
        self.target_node = target_node
        self.event_id = event_id
        self.connection = connection
        self.window_id = window_id
        self.request = request
        self.document = document
        self.payload = payload
        self.nodes: list[Node] = []
        parent: Node | None = node
        while parent is not None:
            self.nodes.append(parent)
            parent = parent.parent
        if node is not None:
            self.tag_name = node.tag_name.upper()
            self.id_list = list(node.id_list)
            self.class_list = list(node.class_list)
        else:
            tag, id_attribute, class_attribute = node_info or (None, None, None)
            self.tag_name = (tag or "").upper()
            self.id_list = (id_attribute or "").split()
            self.class_list = (class_attribute or "").split()

    def node_has_id(self, name: str) -> bool:
        if self.node is not None:
            return self.node.has_id(name)
        return name in self.id_list

    def node_has_class(self, name: str) -> bool:
        if self.node is not None:
            return self.node.has_class(name)
        return name in self.class_list

    def __repr__(self) -> str:
        return f"<InputEvent {self.name} node={self.node!r} data={self.data!r}>"
