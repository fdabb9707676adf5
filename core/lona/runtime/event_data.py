"""The data of an input event is checked before any handler sees it.

A click carries modifier flags and sizes, focus and blur carry nothing, and a
change carries what its node expects (``Node.check_event_data``: a string
for a text field, a boolean for a checkbox, option indices for a select).
No event may act on a control the user can not use (a disabled button, a
read-only field, a disabled option: ``lona.runtime.control_state``).
Anything else raises ``BadEventData``: the event is refused with BAD_EVENT
and the view keeps running.
"""

from __future__ import annotations

from typing import Any

from lona.html.children import ParentNode
from lona.html.events import BadEventData
from lona.html.selects import Select2
from lona.protocol import EventType
from lona.runtime.control_state import check_control_state, check_options_chosen
from lona.security.log_limit import brief

__all__ = ["check_event_data"]

_CLICK_FLAGS = ("alt_key", "shift_key", "meta_key", "ctrl_key")
_CLICK_NUMBERS = ("node_width", "node_height", "x", "y")


def check_event_data(
    name: str, event_type: int | str, data: Any, node: ParentNode | None, target: Any = None
) -> Any:
    """The checked (and completed) data of one event; BadEventData if it does not fit.

    ``target`` is the node the user acted on (inside ``node``), if known.
    """
    check_control_state(event_type, node, target)
    if event_type == EventType.CLICK:
        data = _click_data(data)
    elif event_type in (EventType.FOCUS, EventType.BLUR):
        data = []
    if node is None:
        return data
    data = node.check_event_data(name, data)
    if event_type == EventType.CHANGE and isinstance(node, Select2):
        check_options_chosen(node, data)
    return data


def _click_data(data: Any) -> dict[str, Any]:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BadEventData(f"click data must be an object, got {brief(data)}")
    checked = dict(data)
    for key in _CLICK_FLAGS:
        value = checked.setdefault(key, False)
        if not isinstance(value, bool):
            raise BadEventData(f"click data {brief(key)} must be true or false, got {brief(value)}")
    for key in _CLICK_NUMBERS:
        value = checked.setdefault(key, 0)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise BadEventData(f"click data {brief(key)} must be a number, got {brief(value)}")
    return checked
