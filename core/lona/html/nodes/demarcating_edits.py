"""Lona's module path; the classes live in ``lona.html.media_elements``."""

from lona.html.media_elements import Del, Ins

__all__ = ["Del", "Ins"]
