"""``InputEvent``: what a view's handlers receive for a click, change, focus,
blur or custom event."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from lona.html.children import ParentNode
from lona.html.node import AbstractNode, Node
from lona.protocol import EventType

if TYPE_CHECKING:
    from lona.html.document import Document
    from lona.request import Request
    from lona.ws.connection import Connection

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
    from raw HTML; a legacy ``Widget`` for a custom event its frontend widget
    fired), ``target_node`` the element under the cursor, ``nodes`` the node
    and all its ancestors, innermost first (legacy widgets included).
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
        issuer: Any = None,
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
        self.node_info = node_info
        # the window that sent it (lona.runtime.attachments): it is answered there,
        # and not sent back the values it set
        self.issuer = issuer
        self.nodes: list[ParentNode] = []
        parent: ParentNode | None = node
        while parent is not None:
            self.nodes.append(parent)
            parent = parent._parent

    # what most handlers never look at is computed when asked for (once)

    @cached_property
    def tag_name(self) -> str:
        if isinstance(self.node, Node):
            return self.node.tag_name.upper()
        return ((self.node_info or (None, None, None))[0] or "").upper()

    @cached_property
    def id_list(self) -> list[str]:
        if isinstance(self.node, Node):
            return list(self.node.id_list)
        return ((self.node_info or (None, None, None))[1] or "").split()

    @cached_property
    def class_list(self) -> list[str]:
        if isinstance(self.node, Node):
            return list(self.node.class_list)
        return ((self.node_info or (None, None, None))[2] or "").split()

    def node_has_id(self, name: str) -> bool:
        if isinstance(self.node, Node):
            return self.node.has_id(name)
        return name in self.id_list

    def node_has_class(self, name: str) -> bool:
        if isinstance(self.node, Node):
            return self.node.has_class(name)
        return name in self.class_list

    def __repr__(self) -> str:
        return f"<InputEvent {self.name} node={self.node!r} data={self.data!r}>"
