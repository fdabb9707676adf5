"""Lona's ``Selector``; the selector engine is ``lona.html.selectors``."""

from __future__ import annotations

from lona.html.base import AbstractNode
from lona.html.node import Node
from lona.html.selectors import compile_selector

__all__ = ["Selector"]


class Selector:
    """A compiled selector: ``Selector('div.item').match(node)``."""

    def __init__(self, raw_selector_string: str) -> None:
        self._matches = compile_selector(raw_selector_string)

    def match(self, node: AbstractNode) -> bool:
        return isinstance(node, Node) and self._matches(node)
