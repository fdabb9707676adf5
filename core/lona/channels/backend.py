"""The interface of a channel backend, and the one that carries nothing.

A backend carries non-local messages to the other processes of an app
(``CHANNEL_BACKEND``); ``memory://`` is one process alone, ``redis://`` is
``lona.channels.redis``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from lona.channels.channel import Message

__all__ = ["ChannelBackend", "MemoryBackend"]


class ChannelBackend(ABC):
    """Carries messages to the other processes; ``memory://`` carries nothing."""

    remote = False

    async def start(self, deliver: Callable[[Message], None]) -> None:
        """Begin receiving other processes' messages; ``deliver`` takes each (on the loop)."""
        return None  # optional: a backend without remote messages has nothing to start

    async def stop(self) -> None:
        return None

    async def shared_secret(self, candidate: bytes) -> bytes | None:
        """A key every process on this backend agrees on (``candidate`` if this is
        the first to ask); None when the backend can not say (lona.security.trust)."""
        return None

    def prepare(self, message: Message) -> Any:
        """What ``publish`` sends of ``message`` (Redis: its JSON, encoded once);
        raises a clear error when it can not travel (e.g. unserializable data)."""
        return message

    @abstractmethod
    def publish(self, prepared: Any) -> None:
        """Send a prepared message to the other processes; thread-safe, never blocks."""


class MemoryBackend(ChannelBackend):
    def publish(self, prepared: Any) -> None:
        pass
