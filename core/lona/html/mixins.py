"""Lona's ``FrontendComponent``: the static files of its built-in widgets.

This project's client has its built-in widgets (``RawHTML``'s) already, so
the mixin declares no files; it exists for code that subclasses it.
"""

from __future__ import annotations

from typing import ClassVar

from lona.static_files import StaticFile

__all__ = ["FrontendComponent"]


class FrontendComponent:
    STATIC_FILES: ClassVar[list[StaticFile]] = []
