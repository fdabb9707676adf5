"""Form nodes: values, checks of what the browser sends, consuming CHANGE."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from lona.html import (
    CHANGE,
    BadEventData,
    Button,
    CheckBox,
    Div,
    Label,
    NumberInput,
    Option2,
    RadioButton,
    RadioGroup,
    Select2,
    Submit,
    TextArea,
    TextInput,
)


def _change(node: Any, data: Any) -> Any:
    """A change event as the runtime hands it to the node."""
    event = SimpleNamespace(name="change", data=data, node=node, connection=None, window_id=1)
    event.handled = []
    return event


def test_text_inputs() -> None:
    field = TextInput("start", _id="f")
    assert field.value == "start" and CHANGE(300) in field.events
    assert "302:300" in str(field)
    assert "302:0" not in str(TextInput(input_delay=0)) and "302" in str(TextInput(input_delay=0))
    field.value = None
    assert field.value == ""
    field.disabled = True
    field.readonly = True
    assert field.disabled and field.readonly and " disabled" in str(field)
    with pytest.raises(TypeError):
        field.disabled = "yes"
    area = TextArea(value="a\nb")
    assert area.value == "a\nb" and str(area).endswith(">a\nb</textarea>")


def test_inputs_consume_their_change_unless_bubble_up() -> None:
    seen = []
    field = TextInput(handle_change=lambda event: seen.append(event.data) or event)
    assert field.handle_input_event(_change(field, "typed")) is None
    assert field.value == "typed" and seen == ["typed"]
    bubbling = TextInput(bubble_up=True)
    event = _change(bubbling, "up")
    assert bubbling.handle_input_event(event) is event


@pytest.mark.parametrize(
    ("node", "good", "bad"),
    [
        (TextInput(), "text", 5),
        (TextArea(), "text", None),
        (CheckBox(), True, "true"),
        (NumberInput(), 2.5, True),
        (RadioButton(), False, 0),
        (Select2(Option2("a"), Option2("b")), [1], [2]),
        (Select2(Option2("a"), Option2("b")), [], [0, 1]),  # single select
        (Select2(Option2("a"), Option2("b"), multiple=True), [0, 1], ["0"]),
    ],
)
def test_change_data_of_the_wrong_type_is_refused(node, good, bad) -> None:
    node.check_event_data("change", good)
    with pytest.raises(BadEventData):
        node.check_event_data("change", bad)
    assert node.check_event_data("click", {"anything": 1}) == {"anything": 1}


def test_checkbox() -> None:
    box = CheckBox(True)
    assert box.value is True and " checked" in str(box)
    box.value = False
    assert "checked" not in str(box)
    with pytest.raises(TypeError):
        box.value = "on"
    box.handle_input_event(_change(box, True))
    assert box.value is True


def test_number_input_values_and_validity() -> None:
    number = NumberInput(value=5, min=0, max=10, step=2.5)
    assert (number.value, number.raw_value, number.min, number.max, number.step) == (
        5.0,
        "5",
        0.0,
        10.0,
        2.5,
    )
    assert number.valid
    for raw, valid in (("7.5", True), ("6", False), ("11", False), ("-2.5", False), ("x", False)):
        number.handle_input_event(_change(number, raw))
        assert number.raw_value == raw and number.valid is valid, raw
    assert number.value is None  # "x"
    number.value = None
    assert number.raw_value == "" and not number.valid
    number.min = None
    assert "min" not in number.attributes
    with pytest.raises(TypeError):
        number.max = "10"
    assert NumberInput().value is None and NumberInput(value=1).valid


def test_select2_single_and_multiple() -> None:
    single = Select2(Option2("One", value=1), Option2("Two", value=2), Option2("Three", value=3))
    assert single.value == 1  # none selected: the browser shows the first
    assert single.values == (1, 2, 3) and single.selected_options == (single.options[0],)
    single.value = 3
    assert single.value == 3 and [o.selected for o in single.options] == [False, False, True]
    with pytest.raises(ValueError):
        single.value = 4
    single.handle_input_event(_change(single, [1]))
    assert single.value == 2
    multi = Select2(Option2("a", value="a"), Option2("b", value="b"), multiple=True)
    assert multi.value == ()
    multi.value = ["a", "b"]
    assert multi.value == ("a", "b")
    multi.handle_input_event(_change(multi, [1]))
    assert multi.value == ("b",)
    multi.select_all()
    assert multi.value == ("a", "b")
    multi.select_none()
    multi.add_option(Option2("c", value={"any": "object"}, render_value=False))
    assert multi.values[-1] == {"any": "object"} and "value" not in multi.options[-1].attributes
    multi.remove_option(multi.options[0])
    assert multi.values[0] == "b"
    multi.clear_options()
    assert multi.options == ()
    option = Option2("x", value=7, selected=True, disabled=True)
    assert 'value="7"' in str(option) and option.selected and option.disabled


def test_radio_group() -> None:
    group = RadioGroup()
    group.add_button("Red", "red")
    group.add_button(Label("Green", RadioButton(value="green", _id="green")))
    group.add_button(Label("Blue"), RadioButton(value="blue", checked=True))
    assert group.values == ("red", "green", "blue") and group.value == "blue"
    labels = [node for node in group.iter_nodes() if isinstance(node, Label)]
    buttons = group.radio_buttons
    assert [label.attributes["for"] for label in labels] == [b.id_list[0] for b in buttons]
    assert buttons[1].id_list == ["green"]  # its own id is kept
    group.value = "red"
    assert [b.checked for b in buttons] == [True, False, False]
    with pytest.raises(ValueError):
        group.value = "purple"
    group.value = None
    assert group.value is None and group.checked_radio_button is None


def test_radio_group_handles_the_change_of_its_buttons() -> None:
    seen = []
    group = RadioGroup(handle_change=lambda event: seen.append((event.node, event.data)))
    group.add_button("Red", "red")
    group.add_button("Green", "green")
    red, green = group.radio_buttons
    red.checked = True
    event = _change(green, True)
    assert green.handle_input_event(event) is event  # buttons bubble up by default
    assert group.handle_input_event(event) is None
    assert seen == [(group, "green")] and not red.checked and green.checked


def test_buttons_submit_labels_and_forms() -> None:
    button = Button("Go", disabled=True)
    assert button.disabled and "301" in str(button)
    button.disabled = False
    assert "disabled" not in str(button)
    assert 'value="Submit"' in str(Submit()) and 'value="Send"' in str(Submit("Send"))
    assert str(Label("x", _for="f")).startswith("<label") and 'for="f"' in str(Label(_for="f"))
    form = Div(TextInput(name="q"))
    assert form.query_selector("[name=q]") is form[0]
