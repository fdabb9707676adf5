"""Which node class the HTML parser builds for a tag: Lona's tables.

``NODE_CLASSES`` maps tags to classes, ``INPUT_NODE_CLASSES`` the types of
``<input>`` (other types become a plain ``Node``), and with
``USE_FUTURE_NODE_CLASSES`` (``lona.compat``) ``FUTURE_NODE_CLASSES`` takes
precedence: ``Select2`` and ``Option2`` instead of Lona's legacy ``Select``
and ``Option``, ``DataList`` and ``FieldSet`` instead of ``Datalist`` and
``Fieldset``, and (this project's addition) ``RadioButton`` for radio inputs.
"""

from __future__ import annotations

from lona.html import elements, forms, inline_elements, media_elements, radio_buttons, selects
from lona.html.node import DeprecatedNode, Node
from lona.html.render import VOID_ELEMENTS

__all__ = [
    "FUTURE_INPUT_NODE_CLASSES",
    "FUTURE_NODE_CLASSES",
    "INPUT_NODE_CLASSES",
    "NODE_CLASSES",
    "SELF_CLOSING_TAGS",
]


def _standard_classes() -> dict[str, type[Node]]:
    classes: dict[str, type[Node]] = {}
    for module in (elements, inline_elements, media_elements):
        for name in module.__all__:
            cls = getattr(module, name)
            if not issubclass(cls, DeprecatedNode):
                classes.setdefault(cls.TAG_NAME, cls)
    del classes["input"]  # by type: INPUT_NODE_CLASSES
    classes.update(
        {
            "button": forms.Button,
            "form": forms.Form,
            "label": forms.Label,
            "textarea": forms.TextArea,
            "select": selects.Select,
            "option": media_elements.Option,
            "datalist": media_elements.Datalist,
            "fieldset": media_elements.Fieldset,
        }
    )
    return classes


NODE_CLASSES: dict[str, type[Node]] = _standard_classes()

INPUT_NODE_CLASSES: dict[str, type[Node]] = {
    "text": forms.TextInput,
    "number": forms.NumberInput,
    "submit": forms.Submit,
    "checkbox": forms.CheckBox,
}

FUTURE_NODE_CLASSES: dict[str, type[Node]] = {
    "select": selects.Select2,
    "option": selects.Option2,
    "datalist": media_elements.DataList,
    "fieldset": media_elements.FieldSet,
}

FUTURE_INPUT_NODE_CLASSES: dict[str, type[Node]] = {
    "radio": radio_buttons.RadioButton,
}

SELF_CLOSING_TAGS: list[str] = sorted(VOID_ELEMENTS)
