"""Lona's module path; the classes live in ``lona.html.elements``."""

from lona.html.elements import Base, Head, Link, Meta, Style, Title

__all__ = ["Base", "Head", "Link", "Meta", "Style", "Title"]
