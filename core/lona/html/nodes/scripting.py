"""Lona's module path; the classes live in ``lona.html.media_elements``."""

from lona.html.media_elements import Canvas, NoScript, Script

__all__ = ["Canvas", "NoScript", "Script"]
