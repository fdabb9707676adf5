"""The rendering conformance view: a long list of mutations, one per click.

Each click on ``#next`` applies the next step to the tree under ``#stage``,
shows it, and then sends the server's canonical form of the stage as a
custom message (``{"step": n, "stage": ...}``).  The browser test compares
it with the same canonical form of the browser's DOM after every step: tags,
attributes, text, node ids, and the data each widget received.  Lona's
legacy widgets (``HTML1``) have no element: the browser shows their children
in place, and so does the canonical form.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from lona import App, View
from lona.html import (
    CLICK,
    H2,
    HTML1,
    Button,
    CheckBox,
    Div,
    Li,
    Node,
    Ol,
    Option2,
    P,
    Pre,
    RawHTML,
    Select2,
    Span,
    Table,
    TBody,
    Td,
    TextInput,
    TextNode,
    Tr,
    Ul,
    parse_html,
)
from lona.html.base import AbstractNode
from lona.html.children import flat_children
from lona.html.wire import wire_attributes
from lona.static_files import Script, StyleSheet

__all__ = ["ConformanceWidget", "add_routes", "canonical"]


class ConformanceWidget(Node):
    """A node with a frontend widget; its script and stylesheet are STATIC_FILES."""

    WIDGET = "ConformanceWidget"
    STATIC_FILES = [
        Script(
            "conformance-widgets", "static/conformance-widgets.js", url="conformance/widgets.js"
        ),
        StyleSheet("conformance-css", "static/conformance.css", url="conformance/style.css"),
        Script(
            "conformance-widgets-map",
            "static/conformance-widgets.js.map",
            url="conformance/widgets.js.map",
            link=False,
        ),
        Script(
            "conformance-disabled",
            "static/disabled.js",
            url="conformance/disabled.js",
            enabled_by_default=False,
        ),
    ]
    __slots__ = ()


def canonical(node: AbstractNode) -> Any:
    """The server's side of the comparison (the test builds the same from the DOM)."""
    if isinstance(node, TextNode):
        return ["#text", int(node.id), node.get_text()]
    if not isinstance(node, Node):  # a comment around a legacy frontend widget's children
        return ["#comment", int(node.id)]
    attributes = dict(sorted(wire_attributes(node).items()))
    if isinstance(node, RawHTML):
        children: Any = ["#raw", node.inner_html]
    else:
        children = [canonical(child) for child in flat_children(node)]
    data = node.widget_data.copy() if node.widget and not isinstance(node, RawHTML) else None
    return [node.tag_name, int(node.id), attributes, children, data]


# the steps ####################################################################

Step = Callable[["Rendering"], None]


def _list(view: Rendering) -> Node:
    found = view.stage.query_selector("#list")
    assert found is not None
    return found


def _widget(view: Rendering) -> Node:
    found = view.stage.query_selector("#widget")
    assert found is not None
    return found


def _rebuilt(view: Rendering, items: list[Any], title: str = "rebuilt") -> None:
    """Show a freshly built page: the tree diff sends only what changed."""
    view.stage = Div(H2(title), Ul(*items, _id="list"), _id="stage")
    view.show(view.page())


def _structure_steps() -> list[Step]:
    return [
        lambda v: v.stage.append("a text node"),
        lambda v: v.stage.append(Ul(Li("one"), Li("two"), Li("three"), _id="list")),
        lambda v: _list(v).insert(0, Li("zero")),
        lambda v: _list(v).insert(2, Li("middle")),
        lambda v: _list(v).insert(0, _list(v)[-1]),  # a move inside one parent
        lambda v: v.stage.append(Ol(_id="other")),
        lambda v: v.stage.query_selector("#other").append(_list(v)[1]),  # across parents
        lambda v: _list(v)[0].remove(),
        lambda v: _list(v).pop(),
        lambda v: _list(v).__setitem__(slice(0, 1), [Li("s1"), Li("s2"), Li("s3")]),
        lambda v: _list(v).__delitem__(slice(1, 3)),
        lambda v: _list(v).__setitem__(0, Li("replaced")),
        lambda v: _list(v)[0].set_text("text set"),
        lambda v: v.stage[0].set_text("the text node changed"),
        lambda v: v.stage.append(Span("<b>not bold</b> & \"quoted\" 'too'", _id="special")),
        lambda v: v.stage.append(Span("Grüße, 世界 🌍", _id="unicode")),
        lambda v: _list(v).extend([Li(f"bulk {i}") for i in range(30)]),
        lambda v: _list(v).clear(),
        lambda v: setattr(_list(v), "nodes", [Li(str(i)) for i in range(5)]),
        lambda v: v.stage.append(
            Table(TBody(*[Tr(Td(f"{r},{c}") for c in range(3)) for r in range(3)]))
        ),
        lambda v: v.stage.append(Pre(_id="pre")),
        lambda v: v.stage.query_selector("#pre").write_line("line one"),
        lambda v: v.stage.query_selector("#pre").write("and more"),
    ]


def _attribute_steps() -> list[Step]:
    return [
        lambda v: _list(v).id_list.add("second-id"),
        lambda v: _list(v).id_list.remove("second-id"),
        lambda v: setattr(_list(v), "id_list", ["list", "again"]),
        lambda v: _list(v).class_list.add("a", "b"),
        lambda v: _list(v).class_list.toggle("a"),
        lambda v: _list(v).class_list.remove("b"),
        lambda v: _list(v).class_list.extend(["c", "d"]),
        lambda v: _list(v).class_list.clear(),
        lambda v: _list(v).style.__setitem__("color", "red"),
        lambda v: _list(v).style.update({"margin-left": "2px", "color": "blue"}),
        lambda v: _list(v).style.__delitem__("color"),
        lambda v: setattr(_list(v), "style", "padding: 1px; border: 1px solid green"),
        lambda v: _list(v).style.clear(),
        lambda v: _list(v).attributes.__setitem__("title", 'a "title"'),
        lambda v: _list(v).attributes.update({"data-count": 3, "data-ratio": 0.5}),
        lambda v: _list(v).attributes.__setitem__("hidden", True),
        lambda v: _list(v).attributes.__setitem__("hidden", False),
        lambda v: _list(v).attributes.__delitem__("title"),
        lambda v: setattr(_list(v), "attributes", {"data-reset": "yes"}),
        lambda v: _list(v).hide(),
        lambda v: _list(v).show(),
        lambda v: _list(v).events.add(CLICK),
        lambda v: _list(v).events.remove(CLICK),
        lambda v: v.stage.append(P("styled by the stylesheet", _class="conformance-styled")),
    ]


def _widget_steps() -> list[Step]:
    def widget_data(v: Rendering) -> Any:
        return _widget(v).widget_data

    return [
        lambda v: v.stage.append(
            ConformanceWidget(_id="widget", widget_data={"a": 1, "points": [1, 2]})
        ),
        lambda v: widget_data(v).__setitem__("a", 2),
        lambda v: widget_data(v)["points"].append(3),
        lambda v: widget_data(v)["points"].insert(0, 0),
        lambda v: widget_data(v)["points"].pop(1),
        lambda v: widget_data(v).__setitem__("nested", {"x": {"y": 1}}),
        lambda v: widget_data(v)["nested"]["x"].__setitem__("y", 2),
        lambda v: widget_data(v).__delitem__("a"),
        lambda v: setattr(_widget(v), "widget_data", [1, 2, 3]),
        lambda v: widget_data(v).append({"four": 4}),
        lambda v: widget_data(v)[3].__setitem__("four", "IV"),
        lambda v: _widget(v).remove(),
        lambda v: v.stage.append(RawHTML("<b>raw</b> html", _id="raw")),
        lambda v: setattr(v.stage.query_selector("#raw"), "inner_html", "<i>changed</i>"),
        lambda v: v.stage.append(
            parse_html('<svg viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"></circle></svg>')
        ),
        lambda v: v.stage.append(
            Div(
                TextInput(value="from the server", _id="text"),
                CheckBox(value=True, _id="check"),
                Select2(Option2("one", value=1), Option2("two", value=2), _id="select"),
            )
        ),
        lambda v: setattr(v.stage.query_selector("#text"), "value", "changed by the server"),
        lambda v: setattr(v.stage.query_selector("#check"), "value", False),
        lambda v: setattr(v.stage.query_selector("#select"), "value", 2),
    ]


def _legacy(view: Rendering) -> Any:
    return view.stage.state["legacy"]


def _legacy_steps() -> list[Step]:
    """Lona's legacy widgets: children shown in place of the widget."""

    def add(v: Rendering) -> None:
        v.stage.state["legacy"] = HTML1(Span("legacy a", _id="legacy-a"), "legacy text")
        v.stage.insert(1, v.stage.state["legacy"])

    return [
        add,
        lambda v: _legacy(v).append(Span("legacy b")),
        lambda v: _legacy(v).insert(0, "first in the widget"),
        lambda v: _legacy(v).append(HTML1(Span("nested"), HTML1(), "deep text")),
        lambda v: _legacy(v)[-1].insert(1, Span("into the nested widget")),
        lambda v: _legacy(v)[-1].append(_list(v)[0]),  # a move out of an element
        lambda v: _list(v).append(_legacy(v)[-1][-1]),  # and back
        lambda v: _legacy(v)[-1].remove(),
        lambda v: _list(v).insert(1, _legacy(v)),  # the whole widget moves
        lambda v: setattr(_legacy(v), "nodes", [Li("reset one"), HTML1(Li("reset two"))]),
        lambda v: _legacy(v).set_text("set text"),
        lambda v: _legacy(v).clear(),
        lambda v: _legacy(v).extend([Li("extended"), "and text"]),
        lambda v: _legacy(v).remove(),
    ]


def _keyed(order: Any) -> list[Any]:
    return [Li(f"key {i}", _id=f"key-{i}") for i in order]


def _diff_steps() -> list[Step]:
    return [
        lambda v: _rebuilt(v, [Li(str(i)) for i in range(5)]),
        lambda v: _rebuilt(v, [Li(str(i)) for i in range(5)], title="one text changed"),
        lambda v: _rebuilt(v, [Li(str(i)) for i in range(1, 6)]),  # a sliding window
        lambda v: _rebuilt(v, _keyed(range(6))),
        lambda v: _rebuilt(v, _keyed((5, 0, 3, 1, 4, 2))),  # keyed reorder
        lambda v: _rebuilt(v, [Li("mixed"), Span("kinds"), "text", Li("end")]),
        lambda v: _rebuilt(v, [Li("mixed"), HTML1(Li("in a"), "legacy widget"), Li("end")]),
        lambda v: _rebuilt(v, [HTML1(Li("mixed")), Li("in a"), HTML1("legacy widget", Li("end"))]),
        lambda v: _list(v).append(Li("appended after the diff")),
        lambda v: v.show(v.page(tag_name="main")),  # another root tag: a whole TREE
        lambda v: _list(v).append(Li("appended after the tree")),
        lambda v: _rebuilt(v, []),
    ]


STEPS: list[Step] = [
    *_structure_steps(),
    *_attribute_steps(),
    *_widget_steps(),
    *_legacy_steps(),
    *_diff_steps(),
]


class Rendering(View):
    def handle_request(self, request: Any) -> Any:
        self.step = 0
        self.stage = Div(_id="stage")
        return self.page()

    def page(self, tag_name: str = "div") -> Node:
        self.step_label = Span(str(self.step), _id="step")
        controls = Div(Button("next", _id="next", handle_click=self.next_step), self.step_label)
        return Node(controls, self.stage, tag_name=tag_name)

    def next_step(self, input_event: Any) -> None:
        if self.step >= len(STEPS):
            return
        STEPS[self.step](self)
        self.step += 1
        self.step_label.set_text(self.step)
        self.show()  # the patch goes out before the expected state
        self.send_str(json.dumps({"step": self.step, "stage": canonical(self.stage)}))


def add_routes(app: App) -> None:
    app.route("/rendering")(Rendering)
