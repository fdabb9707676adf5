"""The server whose view code is running (``current_server``).

Set around every view hook, in the server's threads and tasks; read where
Lona's API has no server at hand: a ``Channel`` made in view code, the
feature flags of ``lona.compat``.  A context variable, so two servers in one
process each see their own.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from lona.settings import Settings

__all__ = ["CurrentServer", "current_server"]


class CurrentServer(Protocol):
    """What is read of the current server here (it is a ``lona.server.Server``)."""

    @property
    def settings(self) -> Settings: ...


current_server: ContextVar[CurrentServer | None] = ContextVar("lona_current_server", default=None)
