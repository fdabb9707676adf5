"""Lona's ``lona.unique_ids``: unique string ids.

``generate_unique_id(name_space)`` counts per name space (a process-wide
counter, as in Lona: ids only have to be unique, so sharing it between apps
is harmless); ``generate_unique_id2()`` is a random UUID.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterator

__all__ = ["generate_unique_id", "generate_unique_id2"]

_lock = threading.Lock()
_counters: defaultdict[str, Iterator[int]] = defaultdict(lambda: itertools.count(1))


def generate_unique_id(name_space: str = "") -> str:
    with _lock:
        return str(next(_counters[name_space]))


def generate_unique_id2() -> str:
    return str(uuid.uuid4())
