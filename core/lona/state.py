"""``server.state``: a dict shared by all views of a server, with its lock."""

from __future__ import annotations

import json
import threading
from typing import Any

__all__ = ["State"]


class State(dict[str, Any]):
    """A plain dict plus ``lock`` (an RLock) for read-modify-write sequences::

    with server.state.lock:
        server.state['count'] = server.state.get('count', 0) + 1
    """

    def __init__(self, initial: dict[str, Any] | None = None) -> None:
        super().__init__(initial or {})
        self.lock = threading.RLock()

    def to_json(self) -> str:
        with self.lock:
            return json.dumps(self)
