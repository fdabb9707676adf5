"""Events a browser never sends for a control the user can not use.

A browser dispatches no click, change or focus for a disabled form control
(``disabled`` on the control, on a ``<fieldset>`` around it, or on the
``<select>``/``<optgroup>`` around an option), and no change for a read-only
text field.  So an event that claims one is forged, and is refused before
any handler runs, as the browser would have refused the action: a disabled
button's handler never runs, a read-only field keeps its value, a disabled
option is never chosen.

Only the controls the HTML standard disables are checked: ``disabled`` on a
``<div>`` changes nothing in a browser, and ``readonly`` on a checkbox,
radio button or select neither.  Custom events come from a widget's script,
not from the user's hands, and are not checked.  The state checked is the
one when the event is handled, in the view's event order.
"""

from __future__ import annotations

from typing import Any

from lona.html.events import BadEventData
from lona.html.node import Node
from lona.html.selects import Select2
from lona.protocol import EventType

__all__ = ["check_control_state", "check_options_chosen"]

_FORM_CONTROLS = frozenset({"button", "input", "select", "textarea", "option", "optgroup"})
# containers whose ``disabled`` disables the controls inside them
_DISABLING_CONTAINERS = frozenset({"fieldset", "select", "optgroup"})
_READONLY_INPUT_TYPES = frozenset(
    {
        "text",
        "search",
        "url",
        "tel",
        "email",
        "password",
        "date",
        "month",
        "week",
        "time",
        "datetime-local",
        "number",
    }
)
_USER_EVENTS = (EventType.CLICK, EventType.CHANGE, EventType.FOCUS, EventType.BLUR)


def check_control_state(event_type: int | str, node: Any, target: Any) -> None:
    """BadEventData for an event on a disabled control, or a change of a read-only one."""
    if isinstance(event_type, str) or event_type not in _USER_EVENTS:
        return
    for element in (node, target):
        if isinstance(element, Node) and is_disabled(element):
            raise BadEventData(f"{_describe(element)} is disabled")
    if event_type == EventType.CHANGE and isinstance(node, Node) and is_readonly(node):
        raise BadEventData(f"{_describe(node)} is read-only")


def check_options_chosen(select: Select2, indices: list[int]) -> None:
    """A user chooses no disabled option, and can not unselect one in a multiple select."""
    options = select.options
    shown = select.selected_options  # a single select without a selection shows its first
    chosen = set(indices)
    for index, option in enumerate(options):
        if not is_disabled(option):
            continue
        was_selected = option in shown
        if index in chosen and not was_selected:
            raise BadEventData(f"option {index} ({_describe(option)}) is disabled")
        if select.multiple and was_selected and index not in chosen:
            raise BadEventData(f"option {index} ({_describe(option)}) is disabled")


def is_disabled(node: Node) -> bool:
    """Whether a browser treats ``node`` as a disabled form control."""
    if node.tag_name not in _FORM_CONTROLS:
        return False
    if "disabled" in node.attributes:
        return True
    child, parent = node, node.parent
    while isinstance(parent, Node):  # a widget or fragment around it disables nothing
        if _disables(parent, child):
            return True
        child, parent = parent, parent.parent
    return False


def is_readonly(node: Node) -> bool:
    """Whether ``readonly`` keeps the user from changing ``node``'s value."""
    if "readonly" not in node.attributes:
        return False
    if node.tag_name == "textarea":
        return True
    input_type = str(node.attributes.get("type", "text")).lower()
    return node.tag_name == "input" and input_type in _READONLY_INPUT_TYPES


def _disables(container: Node, child: Node) -> bool:
    """Whether ``container`` disables what is inside its child ``child``; the
    first ``<legend>`` of a disabled fieldset stays usable."""
    if container.tag_name not in _DISABLING_CONTAINERS or "disabled" not in container.attributes:
        return False
    if container.tag_name != "fieldset" or child.tag_name != "legend":
        return True
    legends = [n for n in container.nodes if isinstance(n, Node) and n.tag_name == "legend"]
    return legends[0] is not child


def _describe(node: Node) -> str:
    ids = node.id_list
    name = type(node).__name__
    return f"{name}#{ids[0]}" if ids else name
