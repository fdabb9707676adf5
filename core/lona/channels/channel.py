"""Channels: publish/subscribe messages between views, threads and processes.

``Channel('chat.room1').send({'text': 'hi'})`` reaches every subscriber whose
topic matches, with shell-style wildcards in both directions (a subscriber
of ``chat.*`` gets it, and a message to ``chat.*`` reaches ``chat.room1``).

Each running server has its own broker (``lona.channels.broker``); a channel
finds it through the view that uses it, or, outside any view, the one server
running in this process.  Topics built from user input should go through
``escape_topic`` so that their wildcard characters match only themselves.

As in Lona, a message's data is copied shallowly: once when it is sent and
again for each receiver, so a receiver may replace keys of its dict without
touching another's, while lists and dicts inside are shared.
"""

from __future__ import annotations

import copy
import datetime
import itertools
import time
import weakref
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, Protocol, cast

from lona.current import current_server

__all__ = [
    "SUBSCRIBE_TOPIC",
    "UNSUBSCRIBE_TOPIC",
    "Broker",
    "BrokerHost",
    "Channel",
    "Message",
    "current_or_only_server",
    "escape_topic",
    "topics_match",
]

SUBSCRIBE_TOPIC = "lona.channels.subscribe"
UNSUBSCRIBE_TOPIC = "lona.channels.unsubscribe"
INTERNAL_PREFIX = "lona."
MAX_TOPIC_LENGTH = 256
_WILDCARDS = "*?["

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
    """One message as a receiver gets it (``Channel.send`` returns the sender's).

    ``is_dropped()`` tells the sender whether some delivery of it was given up:
    it expired before a handler got it, or it was ``droppable`` and the server
    was shutting down.
    """

    __slots__ = (
        "_dropped",
        "_original",
        "data",
        "droppable",
        "expires_at",
        "id",
        "local",
        "origin",
        "timestamp",
        "topic",
    )

    def __init__(
        self,
        topic: str,
        data: Any = None,
        expiry: Any = None,
        local: bool = False,
        droppable: bool = False,
        *,
        timestamp: float | None = None,
        origin: str = "",
        message_id: int = 0,
    ) -> None:
        self.topic = topic
        self.data = {} if data is None else copy.copy(data)
        self.timestamp = time.time() if timestamp is None else timestamp
        # seconds since the epoch: it means the same in every process
        self.expires_at = _absolute_expiry(expiry, self.timestamp)
        self.local = local
        self.droppable = droppable
        self.origin = origin
        self.id = message_id or next(_message_ids)
        self._original: Message | None = None
        self._dropped = False

    @property
    def expiry(self) -> datetime.datetime | None:
        """When the message expires, as a local datetime (Lona's type), or None."""
        if self.expires_at is None:
            return None
        return datetime.datetime.fromtimestamp(self.expires_at)

    def copy(self) -> Message:
        """A receiver's own message: a shallow copy of the data, the sender's drop state."""
        receiver = Message.__new__(Message)
        receiver.topic = self.topic
        receiver.data = copy.copy(self.data)
        receiver.timestamp = self.timestamp
        receiver.expires_at = self.expires_at
        receiver.local = self.local
        receiver.droppable = self.droppable
        receiver.origin = self.origin
        receiver.id = self.id
        receiver._original = self._original or self
        receiver._dropped = False
        return receiver

    def is_expired(self) -> bool:
        return self.expires_at is not None and time.time() >= self.expires_at

    def is_dropped(self) -> bool:
        return (self._original or self)._dropped

    def drop_if_due(self, stopping: bool) -> bool:
        """Give this delivery up if the message expired, or if it is droppable and
        the server is ``stopping``; the sender's ``is_dropped()`` then says so."""
        if not (self.is_expired() or (stopping and self.droppable)):
            return False
        (self._original or self)._dropped = True
        return True

    def __repr__(self) -> str:
        return f"<Message {self.topic!r} {self.data!r}>"


MessageHandler = Callable[[Message], Any]


class Broker(Protocol):
    """What a channel uses of its server's broker (``lona.channels.broker``)."""

    @property
    def origin(self) -> str: ...

    def subscribe(self, channel: Channel) -> None: ...

    def unsubscribe(self, channel: Channel) -> None: ...

    def publish(self, message: Message) -> None: ...

    def channels_by_topic(self) -> dict[str, list[Channel]]: ...


class BrokerHost(Protocol):
    """A server as a channel sees it: the owner of a broker."""

    @property
    def channels(self) -> Broker: ...


# Servers running in this process, only to find *the* server for a channel used
# outside any view; with several servers such use is an error, never a guess.
running_servers: weakref.WeakSet[BrokerHost] = weakref.WeakSet()


def current_or_only_server() -> BrokerHost | None:
    """The server whose view code is running, else the only one running, else None."""
    server = current_server.get()
    if server is not None:
        # the context variable holds running Servers, and every one owns a broker
        return cast(BrokerHost, server)
    servers = list(running_servers)
    if len(servers) > 1:
        raise RuntimeError(
            "several servers run in this process: outside a view, create the channel with "
            "Channel(topic, server=...)"
        )
    return servers[0] if servers else None


class SubscribedChannels(Mapping[str, list["Channel"]]):
    """``Channel._channels``: the current server's subscribed channels by topic.

    Lona keeps every subscribed channel in one process-wide dict,
    ``Channel._channels``, and code written for Lona (its own tests among it)
    reads it.  Here each server has a broker of its own, so that two apps in
    one process never see each other's channels; this view resolves, on every
    use, to the broker of the server whose code is running (or the only
    server running) and shows what it holds at that moment.  Without a
    running server it is empty; with several and none current, using it is an
    error (as sending on a channel is).
    """

    def _snapshot(self) -> dict[str, list[Channel]]:
        server = current_or_only_server()
        return {} if server is None else server.channels.channels_by_topic()

    def __getitem__(self, topic: str) -> list[Channel]:
        return self._snapshot()[topic]

    def __iter__(self) -> Iterator[str]:
        return iter(self._snapshot())

    def __len__(self) -> int:
        return len(self._snapshot())

    def __contains__(self, topic: object) -> bool:
        return topic in self._snapshot()

    # one snapshot for a whole walk, even while channels come and go
    def keys(self) -> KeysView[str]:
        return self._snapshot().keys()

    def values(self) -> ValuesView[list[Channel]]:
        return self._snapshot().values()

    def items(self) -> ItemsView[str, list[Channel]]:
        return self._snapshot().items()

    def __repr__(self) -> str:
        return f"<SubscribedChannels {self._snapshot()!r}>"


class Channel:
    """A topic to send to and, with a handler, to receive from."""

    _channels = SubscribedChannels()

    def __init__(
        self, topic: str, handler: MessageHandler | None = None, server: BrokerHost | None = None
    ) -> None:
        self.topic = check_topic(topic)
        self.handler: MessageHandler | None = None
        self._server = server
        self._broker: Broker | None = None
        # how the broker hands over messages; None: a queue of the channel's own
        # (a view's subscription sets its view's event queue)
        self.dispatch: Callable[[Message], None] | None = None
        if handler is not None:
            self.subscribe(handler)

    @classmethod
    def get_channels(cls, topic: str) -> list[Channel]:
        """The current server's subscribed channels that a message to ``topic`` reaches."""
        return [
            channel
            for subscribed, channels in cls._channels.items()
            if topics_match(subscribed, topic)
            for channel in channels
        ]

    @classmethod
    def _clear_state(cls) -> None:
        """Unsubscribe every channel of the current server (Lona's test helper)."""
        for channels in cls._channels.values():
            for channel in channels:
                channel.unsubscribe()

    def _find_broker(self) -> Broker:
        if self._broker is not None:
            return self._broker
        if self._server is not None:
            return self._server.channels
        server = current_or_only_server()
        if server is None:
            raise RuntimeError("channels need a running server")
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

    def send(
        self,
        message_data: Any = None,
        expiry: Any = None,
        local: bool = False,
        droppable: bool = False,
    ) -> Message:
        """Send to every matching subscriber and return the message.

        ``expiry`` (a datetime, a timedelta or seconds) drops the message for
        any subscriber that has not got it by then; ``local`` keeps it in this
        process; ``droppable`` lets a shutting-down server drop it instead of
        handling it.  ``message.is_dropped()`` later tells if any was dropped.
        """
        broker = self._find_broker()
        message = Message(self.topic, message_data, expiry, local, droppable, origin=broker.origin)
        broker.publish(message)
        return message

    def __repr__(self) -> str:
        state = "subscribed" if self.subscribed else "unsubscribed"
        return f"<Channel {self.topic!r} {state}>"
