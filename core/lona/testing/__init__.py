"""Tools for testing views and adapters without a browser."""

from __future__ import annotations

from typing import Any

from lona.html.node import AbstractNode, Node, TextNode
from lona.html.wire import wire_attributes
from lona.testing.mirror import MirrorDocument, MirrorElement, MirrorError, MirrorText

__all__ = [
    "MirrorDocument",
    "MirrorElement",
    "MirrorError",
    "MirrorText",
    "canonical",
]


def canonical(node: AbstractNode) -> Any:
    """A server tree in the shape ``MirrorDocument.canonical()`` returns."""
    if isinstance(node, TextNode):
        return node.get_text()
    assert isinstance(node, Node)
    return (
        node.tag_name,
        wire_attributes(node),
        [canonical(child) for child in node._nodes],
        node.widget,
        node.widget_data if node.widget else None,
    )


from lona.testing.client import Closed, ProtocolClient, Window  # noqa: E402
from lona.testing.memory import MemoryClient  # noqa: E402

__all__ += ["Closed", "MemoryClient", "ProtocolClient", "Window"]
