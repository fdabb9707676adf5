"""Python objects for HTML: build a tree, show it, change it.

``from lona.html import HTML, H1, Div, Button, CLICK`` ...
"""

from __future__ import annotations

from lona.html.document import Document
from lona.html.elements import *  # noqa: F403
from lona.html.elements import __all__ as _element_names
from lona.html.events import BLUR, CHANGE, CLICK, FOCUS, BadEventData, EventSpec
from lona.html.forms import (
    Button,
    CheckBox,
    Form,
    Label,
    NumberInput,
    Select,
    Submit,
    TextArea,
    TextInput,
)
from lona.html.media_elements import *  # noqa: F403
from lona.html.media_elements import __all__ as _media_element_names
from lona.html.node import AbstractNode, Node, NodeList, TextNode
from lona.html.parsing import HTML, parse_html
from lona.html.radio_buttons import RadioButton, RadioGroup
from lona.html.raw_html import RawHTML
from lona.html.render import render_node
from lona.html.selects import Option2, Select2
from lona.html.urls import TrustedURL

__all__ = [
    "BLUR",
    "CHANGE",
    "CLICK",
    "FOCUS",
    "HTML",
    "AbstractNode",
    "BadEventData",
    "Button",
    "CheckBox",
    "Document",
    "EventSpec",
    "Form",
    "Label",
    "Node",
    "NodeList",
    "NumberInput",
    "Option2",
    "RadioButton",
    "RadioGroup",
    "RawHTML",
    "Select",
    "Select2",
    "Submit",
    "TextArea",
    "TextInput",
    "TextNode",
    "TrustedURL",
    "parse_html",
    "render_node",
    *_element_names,
    *_media_element_names,
]
