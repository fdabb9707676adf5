"""Process trust: the key that signs page tokens, one for every process of an app.

A page loaded from one process must be accepted by every other process of
the same app (a balancer without stickiness, a failover, gunicorn's workers).
So all of them sign with one key, found in this order:

1. ``SECRET_KEY``, when the app sets it: it always wins;
2. ``LONA_SECRET_KEY`` in the environment: a process manager hands one key to
   all the processes it starts (``lona_flask.gunicorn`` does so in gunicorn's
   master, before the workers are forked);
3. the shared ``CHANNEL_BACKEND`` (Redis): the first process stores a random
   key there (``SET NX``), every later one reads it, so processes that share
   channels trust each other without any setting;
4. otherwise a random key of this process alone, and where several processes
   evidently run (gunicorn's workers, an unreachable Redis) one log line says
   that they can not agree and what to set.

A process that could not reach Redis when it started keeps trying: once it
can, it signs with the shared key and still accepts what it signed before.
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from lona.settings import Settings

__all__ = ["ENVIRONMENT_VARIABLE", "SigningKeys", "Trust", "TrustHost"]

logger = logging.getLogger("lona.server")

ENVIRONMENT_VARIABLE = "LONA_SECRET_KEY"


def _as_bytes(key: str | bytes) -> bytes:
    return key.encode("utf-8") if isinstance(key, str) else key


class SigningKeys:
    """The keys of one server: the first signs, every one verifies.

    There are two only while a process moves from a key of its own to the
    shared one: pages it served before stay valid.
    """

    __slots__ = ("keys",)

    def __init__(self, key: str | bytes | None = None) -> None:
        self.keys: tuple[bytes, ...] = (_as_bytes(key) if key else secrets.token_bytes(32),)

    @property
    def current(self) -> bytes:
        return self.keys[0]

    def replace(self, key: str | bytes) -> None:
        """Sign and verify with ``key`` only (before any page was served)."""
        self.keys = (_as_bytes(key),)

    def adopt(self, key: str | bytes) -> None:
        """Sign with ``key`` from now on; keep accepting the previous one."""
        key = _as_bytes(key)
        if key != self.keys[0]:
            self.keys = (key, self.keys[0])


class SharedKeyBackend(Protocol):
    """A channel backend that may hold the key all processes share."""

    @property
    def remote(self) -> bool: ...

    async def shared_secret(self, candidate: bytes) -> bytes | None: ...


class ChannelsHost(Protocol):
    @property
    def backend(self) -> SharedKeyBackend: ...


class TrustHost(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def channels(self) -> ChannelsHost: ...


class Trust:
    """Decides a server's signing key when it starts (see the module docstring)."""

    def __init__(self, server: TrustHost) -> None:
        self.server = server
        secret = server.settings.SECRET_KEY
        self.origin = "SECRET_KEY" if secret else "this process"
        self.keys = SigningKeys(secret)

    @property
    def shared(self) -> bool:
        """Whether other processes of the app accept what this one signs."""
        return self.origin != "this process"

    async def agree(self) -> None:
        """Find the key all processes share (core loop, before any request)."""
        if self.shared:
            return
        inherited = os.environ.get(ENVIRONMENT_VARIABLE)
        if inherited:
            self.keys.replace(inherited)
            self.origin = ENVIRONMENT_VARIABLE
            return
        backend = self.server.channels.backend
        if backend.remote:
            shared = await backend.shared_secret(self.keys.current)
            if shared is not None:
                self.keys.replace(shared)
                self.origin = "CHANNEL_BACKEND"
                return
            logger.warning(
                "processes of this app can not agree on a signing key yet: the "
                "CHANNEL_BACKEND is unreachable; until it is, other processes refuse the "
                "pages this one serves (set SECRET_KEY to the same value in every process)"
            )
            return
        if "gunicorn" in sys.modules:  # forked workers, each with a key of its own
            logger.warning(
                "gunicorn workers of this app can not agree on a signing key: each "
                "refuses the others' pages. Import lona_flask.gunicorn in the gunicorn "
                "config, set SECRET_KEY, or share a CHANNEL_BACKEND"
            )
            return
        logger.debug(
            "page tokens are signed with a key of this process only; several processes "
            "need SECRET_KEY or a shared CHANNEL_BACKEND"
        )

    def backend_connected(self, key: bytes) -> None:
        """The channel backend agreed on ``key`` after a late start, or after Redis
        lost the key and another process stored its own first (core loop)."""
        if self.origin in ("SECRET_KEY", ENVIRONMENT_VARIABLE):
            return
        late = not self.shared
        self.keys.adopt(key)
        self.origin = "CHANNEL_BACKEND"
        if late:
            logger.warning("processes of this app agree on a signing key now (CHANNEL_BACKEND)")
