"""Lona's module path; the classes live in ``lona.html.elements``."""

from lona.html.elements import Body

__all__ = ["Body"]
