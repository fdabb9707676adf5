"""Lona's module path; the classes live in ``lona.html.attributes``."""

from lona.html.event_list import EventList as NodeEventList

__all__ = ["NodeEventList"]
