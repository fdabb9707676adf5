"""Channels: publish/subscribe messages between views, threads and processes.

``Channel('chat.room1').send({'text': 'hi'})`` reaches every subscriber whose
topic matches, with shell-style wildcards in both directions (a subscriber
of ``chat.*`` gets it, and a message to ``chat.*`` reaches ``chat.room1``).

Each running server has its own broker (``lona.channel_broker``); a channel
finds it through the view that uses it, or, outside any view, the one server
running in this process.  Topics built from user input should go through
``escape_topic`` so that their wildcard characters match only themselves.
"""

from __future__ import annotations

import copy
import datetime
import itertools
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lona.channel_broker import ChannelBroker
    from lona.server import Server

__all__ = [
    "SUBSCRIBE_TOPIC",
    "UNSUBSCRIBE_TOPIC",
    "Channel",
    "Message",
    "escape_topic",
    "topics_match",
]

SUBSCRIBE_TOPIC = "lona.channels.subscribe"
UNSUBSCRIBE_TOPIC = "lona.channels.unsubscribe"
INTERNAL_PREFIX = "lona."
MAX_TOPIC_LENGTH = 256
_WILDCARDS = "*?["

# The server whose view code is running; set around every view hook.
current_server: ContextVar[Server | None] = ContextVar("lona_current_server", default=None)
_message_ids = itertools.count(1)


def check_topic(topic: Any) -> str:
    if not isinstance(topic, str) or not topic or len(topic) > MAX_TOPIC_LENGTH:
        raise ValueError(
            f"a topic is a non-empty string of at most {MAX_TOPIC_LENGTH} characters, not {topic!r}"
        )
    if not topic.isprintable():
        raise ValueError(f"a topic may not contain control characters: {topic!r}")
    return topic


def escape_topic(text: str) -> str:
    """Make ``text`` match only itself, e.g. a chat room named ``*``."""
    return "".join(f"[{char}]" if char in _WILDCARDS else char for char in text)


def has_wildcards(topic: str) -> bool:
    return any(char in topic for char in _WILDCARDS)


def topics_match(subscribed: str, sent: str) -> bool:
    """Wildcards in both directions; internal topics only by their literal name."""
    from fnmatch import fnmatchcase

    if subscribed == sent:
        return True
    if sent.startswith(INTERNAL_PREFIX) and not has_wildcards(sent):
        return fnmatchcase(sent, subscribed)  # a wildcard subscriber may listen to them
    if subscribed.startswith(INTERNAL_PREFIX) and not has_wildcards(subscribed):
        return False  # a wildcard sender never reaches framework internals
    return fnmatchcase(sent, subscribed) or fnmatchcase(subscribed, sent)


def _absolute_expiry(expiry: Any, now: float) -> float | None:
    if expiry is None:
        return None
    if isinstance(expiry, datetime.timedelta):
        return now + expiry.total_seconds()
    if isinstance(expiry, datetime.datetime):
        return expiry.timestamp()
    if isinstance(expiry, (int, float)) and not isinstance(expiry, bool):
        return now + float(expiry)  # seconds from now
    raise TypeError(f"expiry must be a timedelta, a datetime or seconds, not {expiry!r}")


class Message:
    """One message: its own copy of the data, so a sender changing its dict later
    changes nothing a receiver sees."""

    __slots__ = ("data", "expiry", "id", "local", "origin", "timestamp", "topic")

    def __init__(
        self,
        topic: str,
        data: Any = None,
        expiry: Any = None,
        local: bool = False,
        timestamp: float | None = None,
        origin: str = "",
        message_id: int = 0,
    ) -> None:
        self.topic = topic
        self.data = copy.deepcopy(data)
        self.timestamp = time.time() if timestamp is None else timestamp
        self.expiry = _absolute_expiry(expiry, self.timestamp)
        self.local = local
        self.origin = origin
        self.id = message_id or next(_message_ids)

    def is_expired(self) -> bool:
        return self.expiry is not None and time.time() > self.expiry

    def __repr__(self) -> str:
        return f"<Message {self.topic!r} {self.data!r}>"


MessageHandler = Callable[[Message], Any]


class Channel:
    """A topic to send to and, with a handler, to receive from."""

    def __init__(
        self, topic: str, handler: MessageHandler | None = None, server: Server | None = None
    ) -> None:
        self.topic = check_topic(topic)
        self.handler: MessageHandler | None = None
        self._server = server
        self._broker: ChannelBroker | None = None
        # how the broker hands over messages; None: a queue of the channel's own
        # (a view's subscription sets its view's event queue)
        self.dispatch: Callable[[Message], None] | None = None
        if handler is not None:
            self.subscribe(handler)

    def _find_broker(self) -> ChannelBroker:
        if self._broker is not None:
            return self._broker
        server = self._server or current_server.get()
        if server is None:
            from lona.channel_broker import only_running_server

            server = only_running_server()
        return server.channels

    def subscribe(self, handler: MessageHandler) -> None:
        if self.handler is not None:
            raise RuntimeError(f"channel {self.topic!r} is already subscribed")
        broker = self._find_broker()
        self.handler = handler
        self._broker = broker
        broker.subscribe(self)

    def unsubscribe(self) -> None:
        if self.handler is None or self._broker is None:
            return
        self._broker.unsubscribe(self)
        self.handler = None

    @property
    def subscribed(self) -> bool:
        return self.handler is not None

    def send(self, message_data: Any = None, expiry: Any = None, local: bool = False) -> Message:
        """Send to every matching subscriber; ``local`` keeps it in this process."""
        broker = self._find_broker()
        message = Message(self.topic, message_data, expiry, local, origin=broker.origin)
        broker.publish(message)
        return message

    def __repr__(self) -> str:
        state = "subscribed" if self.subscribed else "unsubscribed"
        return f"<Channel {self.topic!r} {state}>"
