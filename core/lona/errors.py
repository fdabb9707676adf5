"""Errors that view code raises to get an error view, and errors reported by clients."""

from __future__ import annotations

__all__ = ["ClientError", "ForbiddenError", "NotFoundError"]


class ForbiddenError(Exception):
    """Raise it in a view or middleware to show the 403 view."""


class NotFoundError(Exception):
    """Raise it in a view or middleware to show the 404 view."""


class ClientError(Exception):
    """A JavaScript error reported by the browser client for a running view."""
