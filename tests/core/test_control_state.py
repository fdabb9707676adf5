"""Which controls a browser lets the user use, as the server decides it."""

from __future__ import annotations

import pytest

from lona.html import Button, CheckBox, Div, Node, NumberInput, Option2, Select2, TextInput
from lona.html.events import BadEventData
from lona.protocol import EventType
from lona.runtime.control_state import check_options_chosen, is_disabled, is_readonly


def test_disabled_is_what_a_browser_disables():
    button = Button("b", disabled=True)
    assert is_disabled(button)
    assert not is_disabled(Div("d", disabled=True))  # disabled means nothing on a div
    inside = Button("in")
    legend_button = Button("in legend")
    Node(
        Node(legend_button, tag_name="legend"),
        Div(inside),
        tag_name="fieldset",
        disabled=True,
    )
    assert is_disabled(inside)
    assert not is_disabled(legend_button)  # the first legend of a fieldset stays usable
    option = Option2("o", value="o")
    Node(option, tag_name="optgroup", disabled=True)
    assert is_disabled(option)


def test_readonly_is_what_a_browser_keeps_unchanged():
    assert is_readonly(TextInput(readonly=True))
    assert is_readonly(NumberInput(readonly=True))
    assert not is_readonly(CheckBox(readonly=True))  # browsers ignore it on checkboxes
    assert not is_readonly(TextInput())


@pytest.mark.parametrize(
    ("multiple", "indices", "allowed"),
    [
        (False, [0], True),  # leaving the disabled, selected one
        (False, [1], False),  # choosing the disabled option
        (False, [2], True),  # keeping it
        (True, [0, 2], True),  # the disabled, selected one stays selected
        (True, [0], False),  # unselecting a disabled option
        (True, [0, 1, 2], False),
    ],
)
def test_a_disabled_option_keeps_its_state(multiple, indices, allowed):
    select = Select2(
        Option2("a", value="a"),
        Option2("b", value="b", disabled=True),
        Option2("c", value="c", disabled=True, selected=True),
        multiple=multiple,
    )
    if allowed:
        check_options_chosen(select, indices)
    else:
        with pytest.raises(BadEventData):
            check_options_chosen(select, indices)


def test_custom_events_are_not_checked():
    from lona.runtime.control_state import check_control_state

    check_control_state("widget-event", Button(disabled=True), None)
    with pytest.raises(BadEventData):
        check_control_state(EventType.FOCUS, Button(disabled=True), None)
