"""Lona's ``lona.events.input_event``: ``InputEvent`` (it lives in ``lona.input_event``)."""

from lona.input_event import INPUT_EVENT_TYPE, InputEvent

__all__ = ["INPUT_EVENT_TYPE", "InputEvent"]
