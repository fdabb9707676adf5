"""parse_html, HTML('<...>') and RawHTML."""

from __future__ import annotations

import pytest

from lona.html import (
    CHANGE,
    CLICK,
    HTML1,
    HTML2,
    A,
    Button,
    CheckBox,
    DataList,
    Datalist,
    Div,
    FieldSet,
    Fieldset,
    Input,
    Node,
    NumberInput,
    Option,
    Option2,
    RadioButton,
    RawHTML,
    Select,
    Select2,
    Span,
    Submit,
    TextArea,
    TextInput,
    TextNode,
    parse_html,
)


def test_tags_attributes_ids_classes_and_styles() -> None:
    node = parse_html(
        '<div id="main" class="a b" style="color: red; top: 0" title="t &amp; u" hidden>x</div>'
    )
    assert isinstance(node, Div)
    assert list(node.id_list) == ["main"] and list(node.class_list) == ["a", "b"]
    assert node.style == {"color": "red", "top": "0"}
    assert node.attributes["title"] == "t & u" and node.attributes["hidden"] is True
    assert node.get_text() == "x"


@pytest.fixture
def future_node_classes(monkeypatch):
    """USE_FUTURE_NODE_CLASSES for this test (process-wide, as outside a server)."""
    monkeypatch.setenv("LONA_USE_FUTURE_NODE_CLASSES", "true")


@pytest.mark.parametrize(
    ("html", "cls"),
    [
        ("<input>", TextInput),
        ('<input type="text">', TextInput),
        ('<input type="number">', NumberInput),
        ('<input type="checkbox">', CheckBox),
        ('<input type="submit">', Submit),
        ('<input type="date">', Node),
        ('<input type="radio">', Node),  # Lona has no class for it
        ("<textarea></textarea>", TextArea),
        ("<select></select>", Select),  # Lona's legacy classes by default
        ("<option></option>", Option),
        ("<datalist></datalist>", Datalist),
        ("<fieldset></fieldset>", Fieldset),
        ("<button></button>", Button),
        ("<a></a>", A),
        ("<my-element></my-element>", Node),
    ],
)
def test_high_level_node_classes(html, cls) -> None:
    node = parse_html(html)
    assert type(node) is cls


@pytest.mark.parametrize(
    ("html", "cls"),
    [
        ('<input type="radio">', RadioButton),
        ("<select></select>", Select2),
        ("<option></option>", Option2),
        ("<datalist></datalist>", DataList),
        ("<fieldset></fieldset>", FieldSet),
        ('<input type="number">', NumberInput),
    ],
)
def test_future_node_classes(future_node_classes, html, cls) -> None:
    node = parse_html(html)
    assert type(node) is cls


def test_a_legacy_select_keeps_its_options_values() -> None:
    select = parse_html(
        '<select><option value="1">One</option><option value="2" selected>Two</option></select>'
    )
    assert type(select) is Select and select.value == "2"
    assert select.values == [("1", "One", False), ("2", "Two", True)]


def test_input_values_go_to_their_properties(future_node_classes) -> None:
    node = parse_html(
        '<div><input type="number" value="2.5" min="0"><input type="checkbox" checked>'
        '<input type="checkbox" value="on"><select><option value="1">One</option>'
        '<option value="2" selected>Two</option></select><textarea> a &amp; <b> </textarea></div>'
    )
    number, checked, unchecked, select, textarea = node.nodes
    assert number.value == 2.5 and number.min == 0
    assert checked.value is True and unchecked.value is False
    assert unchecked.attributes["value"] == "on"  # a checkbox's value is its submit value
    assert select.value == "2" and select.values == ("1", "2")
    assert textarea.value == " a & <b> "  # textarea content is text, never markup
    assert CHANGE in number.events


def test_without_high_level_nodes_everything_is_a_node() -> None:
    node = parse_html("<div><input type=number><h1>x</h1></div>", use_high_level_nodes=False)
    assert type(node) is Node and all(type(child) is Node for child in node.nodes)
    assert [child.tag_name for child in node.nodes] == ["input", "h1"]


def test_node_classes_override_the_mapping() -> None:
    class Card(Node):
        TAG_NAME = "div"

    node = parse_html("<div><span>x</span></div>", node_classes={"div": Card, "span": Card})
    assert type(node) is Card and type(node[0]) is Card and node[0].tag_name == "span"


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<div><p></div>", "^Invalid html: </p> expected, </div> received .line 1, column 9"),
        ("<div>", "^Invalid html: missing end tag </div>"),
        ("</div>", "^Invalid html: missing start tag for </div>"),
        ("<div></span></div>", "</div> expected, </span> received"),
        ("<br></br>", "missing start tag for </br>"),
    ],
)
def test_end_tags_are_validated(html, message) -> None:
    with pytest.raises(ValueError, match=message):
        parse_html(html)


def test_void_and_self_closing_tags_need_no_end_tag() -> None:
    node = parse_html("<div><br><img src=x><input/><my-thing/></div>")
    assert [child.tag_name for child in node.nodes] == ["br", "img", "input", "my-thing"]
    assert node[3].self_closing_tag


def test_whitespace_rules() -> None:
    node = parse_html("<ul>\n  <li> one </li>\n  <li>two</li>\n</ul>")
    assert [child.tag_name for child in node.nodes] == ["li", "li"]  # indentation is dropped
    assert node[0].get_text() == "one"
    sentence = parse_html("<p>Hello <b>you</b> there </p>")
    assert sentence.get_text() == "Hello you there"
    pre = parse_html("<pre>  keep\n  <b> this </b>\n</pre>")
    assert pre.get_text() == "  keep\n   this \n"


def test_entities_text_and_comments() -> None:
    node = parse_html("<p>a &lt; b &amp;&amp; c<!-- a comment --></p>")
    assert node.get_text() == "a < b && c"
    assert "&lt; b &amp;&amp; c" in str(node)


def test_flat_and_lists() -> None:
    assert isinstance(parse_html("<b>x</b>"), Node)
    assert isinstance(parse_html("<b>x</b>", flat=False), list)
    nodes = parse_html("<b>x</b><i>y</i>text")
    assert [type(node) for node in nodes] == [type(parse_html("<b></b>")), type(nodes[1]), TextNode]
    assert parse_html("") == []
    with pytest.raises(TypeError):
        parse_html(b"<b></b>")


def test_events_and_svg_names_survive_parsing() -> None:
    node = parse_html('<div data-lona-events="301;302:200" data-lona-node-id="7"></div>')
    assert CLICK in node.events and "data-lona-node-id" not in node.attributes
    assert 'data-lona-events="301;302:200"' in str(node)
    svg = parse_html('<svg viewBox="0 0 1 1"><lineargradient gradientunits="x"/></svg>')
    assert "viewBox" in svg.attributes
    gradient = svg[0]
    assert gradient.tag_name == "linearGradient" and "gradientUnits" in gradient.attributes
    assert gradient.namespace == "http://www.w3.org/2000/svg"


def test_html2_parses_strings_with_markup() -> None:
    node = HTML2("<h1>Title</h1>")
    assert node.tag_name == "h1"
    both = HTML2("<h1>a</h1>", "<p>b</p>", Span("c"))
    assert [child.tag_name for child in both.nodes] == ["h1", "p", "span"]
    escaped = HTML2("\\<b>not bold</b>")
    assert escaped.get_text() == "<b>not bold</b>" and "&lt;b&gt;" in str(escaped)
    assert HTML2("plain text").get_text() == "plain text"


def test_html1_parses_strings_with_markup_into_a_legacy_widget() -> None:
    node = HTML1("<h1>Title</h1><p>x</p>")
    assert [child.tag_name for child in node] == ["h1", "p"] and node[0].parent is node
    # several strings: each one a widget of its own, as in Lona
    both = HTML1("<h1>a</h1>", "<p>b</p>", Span("c"))
    assert [type(child).__name__ for child in both] == ["HTML1", "HTML1", "Span"]
    assert both.get_text() == "abc"
    escaped = HTML1("\\<b>not bold</b>")
    assert escaped.get_text() == "<b>not bold</b>" and "&lt;b&gt;" in str(escaped)


def test_raw_html_shows_markup_and_has_no_children() -> None:
    raw = RawHTML("<b>bold</b>", _id="raw")
    assert str(raw).endswith("><b>bold</b></div>")
    raw.inner_html = "<i>x</i>"
    assert raw.widget_data == {"inner_html": "<i>x</i>"}
    with pytest.raises(RuntimeError, match="no child nodes"):
        raw.append(Span("x"))
    with pytest.raises(TypeError):
        raw.inner_html = 1
    assert type(parse_html("<input type=file>")) is Node and Input.TAG_NAME == "input"
