"""Lona's module path; the classes live in ``lona.html.base``."""

from lona.html.base import TextNode

__all__ = ["TextNode"]
