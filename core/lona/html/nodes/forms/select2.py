"""Lona's module path; the classes live in ``lona.html.selects``."""

from lona.html.selects import Option2, Select2

__all__ = ["Option2", "Select2"]
