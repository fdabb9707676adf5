"""Lona's module path; the classes live in ``lona.html.radio_buttons``."""

from lona.html.radio_buttons import RadioButton, RadioGroup

__all__ = ["RadioButton", "RadioGroup"]
