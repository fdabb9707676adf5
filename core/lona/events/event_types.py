"""Lona's ``lona.events.event_types``: ``CLICK``, ``CHANGE``, ``FOCUS``, ``BLUR``.

Lona has two classes (``EventType`` and ``ChangeEventType``, whose instances
are callable: ``CHANGE(input_delay=300)``); here one class does both, and the
two names point to it.
"""

from lona.html.events import BLUR, CHANGE, CLICK, FOCUS, EventSpec

EventType = EventSpec
ChangeEventType = EventSpec

__all__ = ["BLUR", "CHANGE", "CLICK", "FOCUS", "ChangeEventType", "EventType"]
