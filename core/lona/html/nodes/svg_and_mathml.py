"""Lona's module path; the classes live in ``lona.html.media_elements``."""

from lona.html.media_elements import SVG, Math

__all__ = ["SVG", "Math"]
