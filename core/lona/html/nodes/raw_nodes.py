"""Lona's module path; the classes live in ``lona.html.raw_html``."""

from lona.html.raw_html import RawHTML

__all__ = ["RawHTML"]
