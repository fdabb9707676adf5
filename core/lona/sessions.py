"""Anonymous users identified by a session cookie."""

from __future__ import annotations

import secrets

__all__ = ["AnonymousUser", "new_session_key", "session_cookie_header"]


class AnonymousUser:
    """A visitor without a login; equal to another by session key only."""

    __slots__ = ("session_key",)
    is_anonymous = True
    is_authenticated = False

    def __init__(self, session_key: str = "") -> None:
        self.session_key = session_key

    def __eq__(self, other: object) -> bool:
        if isinstance(other, AnonymousUser):
            return secrets.compare_digest(self.session_key, other.session_key)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.session_key)

    def __repr__(self) -> str:
        return f"<AnonymousUser {self.session_key[:6]}…>"


def new_session_key() -> str:
    return secrets.token_urlsafe(32)


def valid_session_key(value: str | None) -> bool:
    return (
        bool(value)
        and 20 <= len(value or "") <= 128
        and (value or "").replace("-", "").replace("_", "").isalnum()
    )


def session_cookie_header(name: str, key: str, path: str = "/") -> tuple[str, str]:
    # HttpOnly: page scripts can not read it; SameSite=Lax: other sites' forms
    # and sockets do not carry it along.
    return ("Set-Cookie", f"{name}={key}; Path={path}; HttpOnly; SameSite=Lax")
