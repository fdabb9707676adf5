"""Lona's module path; the classes live in ``lona.html.forms``."""

from lona.html.forms import CheckBox, NumberInput, Submit, TextArea, TextInput

__all__ = ["CheckBox", "NumberInput", "Submit", "TextArea", "TextInput"]
