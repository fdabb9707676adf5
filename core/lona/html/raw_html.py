"""``RawHTML``: a div whose content is an HTML string, set in the browser.

The string is shown as markup (the client sets it as ``innerHTML`` through
the built-in ``lona.RawHtmlWidget``), so only use it for HTML you trust.
Its content is not a node tree: nodes can not be added to it.
"""

from __future__ import annotations

from typing import Any

from lona.html.base import AbstractNode
from lona.html.node import Node

__all__ = ["RawHTML"]


class RawHTML(Node):
    TAG_NAME = "div"
    WIDGET = "lona.RawHtmlWidget"
    __slots__ = ()

    def __init__(self, inner_html: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.inner_html = inner_html

    @property
    def inner_html(self) -> str:
        return str(self.widget_data.get("inner_html", ""))

    @inner_html.setter
    def inner_html(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"inner_html must be a string, not {type(value).__name__}")
        self.widget_data["inner_html"] = value

    def _insert_children(self, index: int, children: list[AbstractNode]) -> None:
        if children:
            raise RuntimeError("RawHTML has no child nodes; set inner_html instead")

    def _inner_html(self) -> str | None:
        return self.inner_html
