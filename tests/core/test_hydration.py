"""HTML the client adopts: markers for text nodes, widgets and raw content, and the signature."""

from __future__ import annotations

import re

from lona.html import HTML1, Div, Node, RawHTML, Script, Span, Table, TextArea, Tr, Widget
from lona.html.hydration import FNV_OFFSET, render_adoptable, signature_step


def _shown_children(node):
    """Children as the browser shows them: legacy widgets replaced by their children."""
    for child in getattr(node, "nodes", []):
        if isinstance(child, Widget):
            yield from _shown_children(child)
        else:
            yield child


def _reference_signature(root):
    """The signature as docs/protocol.md defines it, computed independently."""
    signature = FNV_OFFSET
    stack = [root]
    while stack:
        node = stack.pop()
        children = list(_shown_children(node))
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


def test_legacy_widgets_are_rendered_in_place():
    inner = HTML1(Span("b"), "c", HTML1(Span("d")))
    root = Div(Span("a"), inner)
    result = render_adoptable(root)
    assert result.adoptable and "lona-widget" not in result.html
    assert re.search(
        r"<div [^>]*><span [^>]*><!--\d+-->a</span><span [^>]*><!--\d+-->b</span>"
        r"<!--\d+-->c<span ",
        result.html,
    )
    assert result.signature == _reference_signature(root)


def test_a_legacy_widget_at_the_root_is_a_fragment_the_client_maps_to_the_window():
    root = HTML1(Span("a"), "b")
    result = render_adoptable(root)
    assert result.html.startswith(f"<!--lona-fragment:{root.id}--><span ")
    assert result.adoptable and result.signature == _reference_signature(root)


def test_legacy_widgets_with_a_frontend_class_are_not_adoptable():
    class Legacy(Widget):
        FRONTEND_WIDGET_CLASS = "Legacy"

    assert not render_adoptable(Div(Legacy())).adoptable
    fragment = Legacy()
    fragment.nodes = [Span("x")]
    assert not render_adoptable(fragment).adoptable
