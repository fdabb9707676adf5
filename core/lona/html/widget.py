"""Lona's module path; the classes live in ``lona.html.legacy_widgets``."""

from lona.html.legacy_widgets import Widget

__all__ = ["Widget"]
