"""Lona's ``lona._json``: compact JSON that also encodes enums and widget data.

Packages built for Lona (lona-bootstrap-5) import ``dumps`` from here.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

__all__ = ["SEPARATORS", "default", "dumps"]

SEPARATORS = (",", ":")


def default(value: Any) -> Any:
    """What ``json`` can not encode itself: enums by value, widget data overlays by content."""
    if isinstance(value, Enum):
        return value.value
    target = getattr(value, "_target", None)  # a widget data overlay (lona.html.widget_data)
    if callable(target):
        return target()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def dumps(*args: Any, default: Any = default, separators: Any = SEPARATORS, **kwargs: Any) -> str:
    return json.dumps(*args, default=default, separators=separators, **kwargs)
