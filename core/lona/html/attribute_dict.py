"""Lona's module path; the classes live in ``lona.html.attributes``."""

from lona.html.attributes import BOOLEAN_ATTRIBUTES, AttributeDict, StyleDict

__all__ = ["BOOLEAN_ATTRIBUTES", "AttributeDict", "StyleDict"]
