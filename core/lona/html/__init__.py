"""Python objects for HTML: build a tree, show it, change it.

``from lona.html import HTML, H1, Div, Button, CLICK`` ...
"""

from __future__ import annotations

from typing import Any

from lona.html.document import Document
from lona.html.elements import *  # noqa: F403
from lona.html.elements import __all__ as _element_names
from lona.html.events import BLUR, CHANGE, CLICK, FOCUS, EventSpec
from lona.html.forms import (
    BadEventData,
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
from lona.html.render import render_node

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
    "Select",
    "Submit",
    "TextArea",
    "TextInput",
    "TextNode",
    "render_node",
    *_element_names,
    *_media_element_names,
]


def HTML(*args: Any, **kwargs: Any) -> Node:
    """A tree root: the node itself when given one node, else a ``Div`` around all."""
    from lona.html.elements import Div

    nodes = [arg for arg in args if arg is not None]
    if len(nodes) == 1 and isinstance(nodes[0], Node) and not kwargs:
        return nodes[0]
    return Div(*nodes, **kwargs)
