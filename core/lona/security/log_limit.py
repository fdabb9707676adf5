"""Log lines a client can cause, limited per client.

Whatever a client sends may end up in the log (a refused message, a client
error).  Without a limit, one client sending bad input in a loop writes as
much log as it sends.  A ``LogLimiter`` per connection lets a burst of lines
through, then about one line per second, and says how many it held back; and
``brief`` shortens what a client sent before it goes into a line.
"""

from __future__ import annotations

import logging
import reprlib
from typing import Any

from lona.security.admission import RateLimiter

__all__ = ["LogLimiter", "brief", "truncated"]

LINES_PER_SECOND = 1.0
BURST = 10

_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60
_short.maxlist = _short.maxtuple = _short.maxdict = _short.maxset = 4
_short.maxlevel = 2


def brief(value: Any) -> str:
    """A short repr of something a client sent, whatever its size (never a full copy)."""
    return _short.repr(value)


def truncated(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text) - limit} more characters)"


class LogLimiter:
    """At most ``burst`` lines at once, then ``rate`` per second; counts the rest."""

    __slots__ = ("_bucket", "_held_back", "logger")

    def __init__(
        self, logger: logging.Logger, rate: float = LINES_PER_SECOND, burst: int = BURST
    ) -> None:
        self.logger = logger
        self._bucket = RateLimiter(rate, burst)
        self._held_back = 0

    def log(self, level: int, message: str, *args: Any, exc_info: Any = None) -> None:
        if not self.logger.isEnabledFor(level):
            return
        if not self._bucket.allow():
            self._held_back += 1
            return
        if self._held_back:
            message += " (%d similar lines of this client held back)"
            args = (*args, self._held_back)
            self._held_back = 0
        self.logger.log(level, message, *args, exc_info=exc_info)
