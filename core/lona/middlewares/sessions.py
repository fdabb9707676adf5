"""Lona's ``lona.middlewares.sessions`` names.

Sessions are built into the core here (``lona.security.sessions``): every request and
websocket gets its user from the session cookie (or the host application's
``get_user``) before any middleware runs.  ``LonaSessionMiddleware`` exists
so that settings naming it still load; it does nothing.
"""

from __future__ import annotations

import secrets
import string
from typing import Any

from lona.security.sessions import AnonymousUser

__all__ = [
    "AnonymousUser",
    "LonaSessionMiddleware",
    "generate_random_string",
    "generate_session_key",
]

_ALPHABET = string.ascii_letters + string.digits


def generate_random_string(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def generate_session_key(connection: Any) -> str:
    length = connection.server.settings.get("SESSIONS_KEY_RANDOM_LENGTH") or 28
    return generate_random_string(int(length))


class LonaSessionMiddleware:
    """Kept for settings that list it: the core handles sessions itself."""
