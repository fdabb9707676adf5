"""The channel broker of one server, and the backends that carry messages further.

A message is delivered to the subscribers of its own process at once; a
backend (``CHANNEL_BACKEND``) additionally carries non-local messages to the
other processes, which deliver them to theirs.  So a backend outage never
loses an in-process delivery.

Each subscriber gets its messages one at a time, in the order they were
sent: a plain channel through a ``SerialQueue`` drained in the thread pool,
a view's subscription through the view's own event queue (so view state is
never touched by two handlers at once).  The backend interface is
``lona.channels.backend``.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import Protocol

from lona.channels.backend import ChannelBackend, MemoryBackend
from lona.channels.channel import (
    SUBSCRIBE_TOPIC,
    UNSUBSCRIBE_TOPIC,
    BrokerHost,
    Channel,
    Message,
    has_wildcards,
    running_servers,
    topics_match,
)
from lona.channels.host import ChannelHost
from lona.concurrency.loop import awaited
from lona.concurrency.serial_queue import SerialQueue

__all__ = ["BrokerServer", "ChannelBroker", "create_backend"]

logger = logging.getLogger("lona.channels")


class BrokerServer(ChannelHost, BrokerHost, Protocol):
    """What a broker uses of its server: the host's services, and the server
    itself to register as running (``current_or_only_server``)."""


Subscription = tuple[Channel, Callable[[Message], None]]


def create_backend(url: str, server: ChannelHost) -> ChannelBackend:
    if url.startswith("memory://"):
        return MemoryBackend()
    if url.startswith(("redis://", "rediss://", "unix://")):
        from lona.channels.redis import RedisBackend

        return RedisBackend(url, server)
    raise ValueError(f"unknown CHANNEL_BACKEND {url!r}: use memory:// or redis://HOST:PORT/DB")


class _HandlerQueue:
    """Runs one channel's handler for each message in order, one at a time,
    in the thread pool (drained there while messages keep coming)."""

    def __init__(self, broker: ChannelBroker, channel: Channel) -> None:
        self.broker = broker
        self.channel = channel
        self._queue: SerialQueue[Message] = SerialQueue()

    def put(self, message: Message) -> None:
        if self._queue.put(message):
            self.broker.server.executor.submit(self._drain)

    def _drain(self) -> None:
        self._queue.drain(self._handle, self._crashed)

    def _handle(self, message: Message) -> bool:
        handler = self.channel.handler
        if handler is None or message.drop_if_due(self.broker.stopping):
            return True
        result = handler(message)
        if inspect.isawaitable(result):
            self.broker.server.core_loop.run_sync(awaited(result))
        return True

    def _crashed(self, message: Message, error: Exception) -> None:
        logger.error("channel handler for %r crashed", self.channel.topic, exc_info=error)


class ChannelBroker:
    def __init__(self, server: BrokerServer) -> None:
        self.server = server
        self.origin = server.instance_id
        self.backend = create_backend(str(server.settings.CHANNEL_BACKEND), server)
        # literal topics are looked up, only wildcard subscriptions are scanned
        self._literal: dict[str, dict[int, Subscription]] = {}
        self._patterns: dict[int, Subscription] = {}
        self._lock = threading.Lock()

    async def start(self) -> None:
        running_servers.add(self.server)
        await self.backend.start(self.deliver)

    async def stop(self) -> None:
        running_servers.discard(self.server)
        await self.backend.stop()

    @property
    def stopping(self) -> bool:
        """While the server shuts down, droppable messages are dropped, not handled."""
        return self.server.stop_requested.is_set()

    # subscribers ############################################################

    def subscribe(self, channel: Channel) -> None:
        dispatch = channel.dispatch or _HandlerQueue(self, channel).put
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
