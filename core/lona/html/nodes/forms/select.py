"""Lona's module path; the classes live in ``lona.html.forms`` and ``lona.html.media_elements``."""

from lona.html.forms import Select
from lona.html.media_elements import Option

__all__ = ["Option", "Select"]
