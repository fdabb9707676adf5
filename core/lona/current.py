"""The server whose view code is running (``current_server``).

Set around every view hook, in the server's threads and tasks; read where
Lona's API has no server at hand: a ``Channel`` made in view code, the
feature flags of ``lona.compat``.  A context variable, so two servers in one
process each see their own.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the type only: nothing here uses the server
    from lona.server import Server

__all__ = ["current_server"]

current_server: ContextVar[Server | None] = ContextVar("lona_current_server", default=None)
