"""``node.state``: server-side data attached to a node, with the node's lock."""

from __future__ import annotations

import json
from typing import Any

from lona.html.base import AbstractNode

__all__ = ["NodeState"]


class NodeState(dict[str, Any]):
    """A plain dict plus ``lock``, the lock of the node's tree (as in Lona)::

    with node.state.lock:
        node.state['clicks'] = node.state.get('clicks', 0) + 1
    """

    __slots__ = ("_node",)

    def __init__(self, node: AbstractNode, initial: dict[str, Any] | None = None) -> None:
        super().__init__(initial or {})
        self._node = node

    @property
    def lock(self) -> Any:
        return self._node.lock

    def to_json(self) -> str:
        with self.lock:
            return json.dumps(self)
