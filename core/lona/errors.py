"""Errors that view code raises to get an error view, and errors reported by clients."""

from __future__ import annotations

__all__ = ["ClientError", "ForbiddenError", "NotFoundError", "status_of"]


class ForbiddenError(Exception):
    """Raise it in a view or middleware to show the 403 view."""


class NotFoundError(Exception):
    """Raise it in a view or middleware to show the 404 view."""


class ClientError(Exception):
    """A JavaScript error reported by the browser client for a running view."""


def status_of(error: BaseException) -> int:
    """The HTTP status an error shows as: 403, 404, or 500 for any other."""
    if isinstance(error, ForbiddenError):
        return 403
    if isinstance(error, NotFoundError):
        return 404
    return 500
