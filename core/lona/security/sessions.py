"""Anonymous users identified by a session cookie, and the keys the server issues.

A session key is only ever chosen by the server: it is random text and its
signature (``HMAC(key, the text and who is logged in)``, with the key all
processes of the app share, ``lona.security.trust``), so a key a
client made up, or planted in a victim's browser, is not accepted; the
request gets a new session instead.  The signature also covers the host
application's login (``get_user``): when a visitor logs in (or another user
does in the same browser), the old key no longer fits and the session is
replaced (rotated), so a key known from before the login is worth nothing
after it.  A request that carries the session cookie twice (one of them
planted for a parent domain or a narrower path) is ambiguous and gets a new
session too.

Behind HTTPS the cookie is ``Secure`` and named ``__Host-lona_session``
(``__Secure-`` when the app is mounted under a prefix): browsers accept such a
cookie only from a secure page of this very host, so no plain-HTTP page and no
other subdomain can plant one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from typing import TYPE_CHECKING, Any

from lona.security.admission import client_host

if TYPE_CHECKING:
    from lona.http_messages import HttpRequest
    from lona.security.trust import SigningKeys
    from lona.settings import Settings

logger = logging.getLogger("lona.sessions")

__all__ = [
    "AnonymousUser",
    "SessionKeys",
    "Sessions",
    "cookie_name",
    "cookie_values",
    "new_session_key",
    "session_cookie_header",
]


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


def login_of(user: Any) -> str:
    """What the signature of a session covers of the host's user: who is logged
    in, as stably as the user object allows (an id, else only "someone")."""
    if user is None or isinstance(user, AnonymousUser):
        return ""
    get_id = getattr(user, "get_id", None)  # flask-login
    if callable(get_id):
        return f"id:{get_id()}"
    for attribute in ("id", "pk", "username"):
        value = getattr(user, attribute, None)
        if isinstance(value, (str, int)):
            return f"{attribute}:{value}"
    if isinstance(user, (str, int)):
        return f"user:{user}"
    return "someone"


class SessionKeys:
    """Issues session keys and recognizes them: ``random.signature``, so that the
    cookie's value is the key, as in Lona (``request.user.session_key``)."""

    def __init__(self, keys: SigningKeys) -> None:
        self.keys = keys  # shared by every process of the app (lona.security.trust)

    @staticmethod
    def _signature(key: bytes, random_part: str, user: Any) -> str:
        message = f"lona-session:{random_part}|{login_of(user)}".encode()
        digest = hmac.new(key, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")

    def issue(self, user: Any) -> str:
        """A new key, for this login."""
        random_part = new_session_key()
        return f"{random_part}.{self._signature(self.keys.current, random_part, user)}"

    def valid(self, key: str | None, user: Any) -> bool:
        """Whether this server issued ``key`` for this login."""
        if not key or len(key) > 256:
            return False
        random_part, _, signature = key.partition(".")
        return bool(random_part) and any(
            hmac.compare_digest(self._signature(secret, random_part, user), signature)
            for secret in self.keys.keys
        )


def cookie_name(name: str, secure: bool, prefix: str) -> str:
    """The session cookie's name: with a prefix browsers enforce, behind HTTPS."""
    if not secure:
        return name
    return f"__Host-{name}" if not prefix else f"__Secure-{name}"


def cookie_values(cookie_headers: list[str], name: str) -> list[str]:
    """Every value the client sent for cookie ``name`` (a browser may send several)."""
    values = []
    for header in cookie_headers:
        for part in header.split(";"):
            key, separator, value = part.strip().partition("=")
            if separator and key.strip() == name:
                values.append(value.strip().strip('"'))
    return values


def session_cookie_header(
    name: str, value: str, path: str = "/", secure: bool = False
) -> tuple[str, str]:
    # HttpOnly: page scripts can not read it; SameSite=Lax: other sites' forms
    # and sockets do not carry it along; Secure behind HTTPS (the __Host- and
    # __Secure- names require it)
    flags = "; Secure" if secure else ""
    path = "/" if name.startswith("__Host-") else path
    return ("Set-Cookie", f"{name}={value}; Path={path}; HttpOnly; SameSite=Lax{flags}")


class Sessions:
    """The sessions of one server: which a request has, and the cookie of a new one."""

    def __init__(self, settings: Settings, keys: SigningKeys, url_prefix: str) -> None:
        self.settings = settings
        self.keys = SessionKeys(keys)
        self.url_prefix = url_prefix

    def key(self, request: HttpRequest) -> tuple[str, bool]:
        """The session key of a request, and whether it is new.

        Only a key this server issued, for the user the request comes from, is
        the request's session; anything else (a made-up key, a key from before
        a login, two session cookies) gets a new one.
        """
        if not self.settings.SESSIONS:
            return "", False
        values = cookie_values(request.headers.get_all("cookie"), self._cookie_name(request))
        if len(values) == 1 and self.keys.valid(values[0], request.user):
            return values[0], False
        if len(values) > 1:
            logger.info("a request carried %d session cookies: a new session", len(values))
        return self.keys.issue(request.user), True

    def user(self, request: HttpRequest) -> tuple[Any, str, bool]:
        """The user of a request, its session key, and whether the session is new.

        The host application's user (``get_user``) wins; without one, users
        are anonymous per session.  The session exists either way: page
        tokens are bound to it.  One call draws one key for a new session, so
        the user, the cookie and the page token all name the same session.
        """
        key, new = self.key(request)
        user = request.user if request.user is not None else AnonymousUser(key)
        return user, key, new

    def cookie(self, request: HttpRequest, key: str) -> tuple[str, str]:
        """The Set-Cookie header of a new session."""
        return session_cookie_header(
            self._cookie_name(request), key, self.url_prefix or "/", secure=self._secure(request)
        )

    def shares_one_user(self, user: Any) -> bool:
        """With ``SESSIONS = False`` every anonymous visitor is the same user."""
        return not self.settings.SESSIONS and isinstance(user, AnonymousUser)

    def _secure(self, request: HttpRequest) -> bool:
        return client_host(request, self.settings.TRUSTED_PROXIES)[0] == "https"

    def _cookie_name(self, request: HttpRequest) -> str:
        return cookie_name(self.settings.SESSIONS_KEY_NAME, self._secure(request), self.url_prefix)
