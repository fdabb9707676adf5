"""The channel broker of one server, and the backends that carry messages further.

A message is delivered to the subscribers of its own process at once; a
backend (``CHANNEL_BACKEND``) additionally carries non-local messages to the
other processes, which deliver them to theirs.  So a backend outage never
loses an in-process delivery.

Each subscriber gets its messages one at a time, in the order they were
sent: a plain channel through a small serial queue, a view's subscription
through the view's own event queue (so view state is never touched by two
handlers at once).
"""

from __future__ import annotations

import inspect
import logging
import threading
import weakref
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from lona.channels.channel import (
    SUBSCRIBE_TOPIC,
    UNSUBSCRIBE_TOPIC,
    Channel,
    Message,
    has_wildcards,
    topics_match,
)
from lona.concurrency.loop import awaited
from lona.current import current_server

if TYPE_CHECKING:
    from lona.server import Server

__all__ = ["ChannelBackend", "ChannelBroker", "MemoryBackend", "current_or_only_server"]

logger = logging.getLogger("lona.channels")

# Servers running in this process, only to find *the* server for a channel used
# outside any view; with several servers such use is an error, never a guess.
_running_servers: weakref.WeakSet[Server] = weakref.WeakSet()


def current_or_only_server() -> Server | None:
    """The server whose view code is running, else the only one running, else None."""
    server = cast("Server | None", current_server.get())  # it holds Servers only
    if server is not None:
        return server
    servers = list(_running_servers)
    if len(servers) > 1:
        raise RuntimeError(
            "several servers run in this process: outside a view, create the channel with "
            "Channel(topic, server=...)"
        )
    return servers[0] if servers else None


Subscription = tuple[Channel, Callable[[Message], None]]


class ChannelBackend(ABC):
    """Carries messages to the other processes; ``memory://`` carries nothing."""

    remote = False

    async def start(self, deliver: Callable[[Message], None]) -> None:
        """Begin receiving other processes' messages; ``deliver`` takes each (on the loop)."""
        return None  # optional: a backend without remote messages has nothing to start

    async def stop(self) -> None:
        return None

    async def shared_secret(self, candidate: bytes) -> bytes | None:
        """A key every process on this backend agrees on (``candidate`` if this is
        the first to ask); None when the backend can not say (lona.security.trust)."""
        return None

    def prepare(self, message: Message) -> Any:
        """What ``publish`` sends of ``message`` (Redis: its JSON, encoded once);
        raises a clear error when it can not travel (e.g. unserializable data)."""
        return message

    @abstractmethod
    def publish(self, prepared: Any) -> None:
        """Send a prepared message to the other processes; thread-safe, never blocks."""


class MemoryBackend(ChannelBackend):
    def publish(self, prepared: Any) -> None:
        pass


def create_backend(url: str, server: Server) -> ChannelBackend:
    if url.startswith("memory://"):
        return MemoryBackend()
    if url.startswith(("redis://", "rediss://", "unix://")):
        from lona.channels.redis import RedisBackend

        return RedisBackend(url, server)
    raise ValueError(f"unknown CHANNEL_BACKEND {url!r}: use memory:// or redis://HOST:PORT/DB")


class _SerialQueue:
    """Runs one channel's handler for each message in order, one at a time."""

    def __init__(self, broker: ChannelBroker, channel: Channel) -> None:
        self.broker = broker
        self.channel = channel
        self._messages: deque[Message] = deque()
        self._lock = threading.Lock()
        self._running = False

    def put(self, message: Message) -> None:
        with self._lock:
            self._messages.append(message)
            if self._running:
                return
            self._running = True
        self.broker.server.executor.submit(self._drain)

    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._messages:
                    self._running = False
                    return
                message = self._messages.popleft()
            handler = self.channel.handler
            if handler is None or message.drop_if_due(self.broker.stopping):
                continue
            try:
                result = handler(message)
                if inspect.isawaitable(result):
                    self.broker.server.core_loop.run_sync(awaited(result))
            except Exception:
                logger.exception("channel handler for %r crashed", self.channel.topic)


class ChannelBroker:
    def __init__(self, server: Server) -> None:
        self.server = server
        self.origin = server.instance_id
        self.backend = create_backend(str(server.settings.CHANNEL_BACKEND), server)
        # literal topics are looked up, only wildcard subscriptions are scanned
        self._literal: dict[str, dict[int, Subscription]] = {}
        self._patterns: dict[int, Subscription] = {}
        self._lock = threading.Lock()

    async def start(self) -> None:
        _running_servers.add(self.server)
        await self.backend.start(self.deliver)

    async def stop(self) -> None:
        _running_servers.discard(self.server)
        await self.backend.stop()

    @property
    def stopping(self) -> bool:
        """While the server shuts down, droppable messages are dropped, not handled."""
        return self.server.stop_requested.is_set()

    # subscribers ############################################################

    def subscribe(self, channel: Channel) -> None:
        dispatch = channel.dispatch or _SerialQueue(self, channel).put
        subscription = (channel, dispatch)
        with self._lock:
            if has_wildcards(channel.topic):
                self._patterns[id(channel)] = subscription
            else:
                self._literal.setdefault(channel.topic, {})[id(channel)] = subscription
        self.publish(
            Message(SUBSCRIBE_TOPIC, {"topic": channel.topic}, local=True, origin=self.origin)
        )

    def unsubscribe(self, channel: Channel) -> None:
        with self._lock:
            removed = self._patterns.pop(id(channel), None)
            literal = self._literal.get(channel.topic)
            if literal is not None:
                removed = literal.pop(id(channel), None) or removed
                if not literal:
                    del self._literal[channel.topic]
        if removed is not None:
            self.publish(
                Message(UNSUBSCRIBE_TOPIC, {"topic": channel.topic}, local=True, origin=self.origin)
            )

    @property
    def subscriber_count(self) -> int:
        return len(self._patterns) + sum(len(group) for group in self._literal.values())

    def channels_by_topic(self) -> dict[str, list[Channel]]:
        """The subscribed channels grouped by their topic (Lona's ``Channel._channels``)."""
        with self._lock:
            subscriptions = [s for group in self._literal.values() for s in group.values()]
            subscriptions += self._patterns.values()
        channels: dict[str, list[Channel]] = {}
        for channel, _dispatch in subscriptions:
            channels.setdefault(channel.topic, []).append(channel)
        return channels

    # messages ###############################################################

    def publish(self, message: Message) -> None:
        travels = self.backend.remote and not message.local
        # unserializable data fails here, at send(), before anyone got the message
        prepared = self.backend.prepare(message) if travels else None
        self.deliver(message)
        if travels:
            self.backend.publish(prepared)

    def deliver(self, message: Message) -> None:
        """Hand each matching subscriber of this process its own copy (any thread)."""
        if message.drop_if_due(self.stopping):
            return
        topic = message.topic
        with self._lock:
            if has_wildcards(topic):
                candidates = [s for group in self._literal.values() for s in group.values()]
            else:
                candidates = list(self._literal.get(topic, {}).values())
            candidates += self._patterns.values()
        targets = [
            dispatch
            for channel, dispatch in candidates
            if channel.topic == topic or topics_match(channel.topic, topic)
        ]
        for dispatch in targets:
            dispatch(message.copy())
