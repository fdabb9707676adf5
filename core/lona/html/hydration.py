"""HTML that the browser client can adopt instead of rendering the tree again.

The first HTTP response of a view carries its tree as HTML (first content
without waiting for the websocket).  For the client to take it over as the
view's tree, it has to know the id of every node:

* elements carry ``data-lona-node-id`` (as ``render_node`` renders them);
* every text node follows a comment holding its id, ``<!--42-->text``, so
  adjacent and empty text nodes, which the HTML parser would merge or drop,
  keep their identity; the client removes the comments;
* widgets carry their name and data (``data-lona-widget``,
  ``data-lona-widget-data``); elements whose content is not their child
  nodes (``RawHTML``, a textarea's value) carry ``data-lona-raw``;
* legacy widgets are transparent, as on the wire (``children.flat_children``);
  a tree whose root is one (a *fragment*) starts with ``<!--lona-fragment:ID-->``,
  and the client maps that id to the window's element.

The HTML parser does not build every markup as written: it inserts a
``<tbody>`` into a table with bare rows, closes a ``<p>`` before a ``<div>``,
moves text out of tables.  So the response also carries a *signature* of the
tree, a 32-bit FNV-1a hash over ``(node id, number of child nodes)`` of all
nodes in document order; the client computes it over the DOM it adopted and
asks for the whole tree when the two differ.  Trees whose markup can not
round-trip at all (text in ``<script>``, a ``<template>`` with children) are
marked not adoptable here already, as are trees with a legacy widget that
has a frontend class (deprecated; the client then renders the tree).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from lona.html.base import AbstractNode, TextNode
from lona.html.children import ParentNode, flat_children
from lona.html.node import Node
from lona.html.render import open_tag, render_content

__all__ = ["AdoptableHtml", "render_adoptable", "signature_step"]

FNV_OFFSET = 2166136261
FNV_PRIME = 16777619
MASK = 0xFFFFFFFF

# elements whose content the HTML parser reads as text (or not as children)
_OPAQUE_CONTENT = frozenset(
    {
        "script", "style", "title", "textarea", "xmp", "iframe",
        "noembed", "noframes", "noscript", "plaintext", "template",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class AdoptableHtml:
    html: str
    signature: int  # see the module docstring; the client computes the same
    adoptable: bool  # False: the markup can not round-trip, send the tree instead


def signature_step(signature: int, value: int) -> int:
    """One FNV-1a step over a 32-bit value."""
    return ((signature ^ (value & MASK)) * FNV_PRIME) & MASK


class _Renderer:
    __slots__ = ("adoptable", "parts", "signature")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.signature = FNV_OFFSET
        self.adoptable = True

    def text(self, node: TextNode) -> None:
        self.signature = signature_step(signature_step(self.signature, node._id), 0)
        # a CR would become a LF in the parser's input stream; a reference stays a CR
        text = escape(node._text, quote=False)
        if "\r" in text:
            text = text.replace("\r", "&#13;")
        self.parts.append(f"<!--{node._id}-->{text}")

    def element(self, node: Node) -> None:
        raw = node._inner_html() is not None or node._tag == "textarea"
        if node._nodes and (raw or node._tag in _OPAQUE_CONTENT):
            self.adoptable = False
        children = [] if raw else flat_children(node)
        self.signature = signature_step(signature_step(self.signature, node._id), len(children))
        parts = self.parts
        if not open_tag(node, parts, True, self._extra(node, raw)):
            return
        render_content(node, parts)
        self.children(children)
        parts.append(f"</{node._tag}>")

    def fragment(self, root: ParentNode) -> None:
        """A legacy widget at the root: its children go into the window's element."""
        if root._widget_name():  # type: ignore[attr-defined]
            self.adoptable = False
        children = flat_children(root)
        self.signature = signature_step(signature_step(self.signature, root._id), len(children))
        self.parts.append(f"<!--lona-fragment:{root._id}-->")
        self.children(children)

    def children(self, children: list[AbstractNode]) -> None:
        for child in children:
            if isinstance(child, TextNode):
                self.text(child)
            elif isinstance(child, Node):
                self.element(child)
            else:  # a marker of a legacy widget with a frontend class
                self.adoptable = False
                self.parts.append("<!---->")

    @staticmethod
    def _extra(node: Node, raw: bool) -> str:
        extra = " data-lona-raw" if raw else ""
        if node._widget:
            data = json.dumps({} if node._widget_data is None else node._widget_data)
            extra += (
                f' data-lona-widget="{escape(node._widget, quote=True)}"'
                f' data-lona-widget-data="{escape(data, quote=True)}"'
            )
        return extra


def render_adoptable(root: AbstractNode) -> AdoptableHtml:
    """The HTML of a shown tree, with what the client needs to adopt it."""
    renderer = _Renderer()
    if isinstance(root, TextNode):
        renderer.text(root)
    elif isinstance(root, Node):
        renderer.element(root)
    else:
        assert isinstance(root, ParentNode)
        renderer.fragment(root)
    return AdoptableHtml("".join(renderer.parts), renderer.signature, renderer.adoptable)
