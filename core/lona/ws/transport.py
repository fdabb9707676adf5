"""``Transport``: one open websocket as an adapter provides it.

The websocket side defines what it writes to; ``lona.adapter`` re-exports it
for adapters, which implement it (by subclassing it or by shape alone).
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Protocol

__all__ = ["Transport"]


class Transport(Protocol):
    """One open websocket of an adapter; the core writes to it on its loop,
    one call at a time per websocket (the outbox keeps the order)."""

    @abstractmethod
    async def send(self, text: str) -> None:
        """Send one text frame.  May wait while a slow client drains its buffer."""

    @abstractmethod
    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Close the websocket with this close code; must not raise if already closed."""
