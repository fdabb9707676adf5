"""Reasons a running view is stopped.

They are raised inside a view's ``handle_request`` (from ``sleep``,
``await_*``, ``show`` ...) and passed to ``View.on_stop(reason)``.
"""

from __future__ import annotations

__all__ = ["ServerStop", "StopReason", "UserAbort"]


class StopReason(Exception):
    """Base class of every reason for which the framework stops a view."""


class UserAbort(StopReason):
    """The user closed the tab, reloaded it, or navigated away."""


class ServerStop(StopReason):
    """The server is shutting down."""
