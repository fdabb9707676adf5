"""What the helpers below ``Node`` see of an element: its own fields.

``node.style``, ``node.attributes``, ``node.class_list``, ``node.id_list`` and
``node.events`` are small views over storage that lives on the element, and
the selector engine and the wire read the same storage.  They get the element
as an ``ElementFields``: ``Node`` (``lona.html.node``) satisfies it, so those
helpers sit below the node class instead of importing it back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from lona.html.events import EventSpec

__all__ = ["ElementFields"]


class ElementFields(Protocol):
    """An element's storage; None stands for empty, so an unused field costs nothing."""

    _id: int
    _tag: str
    _ids: list[str] | None
    _classes: list[str] | None
    _style: dict[str, str] | None
    _attrs: dict[str, Any] | None
    _events: list[EventSpec] | None

    def _change_attribute(self, names: Iterable[str], apply: Callable[[], None]) -> None:
        """Run ``apply`` under the tree's lock, recording a change of ``names``."""
        ...

    def has_id(self, name: str) -> bool: ...

    def has_class(self, name: str) -> bool: ...
