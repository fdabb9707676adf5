"""HTML the client adopts: markers for text nodes, widgets and raw content, and the signature."""

from __future__ import annotations

import re

from lona.html import Div, Node, RawHTML, Script, Span, Table, TextArea, Tr
from lona.html.hydration import FNV_OFFSET, render_adoptable, signature_step


def _reference_signature(root):
    """The signature as docs/protocol.md defines it, computed independently."""
    signature = FNV_OFFSET
    stack = [root]
    while stack:
        node = stack.pop()
        children = list(getattr(node, "nodes", []))
        raw = isinstance(node, RawHTML) or getattr(node, "tag_name", "") == "textarea"
        signature = signature_step(signature, int(node.id))
        signature = signature_step(signature, 0 if raw else len(children))
        stack.extend(reversed(children))
    return signature


def test_every_text_node_follows_a_comment_with_its_id():
    second = Span()
    for text in ("a", "", "b"):
        second.append(text)
    root = Div(Span("one"), second)
    result = render_adoptable(root)
    texts = second.nodes
    assert f"<!--{texts[0].id}-->a<!--{texts[1].id}--><!--{texts[2].id}-->b" in result.html
    assert result.adoptable
    assert result.signature == _reference_signature(root)


def test_elements_carry_ids_widgets_and_raw_content_marks():
    widget = Node(widget="Chart", widget_data={"points": [1, 2]}, _id="chart")
    root = Div(widget, RawHTML("<b>raw</b>"), TextArea(value="x"))
    html = render_adoptable(root).html
    assert f'data-lona-node-id="{root.id}"' in html
    assert 'data-lona-widget="Chart"' in html
    assert 'data-lona-widget-data="{&quot;points&quot;: [1, 2]}"' in html
    assert re.search(r"<div [^>]*data-lona-raw[^>]*><b>raw</b></div>", html)
    assert re.search(r"<textarea [^>]*data-lona-raw[^>]*>x</textarea>", html)
    assert render_adoptable(root).signature == _reference_signature(root)


def test_text_is_escaped_and_carriage_returns_survive_the_parser():
    html = render_adoptable(Div("<b>&\r\n")).html
    assert "&lt;b&gt;&amp;&#13;\n" in html


def test_content_the_parser_reads_as_text_is_not_adoptable():
    assert not render_adoptable(Div(Script("let a = 1;"))).adoptable
    assert render_adoptable(Div(Script(src="/x.js"))).adoptable
    # a table with bare rows is adoptable here; the client sees the <tbody> and refuses
    assert render_adoptable(Table(Tr())).adoptable
