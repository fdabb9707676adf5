"""Lona's module path; the classes live in ``lona.html.forms`` and ``lona.html.media_elements``."""

from lona.html.media_elements import Option
from lona.html.selects import Select

__all__ = ["Option", "Select"]
