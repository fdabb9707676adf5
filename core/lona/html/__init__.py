"""Python objects for HTML: build a tree, show it, change it.

``from lona.html import HTML, H1, Div, Button, CLICK`` ...

Every name Lona 1.16 has here is here, at Lona's module paths too
(``lona.html.text_node``, ``lona.html.widgets``, ``lona.html.nodes.forms``,
...); those modules re-export the classes, which live in modules by concept.
"""

from __future__ import annotations

from typing import Any

from lona.compat import get_client_version
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
    Submit,
    TextArea,
    TextInput,
)
from lona.html.inline_elements import *  # noqa: F403
from lona.html.inline_elements import __all__ as _inline_element_names
from lona.html.legacy_widgets import HTML1, Widget
from lona.html.media_elements import *  # noqa: F403
from lona.html.media_elements import __all__ as _media_element_names
from lona.html.node import AbstractNode, Node, NodeList, TextNode
from lona.html.node_classes import (
    FUTURE_NODE_CLASSES,
    INPUT_NODE_CLASSES,
    NODE_CLASSES,
    SELF_CLOSING_TAGS,
)
from lona.html.parsing import HTML2, NodeHTMLParser, parse_html
from lona.html.radio_buttons import RadioButton, RadioGroup
from lona.html.raw_html import RawHTML
from lona.html.render import render_node
from lona.html.selects import Option2, Select, Select2
from lona.html.urls import TrustedHTML, TrustedURL
from lona.protocol import EventType as INPUT_EVENT_TYPE

# Lona's names of the event type classes (``lona.events.event_types``)
EventType = EventSpec
ChangeEventType = EventSpec


def HTML(*args: Any, **kwargs: Any) -> Any:
    """A tree from nodes and HTML strings, as Lona's ``CLIENT_VERSION`` says.

    With 1 (the default) a legacy widget around the arguments (``HTML1``),
    with 2 the node itself, or a ``Div`` around several (``HTML2``); see
    ``lona.compat``.  Inside a view the server's setting decides.
    """
    if get_client_version() == 1:
        return HTML1(*args, **kwargs)
    return HTML2(*args, **kwargs)


__all__ = [
    "BLUR",
    "CHANGE",
    "CLICK",
    "FOCUS",
    "FUTURE_NODE_CLASSES",
    "HTML",
    "HTML1",
    "HTML2",
    "INPUT_EVENT_TYPE",
    "INPUT_NODE_CLASSES",
    "NODE_CLASSES",
    "SELF_CLOSING_TAGS",
    "AbstractNode",
    "BadEventData",
    "Button",
    "ChangeEventType",
    "CheckBox",
    "Document",
    "EventSpec",
    "EventType",
    "Form",
    "Label",
    "Node",
    "NodeHTMLParser",
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
    "TrustedHTML",
    "TrustedURL",
    "Widget",
    "get_client_version",
    "parse_html",
    "render_node",
    *_element_names,
    *_inline_element_names,
    *_media_element_names,
]
