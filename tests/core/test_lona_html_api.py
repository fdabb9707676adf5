"""``lona.html`` as a drop-in for Lona 1.16's: names, module paths, errors, legacy classes."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest

import lona.html
from lona import View
from lona.html import (
    CLICK,
    HTML1,
    SVG,
    CheckBox,
    Datalist,
    Div,
    Fieldset,
    Node,
    NumberInput,
    Option,
    Select,
    Span,
    Svg,
    Td,
    TextNode,
    Tr,
    Widget,
)
from lona.html.document import Document

# Lona 1.16.2's public modules under lona.html and what each of them defines
LONA_MODULES = {
    "lona.html": "HTML HTML1 HTML2 Widget Node SVG Datalist DataList Fieldset FieldSet Select "
    "Option Select2 Option2 NODE_CLASSES INPUT_NODE_CLASSES FUTURE_NODE_CLASSES "
    "SELF_CLOSING_TAGS NodeHTMLParser parse_html get_client_version CLICK CHANGE FOCUS BLUR "
    "EventType ChangeEventType INPUT_EVENT_TYPE Portal RawHTML RadioGroup RadioButton",
    "lona.html.abstract_node": "AbstractNode DummyLock",
    "lona.html.attribute_dict": "AttributeDict StyleDict",
    "lona.html.attribute_list": "AttributeList IDList ClassList",
    "lona.html.document": "Document",
    "lona.html.mixins": "FrontendComponent",
    "lona.html.node": "Node DeprecatedNode parse_style_string",
    "lona.html.node_event_list": "NodeEventList",
    "lona.html.node_list": "NodeList",
    "lona.html.parsing": "NodeHTMLParser parse_html HTML",
    "lona.html.selector": "Selector",
    "lona.html.text_node": "TextNode",
    "lona.html.widget": "Widget",
    "lona.html.widget_data": "ListOverlay DictOverlay check_value",
    "lona.html.widgets": "HTML",
    "lona.html.nodes.content_sectioning": "Address Article Aside Footer Header H1 H6 HGroup "
    "Main Nav Section",
    "lona.html.nodes.demarcating_edits": "Del Ins",
    "lona.html.nodes.document_metadata": "Base Head Link Meta Style Title",
    "lona.html.nodes.embedded_content": "Embed IFrame Object Picture Portal Source",
    "lona.html.nodes.forms": "Button Datalist DataList Fieldset FieldSet Form Label Legend "
    "Meter OptGroup Output Progress",
    "lona.html.nodes.forms.inputs": "Submit TextInput TextArea CheckBox NumberInput",
    "lona.html.nodes.forms.radio_button": "RadioButton RadioGroup",
    "lona.html.nodes.forms.select": "Option Select",
    "lona.html.nodes.forms.select2": "Option2 Select2",
    "lona.html.nodes.image_and_multimedia": "Area Audio Img Map Track Video",
    "lona.html.nodes.inline_text_semantics": "A Abbr B Br Code Em I Span Strong Wbr",
    "lona.html.nodes.interactive_elements": "Details Dialog Summary",
    "lona.html.nodes.raw_nodes": "RawHTML",
    "lona.html.nodes.scripting": "Canvas NoScript Script",
    "lona.html.nodes.sectioning_root": "Body",
    "lona.html.nodes.svg_and_mathml": "SVG Math",
    "lona.html.nodes.table_content": "Caption Col ColGroup Table TBody Td TFoot Th THead Tr",
    "lona.html.nodes.text_content": "BlockQuote Dd Div Dl Dt FigCaption Figure Hr Li Menu Ol "
    "P Pre Ul",
    "lona.html.nodes.web_components": "Slot Template",
}


@pytest.mark.parametrize("module", sorted(LONA_MODULES))
def test_lonas_module_paths_and_names_exist(module: str) -> None:
    imported = importlib.import_module(module)
    missing = [name for name in LONA_MODULES[module].split() if not hasattr(imported, name)]
    assert missing == []


def test_a_star_import_brings_lonas_names() -> None:
    namespace: dict[str, Any] = {}
    exec("from lona.html import *", namespace)
    assert {"HTML1", "HTML2", "Widget", "SVG", "NODE_CLASSES", "CLICK"} <= set(namespace)


def test_lonas_aliases_and_legacy_classes() -> None:
    assert SVG is Svg and Svg().namespace == "http://www.w3.org/2000/svg"
    assert Datalist().tag_name == "datalist" and Fieldset().tag_name == "fieldset"
    assert lona.html.NODE_CLASSES["select"] is Select and lona.html.NODE_CLASSES["option"] is Option
    assert lona.html.FUTURE_NODE_CLASSES["select"] is lona.html.Select2
    assert "input" not in lona.html.NODE_CLASSES  # inputs go by their type
    assert lona.html.INPUT_NODE_CLASSES["checkbox"] is CheckBox


# Lona's validation errors ####################################################


def test_attribute_values_of_other_types_are_refused_as_lona_and_python_do() -> None:
    for make in (lambda: Div(foo={}), lambda: Div().attributes.__setitem__("foo", [1])):
        with pytest.raises(ValueError, match=re.escape("unsupported type: <class")):
            make()
        with pytest.raises(TypeError):  # the same error is a TypeError too
            make()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("id", "Node.attributes['id'] is not supported. Use Node.id_list instead."),
        ("class", "Node.attributes['class'] is not supported. Use Node.class_list instead."),
        ("style", "Node.attributes['style'] is not supported. Use Node.style instead."),
    ],
)
def test_reserved_attributes_name_their_own_api(name: str, message: str) -> None:
    with pytest.raises(RuntimeError, match=re.escape(message)):
        Div().attributes[name] = "x"
    with pytest.raises(ValueError):
        Div().attributes[name] = "x"


def test_ids_and_classes_are_strings_or_lists_of_plain_values() -> None:
    with pytest.raises(ValueError, match="id has to be string or list of strings"):
        Div(_id={})
    with pytest.raises(ValueError, match="class has to be string or list of strings"):
        Div(_class=3)
    node = Div()
    for bad in ({}, [{}], object()):
        with pytest.raises(ValueError, match="unsupported type"):
            node.id_list = bad  # type: ignore[assignment]
    with pytest.raises(ValueError, match="unsupported type: <class 'dict'>"):
        node.class_list.add({})  # type: ignore[arg-type]
    node.id_list = ["a", 1]
    assert node.id_list == ["a", "1"] and str(node.id_list) == "a 1"
    with pytest.raises(TypeError, match="handle_click has to be a function"):
        Div(handle_click="not callable")
    with pytest.raises(TypeError, match="ignore is a boolean property"):
        Div(ignore="yes")


def test_deleting_missing_attributes_and_styles_is_no_error() -> None:
    class InlineButton(Node):
        """lona-picocss' pattern: drop an attribute a base class may have set."""

        TAG_NAME = "a"
        ATTRIBUTES = {"role": "button"}

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            del self.attributes["href"]
            del self.style["display"]

    button = InlineButton("x")
    assert button.attributes == {"role": "button"} and button.style == {}
    with pytest.raises(TypeError, match="pop expected at most 2 arguments, got 3"):
        button.attributes.pop("a", "b", "c")


def test_style_and_attribute_strings_as_lona_renders_them() -> None:
    node = Div(style='font-family: "Times New Roman"', disabled=True, title='a "b"')
    assert node.style.to_sub_attribute_string() == "font-family: &quot;Times New Roman&quot;"
    assert node.attributes.to_attribute_string() == 'disabled title="a &quot;b&quot;"'


def test_node_state_is_a_dict_with_the_nodes_lock() -> None:
    node = Div(Span(), state={"clicks": 1})
    assert node.state == {"clicks": 1} and node[0].state == {}
    with node.state.lock:
        node.state["clicks"] += 1
    document = Document()
    document.set_root(node)
    assert node.state.lock is document.lock and node.state.to_json() == '{"clicks": 2}'
    legacy = HTML1()
    legacy.state["x"] = 1
    assert legacy.state == {"x": 1} and legacy.state.lock is legacy.lock


# nodes and legacy widgets ###################################################


def test_equality_as_lona_defines_it() -> None:
    class Legacy(Widget):
        def __init__(self, *nodes: Any, **data: Any) -> None:  # no super().__init__, as in Lona
            self.nodes = nodes
            self.data = data

    assert Legacy(Div()) == Legacy(Div()) and Legacy(Div()) != Legacy(Span())
    assert Legacy(a=1) == Legacy(a=1) and Legacy(a=1) != Legacy(a=2)
    assert Div() != Legacy() and Legacy() != Div() and Div() != TextNode("")
    assert TextNode("x") == TextNode("x") and TextNode("x") != "x"
    assert HTML1(Div()) == Legacy(Div())  # any two legacy widgets: children and data


def test_text_nodes_behave_like_their_string() -> None:
    text = TextNode("Hello")
    assert str(text) == "Hello" and len(text) == 5 and text[1:3] == TextNode("el")
    assert text.upper() == TextNode("HELLO") and isinstance(text.lower(), TextNode)
    assert text.startswith("He") is True and (text + "!") == TextNode("Hello!")
    with pytest.raises(TypeError):
        text += "!"
    assert str(TextNode("<b>")) == "<b>" and "&lt;b&gt;" in str(Div("<b>"))  # escaped in HTML


def test_legacy_widgets_are_falsy_when_empty_and_render_between_markers() -> None:
    empty, full = HTML1(), HTML1(Span("x"), "y")
    assert not empty and full and len(full) == 2 and list(full)[1] == TextNode("y")
    assert re.fullmatch(
        r"<!--lona-widget:(\d+)--><span [^>]*>x</span>y<!--end-lona-widget:\1-->", str(full)
    )
    full.hide()
    assert full[0].style["display"] == "none"


def test_the_serialization_of_a_shown_node_is_its_serialize_method(monkeypatch) -> None:
    calls = []
    original = Node._serialize

    def counted(self: Node, children: Any = None) -> Any:
        calls.append(self)
        return original(self, children)

    monkeypatch.setattr(Node, "_serialize", counted)
    row = Tr()
    document = Document()
    document.set_root(Div(HTML1(row)))
    calls.clear()
    for number in range(100):
        row.append(Td(number))  # not serialized until it is sent
    assert calls == []
    ops = document.flush().ops
    assert len(ops) == 100 and len(calls) == 100  # once per sent node, as Lona's test expects
    assert Tr(Td("x"))._serialize()[3][0][1] == "td"  # without children: the whole subtree


# Lona's legacy Select and NumberInput #######################################


def test_legacy_select_values_and_value() -> None:
    select = Select(values=[("a", "A"), ("b", "B", True), (3, "C")])
    assert [option.tag_name for option in select] == ["option"] * 3
    assert select.values == [("a", "A", False), ("b", "B", True), ("3", "C", False)]
    assert select.value == "b"
    select.value = "3"
    assert select.value == "3" and "selected" not in select[1].attributes
    select.multiple = True
    select.value = ["a", "b"]
    assert select.value == ["a", "b"]
    assert Select().value is None and Select(multiple=True).value == []


def test_a_legacy_select_follows_the_browser(app, served) -> None:
    seen = []

    @app.route("/")
    class Choosing(View):
        def handle_request(self, request):
            self.select = Select(
                values=[("a", "A"), ("b", "B")],
                _id="select",
                handle_change=lambda event: seen.append(self.select.value),
            )
            return HTML1(self.select, Span("ready"))

    _server, connect = served()
    window = connect().open("http://t/", wait_for="ready")
    window.change(window.element(id="select"), [1])
    assert seen == ["b"]
    window.change(window.element(id="select"), [0, 1])  # not multiple: refused
    assert window.errors and seen == ["b"]


def test_number_input_value_raw_value_and_validity() -> None:
    number = NumberInput(value=12.5, min=10, max=20, step=0.5)
    assert number.value == 12.5 and number.raw_value == "12.5" and number.valid
    number.value = "abc"
    assert number.value is None and number.raw_value == "abc" and not number.valid
    number.value = 21
    assert number.value == 21 and not number.valid
    number.value = 10.25
    assert not number.valid  # off the step grid


# legacy widgets in a running view ###########################################


def test_events_bubble_through_legacy_widgets(app, served) -> None:
    chain = []

    class Panel(Widget):
        def __init__(self, *nodes: Any) -> None:
            self.nodes = list(nodes)

        def handle_click(self, input_event: Any) -> Any:
            chain.append("widget")
            return input_event

    @app.route("/")
    class Bubbling(View):
        def handle_request(self, request):
            return HTML1(Panel(Div("click", _id="button", events=[CLICK])), "ready")

        def handle_input_event(self, input_event: Any) -> None:
            chain.append([type(node).__name__ for node in input_event.nodes])

    _server, connect = served()
    window = connect().open("http://t/", wait_for="ready")
    window.click(window.element(id="button"))
    assert chain == ["widget", ["Div", "Panel", "HTML1"]]


def test_custom_events_of_a_legacy_frontend_widget_reach_it(app, served) -> None:
    seen = []

    class Chart(Widget):
        FRONTEND_WIDGET_CLASS = "LegacyChart"

        def __init__(self) -> None:
            self.nodes = [Span("chart")]
            self.data = {"points": [1]}

        def handle_input_event(self, input_event: Any) -> None:
            seen.append((input_event.name, input_event.node is self, input_event.data))
            self.data["points"].append(input_event.data)

    @app.route("/")
    class Charting(View):
        def handle_request(self, request):
            return Div(Chart(), Span("ready"))

    _server, connect = served()
    window = connect().open("http://t/", wait_for="ready")
    marker = window.document.root.children[0]  # the comment that starts the widget
    assert marker.widget == "LegacyChart" and marker.widget_data == {"points": [1]}
    window.send_event("picked", marker.id, 2)
    window.wait_until(lambda: marker.widget_data == {"points": [1, 2]}, what="the data patch")
    assert seen == [("picked", True, 2)]


def test_static_files_of_legacy_widgets_are_served(app, tmp_path) -> None:
    from lona.static_files import Script

    script = tmp_path / "legacy.js"
    script.write_text("// a legacy widget class")

    class LegacyWithScript(Widget):
        STATIC_FILES = [Script("legacy-widget-js", str(script), url="legacy/widget.js")]

    server = app.create_server()
    urls = [declared.url for declared in server.http.static_files.files()]
    assert "legacy/widget.js" in urls
    assert server.http.static_files.find("legacy/widget.js") == script
