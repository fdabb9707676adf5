"""Rendering node trees to HTML text, with every text and attribute escaped."""

from __future__ import annotations

from html import escape
from typing import Protocol, cast

from lona.html.attributes import wire_attributes
from lona.html.base import AbstractNode, TextNode
from lona.html.children import ParentNode
from lona.html.element_fields import ElementFields

__all__ = ["VOID_ELEMENTS", "RenderedElement", "open_tag", "render_content", "render_node"]

# Elements whose end tag HTML forbids; SELF_CLOSING_TAG marks others.
VOID_ELEMENTS = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input",
        "link", "meta", "source", "track", "wbr",
    }
)  # fmt: skip


class RenderedElement(ElementFields, Protocol):
    """An element (``lona.html.node.Node``) as rendering reads it."""

    _nodes: list[AbstractNode]
    _self_closing: bool

    def _inner_html(self) -> str | None: ...


def render_node(node: AbstractNode, node_ids: bool = True) -> str:
    """The HTML of a tree; with ``node_ids`` every element names its node id."""
    parts: list[str] = []
    _render(node, parts, node_ids)
    return "".join(parts)


def _render(node: AbstractNode, parts: list[str], node_ids: bool) -> None:
    if isinstance(node, TextNode):
        parts.append(escape(node._text, quote=False))
        return
    if node._TRANSPARENT:
        # a legacy widget: its children in place, between Lona's comment markers
        assert isinstance(node, ParentNode)
        parts.append(f"<!--lona-widget:{node._id}-->")
        for child in node._nodes:
            _render(child, parts, node_ids)
        parts.append(f"<!--end-lona-widget:{node._id}-->")
        return
    element = cast("RenderedElement", node)  # neither text nor a legacy widget
    if not open_tag(element, parts, node_ids):
        return
    render_content(element, parts)
    for child in element._nodes:
        _render(child, parts, node_ids)
    parts.append(f"</{element._tag}>")


def open_tag(node: RenderedElement, parts: list[str], node_ids: bool, extra: str = "") -> bool:
    """The start tag of ``node`` (``extra``: more attributes, already escaped).

    False when the element ends with it (a void or self-closing element).
    """
    parts.append("<")
    parts.append(node._tag)
    if node_ids:
        parts.append(f' data-lona-node-id="{node._id}"')
    for name, value in wire_attributes(node).items():
        if name == "value" and node._tag == "textarea":
            continue  # rendered as its content below
        if value == "" and name not in ("value", "class", "id", "style"):
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{escape(value, quote=True)}"')
    parts.append(extra)
    if node._self_closing or (node._tag in VOID_ELEMENTS and not node._nodes):
        parts.append(">" if node._tag in VOID_ELEMENTS else " />")
        return False
    parts.append(">")
    return True


def render_content(node: RenderedElement, parts: list[str]) -> None:
    """What an element shows besides its child nodes: a textarea's value, raw HTML."""
    if node._tag == "textarea" and node._attrs and "value" in node._attrs:
        # a textarea shows its value as content; the attribute means nothing
        parts.append(escape(str(node._attrs["value"]), quote=False))
    inner_html = node._inner_html()
    if inner_html is not None:
        parts.append(inner_html)  # raw HTML the view chose to show (RawHTML)
