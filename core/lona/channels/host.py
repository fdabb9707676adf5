"""What channels use of the server that hosts them.

Channels sit below the server and never import it: the broker and its
backends are handed an object of the shape ``ChannelHost`` (``Server`` is
one, structurally).
"""

from __future__ import annotations

import threading
from typing import Protocol

from lona.concurrency.loop import CoreLoop
from lona.concurrency.threads import ElasticThreadPool
from lona.settings import Settings

__all__ = ["ChannelHost", "SharedKeyTrust"]


class SharedKeyTrust(Protocol):
    """The signing key's keeper, told when the backend agrees on a shared key."""

    @property
    def shared(self) -> bool:
        """Whether other processes of the app accept what this one signs."""
        ...

    def backend_connected(self, key: bytes) -> None: ...


class ChannelHost(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def instance_id(self) -> str:
        """Tells this process's messages from other processes' (backends)."""
        ...

    @property
    def core_loop(self) -> CoreLoop: ...

    @property
    def executor(self) -> ElasticThreadPool:
        """Where a plain channel's handler runs."""
        ...

    @property
    def stop_requested(self) -> threading.Event:
        """Set while the server shuts down: droppable messages are dropped."""
        ...

    @property
    def trust(self) -> SharedKeyTrust: ...
