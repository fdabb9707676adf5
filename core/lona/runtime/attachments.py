"""``Attachment``: one window showing a view, and the numbered stream between them.

Every message a view sends to a window carries the next number of that
window's stream (``seq``, from 1 for its VIEW_START).  The window confirms
what it got (RECEIVED, or the last item of an EVENT), and the view keeps each
message until it is confirmed.  When the socket drops, the attachment stays
(*suspended*) for ``RESUME_TIMEOUT`` seconds: a socket of the same page that
comes back in time resumes it, and gets every message after the last one it
confirmed, in order, before anything new (``ViewRuntime.resume``).

What is kept is bounded by ``RESUME_BUFFER_SIZE`` (characters, plus a little
per message).  Past the bound the attachment keeps nothing until the window
has confirmed everything sent so far; a resume in between gets the view's
whole state instead of the messages (a reset).

Threads: messages are numbered and kept under the view's document lock, from
any thread; confirmations arrive on the core loop and only raise
``received`` (one writer, so no lock); the kept messages are trimmed under the
document lock, by the next message or a resume.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lona.ws.connection import Connection
    from lona.ws.host import WindowRuntime

__all__ = ["Attachment"]

# what one kept message costs beyond its characters (the str object, the list slot)
MESSAGE_OVERHEAD = 64


class Attachment:
    __slots__ = (
        "base",
        "connection",
        "detached",
        "expiry",
        "kept",
        "kept_size",
        "last_event_id",
        "page_id",
        "received",
        "runtime",
        "seq",
        "window_id",
    )

    def __init__(
        self, runtime: WindowRuntime[Attachment], connection: Connection, window_id: int
    ) -> None:
        self.runtime = runtime
        self.connection = connection
        self.window_id = window_id
        self.page_id = connection.page_id  # the page a resuming socket must come from
        self.seq = 0  # the number of the last message sent
        self.received = 0  # the last message the window confirmed (core loop only)
        self.base = 0  # the number of the message before kept[0]
        self.kept: list[str] | None = []  # sent, not confirmed; None: past the bound
        self.kept_size = 0
        self.last_event_id = 0  # the last input event the server took from the window
        self.expiry: asyncio.TimerHandle | None = None  # while suspended
        self.detached = False

    def __repr__(self) -> str:
        return f"<Attachment window {self.window_id} of {self.runtime!r}>"

    @property
    def suspended(self) -> bool:
        """Its socket is gone; it waits for the page to come back."""
        return self.connection.is_closed and not self.detached

    # the window's side (core loop) ##########################################

    def confirm(self, seq: int) -> None:
        """The window got every message up to ``seq``."""
        if self.received < seq <= self.seq:
            self.received = seq

    # the view's side (document lock held) ###################################

    def keep(self, text: str, limit: int) -> None:
        """Keep the message just numbered ``self.seq`` until it is confirmed."""
        if self.received > self.base:
            self._trim()
        kept = self.kept
        if kept is None:
            if self.received < self.seq - 1:
                return  # the window misses earlier messages: nothing to resume from
            kept = self.kept = []
            self.kept_size = 0
            self.base = self.seq - 1
        kept.append(text)
        self.kept_size += len(text) + MESSAGE_OVERHEAD
        if self.kept_size > limit:
            self.kept = None
            self.kept_size = 0

    def _trim(self) -> None:
        kept = self.kept
        if kept is None:
            return
        count = min(self.received, self.seq) - self.base
        if count <= 0:
            return
        self.kept_size -= sum(len(text) for text in kept[:count]) + count * MESSAGE_OVERHEAD
        del kept[:count]
        self.base += count

    def replay_after(self, received: int) -> list[str] | None:
        """The messages after ``received``, all of them; None when some are not
        kept any more (the window needs the whole state instead)."""
        if received > self.seq:
            return None
        self.confirm(received)
        self._trim()
        if self.kept is None or self.base != received:
            return None
        return list(self.kept)
