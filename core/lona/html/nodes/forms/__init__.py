"""Lona's module path; the classes live in ``lona.html.forms`` and
``lona.html.media_elements``."""

from lona.html.forms import Button, Form, Label
from lona.html.media_elements import (
    DataList,
    Datalist,
    FieldSet,
    Fieldset,
    Legend,
    Meter,
    OptGroup,
    Output,
    Progress,
)

__all__ = [
    "Button",
    "DataList",
    "Datalist",
    "FieldSet",
    "Fieldset",
    "Form",
    "Label",
    "Legend",
    "Meter",
    "OptGroup",
    "Output",
    "Progress",
]
