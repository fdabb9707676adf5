"""Lona's module path; the classes live in ``lona.html.attributes``."""

from lona.html.attributes import EventList as NodeEventList

__all__ = ["NodeEventList"]
