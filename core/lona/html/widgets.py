"""Lona's module path of ``HTML1`` (named ``HTML`` here); it lives in
``lona.html.legacy_widgets``."""

from lona.html.legacy_widgets import HTML1 as HTML

__all__ = ["HTML"]
