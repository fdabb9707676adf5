"""Lona's ``lona.events.view_event``: ``ViewEvent`` (deprecated since Lona 1.14)."""

from lona.view import ViewEvent

__all__ = ["ViewEvent"]
