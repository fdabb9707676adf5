"""Lona's module path; the classes live in ``lona.html.children``."""

from lona.html.children import NodeList

__all__ = ["NodeList"]
