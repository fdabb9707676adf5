"""How nodes look on the wire: attribute strings and node specs.

See ``docs/protocol.md`` ("Node specs").  ``sync_subtree`` is where a node
becomes *synced*: the clients get its spec, and from then on the node records
its changes for the next flush.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lona.html.base import AbstractNode, TextNode
from lona.html.node import Node
from lona.html.urls import URL_ATTRIBUTES, TrustedURL, safe_url

if TYPE_CHECKING:
    from lona.html.document import SyncContext

__all__ = [
    "Spec",
    "attribute_value",
    "element_spec",
    "spec_of_synced",
    "sync_subtree",
    "wire_attributes",
]

Spec = list[Any]


def wire_attributes(node: Node) -> dict[str, str]:
    """All attributes of an element as the client receives them (strings)."""
    result: dict[str, str] = {}
    if node._ids:
        result["id"] = " ".join(node._ids)
    if node._classes:
        result["class"] = " ".join(node._classes)
    if node._style:
        result["style"] = "; ".join(f"{key}: {value}" for key, value in node._style.items())
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
        if not node._style:
            return None
        return "; ".join(f"{key}: {value}" for key, value in node._style.items())
    if name == "data-lona-events":
        if not node._events:
            return None
        return ";".join(event.serialize() for event in node._events)
    if not node._attrs or name not in node._attrs:
        return None
    return plain_value(name, node._attrs[name])


def plain_value(name: str, value: Any) -> str | None:
    """An attribute value on the wire: True is present, False absent; URLs
    that would run script are neutralized (see ``urls.safe_url``)."""
    if value is True:
        return ""
    if value is False:
        return None
    text = value if type(value) is str else str(value)
    if name in URL_ATTRIBUTES and not isinstance(value, TrustedURL):
        return safe_url(name, text)
    return text


def sync_subtree(
    node: AbstractNode, context: SyncContext, nodes_by_id: dict[int, AbstractNode]
) -> Spec | int:
    """Make a subtree synced in ``context``; its spec (or, if synced already, its id)."""
    if node._sync is context:
        return node._id  # the client has it: move it here
    node._sync = context
    node._forget_changes()
    nodes_by_id[node._id] = node
    if isinstance(node, TextNode):
        return [node._id, node._text]
    assert isinstance(node, Node)
    children = [sync_subtree(child, context, nodes_by_id) for child in node._nodes]
    return element_spec(node, children)


def element_spec(node: Node, children: list[Any]) -> Spec:
    spec: Spec = [node._id, node._tag, wire_attributes(node), children]
    if node._namespace or node._widget:
        spec.append(node._namespace)
    if node._widget:
        spec.append(node._widget)
        spec.append({} if node._widget_data is None else node._widget_data)
    return spec


def spec_of_synced(node: AbstractNode) -> Spec:
    if isinstance(node, TextNode):
        return [node._id, node._text]
    assert isinstance(node, Node)
    return element_spec(node, [spec_of_synced(child) for child in node._nodes])
