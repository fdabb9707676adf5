"""Lona's ``lona.events`` package: the event types (``CLICK``, ``CHANGE``, ...).

The machinery lives in ``lona.html.events`` (event types), ``lona.input_event``
(``InputEvent``) and ``lona.runtime.subscriptions`` (``ViewEvent``).
"""

from lona.events.event_types import BLUR, CHANGE, CLICK, FOCUS, ChangeEventType, EventType

__all__ = ["BLUR", "CHANGE", "CLICK", "FOCUS", "ChangeEventType", "EventType"]
