"""Tools for testing views and adapters without a browser."""

from __future__ import annotations

from typing import Any

from lona.html.attributes import wire_attributes
from lona.html.children import ParentNode, flat_children
from lona.html.node import AbstractNode, Node, TextNode
from lona.html.widget_data import WidgetDataOwner
from lona.testing.mirror import (
    MirrorComment,
    MirrorDocument,
    MirrorElement,
    MirrorError,
    MirrorText,
)

__all__ = [
    "MirrorComment",
    "MirrorDocument",
    "MirrorElement",
    "MirrorError",
    "MirrorText",
    "canonical",
]


def canonical(node: AbstractNode) -> Any:
    """A server tree in the shape ``MirrorDocument.canonical()`` returns.

    Legacy widgets are shown as the client shows them: a fragment at the
    root, their children in place elsewhere, between two comments if they
    have a frontend class (``lona.html.children.flat_children``).
    """
    if isinstance(node, ParentNode):
        if isinstance(node, Node):
            tag, attributes = node.tag_name, wire_attributes(node)
        else:
            tag, attributes = "", {}  # a legacy widget at the root: a fragment
        assert isinstance(node, WidgetDataOwner)
        widget = node._widget_name()
        return (
            tag,
            attributes,
            [_flat_canonical(child) for child in flat_children(node)],
            widget,
            _data(node) if widget else None,
        )
    if isinstance(node, TextNode):
        return node.get_text()
    return ("#comment", "", None)  # the end of a legacy widget's children


def _flat_canonical(node: AbstractNode) -> Any:
    if isinstance(node, WidgetDataOwner) and not isinstance(node, Node):
        return ("#comment", node._widget_name(), _data(node))  # a start marker
    return canonical(node)


def _data(node: WidgetDataOwner) -> Any:
    return {} if node._widget_data is None else node._widget_data


from lona.testing.client import Closed, ProtocolClient, Window  # noqa: E402
from lona.testing.memory import MemoryClient  # noqa: E402

__all__ += ["Closed", "MemoryClient", "ProtocolClient", "Window"]
