"""A websocket connection's lifecycle as data: its states and the steps between them.

::

    OPEN --HELLO--> HANDSHAKEN --HELLO--> HANDSHAKEN
    OPEN, HANDSHAKEN --CLOSE--> CLOSING          (queued messages are still written)
    OPEN, HANDSHAKEN, CLOSING --ABORT--> ABORTED (the queue is dropped)
    OPEN, HANDSHAKEN --SEND_FAILED--> CLOSING    (closing, ABORTED and CLOSED stay)
    any but CLOSED --GONE--> CLOSED              (the transport is closed)

Only OPEN and HANDSHAKEN accept messages either way.  The methods of
``Connection`` and ``Outbox`` decide which events apply (a second ``close()``
is ignored, not an error); ``Lifecycle.move`` then takes the step, and a step
the table does not have raises at once instead of leaving the connection
half in one state and half in another.  Moves happen under the owner's lock
(the outbox's), as the states are read and changed from several threads.
"""

from __future__ import annotations

import threading
from enum import Enum

__all__ = ["TRANSITIONS", "ConnectionEvent", "ConnectionState", "Lifecycle", "LifecycleError"]


class ConnectionState(Enum):
    OPEN = "open"  # accepted; the client has not said HELLO yet
    HANDSHAKEN = "handshaken"  # HELLO with our protocol version: views may start
    CLOSING = "closing"  # close asked for: what is queued is written, then the close frame
    ABORTED = "aborted"  # closed at once: the queue is dropped, a waiting send is given up
    CLOSED = "closed"  # the transport is gone


class ConnectionEvent(Enum):
    HELLO = "hello"
    CLOSE = "close"
    ABORT = "abort"
    SEND_FAILED = "send failed"
    GONE = "gone"


_OPEN, _HANDSHAKEN = ConnectionState.OPEN, ConnectionState.HANDSHAKEN
_CLOSING, _ABORTED, _CLOSED = (
    ConnectionState.CLOSING,
    ConnectionState.ABORTED,
    ConnectionState.CLOSED,
)

TRANSITIONS: dict[ConnectionState, dict[ConnectionEvent, ConnectionState]] = {
    _OPEN: {
        ConnectionEvent.HELLO: _HANDSHAKEN,
        ConnectionEvent.CLOSE: _CLOSING,
        ConnectionEvent.ABORT: _ABORTED,
        ConnectionEvent.SEND_FAILED: _CLOSING,
        ConnectionEvent.GONE: _CLOSED,
    },
    _HANDSHAKEN: {
        ConnectionEvent.HELLO: _HANDSHAKEN,  # a page may say HELLO again
        ConnectionEvent.CLOSE: _CLOSING,
        ConnectionEvent.ABORT: _ABORTED,
        ConnectionEvent.SEND_FAILED: _CLOSING,
        ConnectionEvent.GONE: _CLOSED,
    },
    _CLOSING: {
        ConnectionEvent.ABORT: _ABORTED,  # stop waiting for a slow reader after all
        ConnectionEvent.SEND_FAILED: _CLOSING,
        ConnectionEvent.GONE: _CLOSED,
    },
    _ABORTED: {
        ConnectionEvent.SEND_FAILED: _ABORTED,  # a send that failed as it was given up
        ConnectionEvent.GONE: _CLOSED,
    },
    _CLOSED: {
        # a send still under way when the adapter reported the socket gone
        ConnectionEvent.SEND_FAILED: _CLOSED,
    },
}


class LifecycleError(RuntimeError):
    """A step the table does not have: a bug in the connection, never the client's doing."""


class Lifecycle:
    """One connection's state; ``lock`` is the one its outbox's queue holds too."""

    __slots__ = ("lock", "state")

    def __init__(self, state: ConnectionState = ConnectionState.OPEN) -> None:
        self.lock = threading.Lock()
        self.state = state

    def move(self, event: ConnectionEvent) -> ConnectionState:
        """Take the step ``event`` (the caller holds ``lock``)."""
        try:
            self.state = TRANSITIONS[self.state][event]
        except KeyError:
            raise LifecycleError(
                f"a connection that is {self.state.value} can not take {event.value!r}"
            ) from None
        return self.state

    @property
    def accepting(self) -> bool:
        """Messages still go either way (neither closing nor closed)."""
        return self.state is _OPEN or self.state is _HANDSHAKEN

    def __repr__(self) -> str:
        return f"<Lifecycle {self.state.value}>"
