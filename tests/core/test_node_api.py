"""The node API without a browser (the foundation's part; the HTML issue extends it)."""

from __future__ import annotations

import copy

import pytest

from lona.html import CLICK, H1, HTML, Button, Div, Node, Span, TextNode


def test_constructor_conventions() -> None:
    node = Div(
        "text",
        Span("child"),
        _id="a b",
        _class="x",
        data_foo="bar",
        style="color: red",
        events=[CLICK],
    )
    assert list(node.id_list) == ["a", "b"]
    assert node.class_list == ["x"]
    assert node.attributes["data-foo"] == "bar"
    assert node.style["color"] == "red"
    assert CLICK in node.events
    assert isinstance(node[0], TextNode) and node[1].tag_name == "span"
    assert Div(nodes=[Span()], id=["c"], **{"class": "y z"}).class_list == ["y", "z"]


def test_rendering_escapes_text_and_attributes() -> None:
    node = Div('<script>alert("x")</script>', title='"><img src=x onerror=alert(1)>')
    html = str(node)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&quot;&gt;&lt;img" in html


def test_children_list_api_moves_and_detects_loops() -> None:
    a, b, c = Span("a"), Span("b"), Span("c")
    first = Div(a, b)
    second = Div(c)
    second.append(a)  # moving: a leaves its old parent
    assert list(first) == [b] and list(second) == [c, a] and a.parent is second
    second.insert(0, b)
    assert [n.get_text() for n in second] == ["b", "c", "a"]
    second[1:3] = [Span("x")]
    assert [n.get_text() for n in second] == ["b", "x"]
    outer = Div(first)
    with pytest.raises(RuntimeError, match="loop detected"):
        first.append(outer)
    with pytest.raises(RuntimeError, match="loop detected"):
        first.append(first)
    assert second.pop().get_text() == "x"
    b.remove()
    assert len(second) == 0


def test_text_helpers_and_queries() -> None:
    html = HTML(H1("Title"), Div(Span("10", _id="counter", _class="big"), Button("Go")))
    span = html.query_selector("span#counter")
    assert span is not None and span.get_text() == "10"
    span.set_text(int(span.get_text()) + 1)
    assert html.query_selector(".big").get_text() == "11"
    assert [n.tag_name for n in html.query_selector_all("span,button")] == ["span", "button"]
    assert span.closest("div") is html[1]
    with pytest.raises(ValueError, match="unsupported selector"):
        html.query_selector("div span")


def test_structural_equality_and_no_copies() -> None:
    assert Div(Span("a"), _class="x") == Div(Span("a"), _class="x")
    assert Div(Span("a")) != Div(Span("b"))
    with pytest.raises(TypeError):
        hash(Div())
    with pytest.raises(RuntimeError):
        copy.copy(Div())


def test_attribute_values_and_names_are_checked() -> None:
    with pytest.raises(TypeError):
        Div().attributes["x"] = {"a": 1}
    with pytest.raises(ValueError):
        Div().attributes["bad name"] = "x"
    with pytest.raises(ValueError):
        Node(tag_name="script onload=alert(1)")
