"""``CHANNEL_BACKEND = 'redis://HOST:PORT/DB'``: channel messages for every process.

All processes publish to and listen on one Redis pub/sub channel; each
delivers a message to its own subscribers (topic matching, with wildcards in
both directions, happens locally, so it is the same in every process).  A
process ignores its own messages on the way back: it delivered them already
when they were sent, which is also why a Redis outage never loses a local
delivery.

Messages travel as JSON, so their data must be JSON: ``send()`` says so at
once instead of failing later in the publisher.

Processes that share a Redis also share the key that signs page tokens
(``lona.security.trust``): the first stores a random one under ``lona:secret-key``
(``SET NX``), the others read it.  Each process stores it again whenever it
(re)connects, so a restarted Redis gets it back from the running processes.

While Redis is unreachable the backend logs it, retries with growing delays,
and keeps at most ``MAX_BACKLOG`` messages to publish once it is back.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from lona.channels.backend import ChannelBackend
from lona.channels.channel import Message
from lona.channels.host import ChannelHost

__all__ = ["RedisBackend"]

logger = logging.getLogger("lona.channels.redis")

REDIS_CHANNEL = "lona:channels"
SECRET_KEY_NAME = "lona:secret-key"
AGREE_TIMEOUT = 2.0  # seconds a starting process waits for Redis to agree on a key
MAX_BACKLOG = 10_000
FIRST_RETRY_DELAY = 0.25
MAX_RETRY_DELAY = 10.0
POLL_INTERVAL = 0.25  # how soon the listener notices a stop


def encode(message: Message) -> str:
    return json.dumps(
        {
            "origin": message.origin,
            "id": message.id,
            "topic": message.topic,
            "data": message.data,
            "timestamp": message.timestamp,
            "expiry": message.expires_at,
            "droppable": message.droppable,
        },
        separators=(",", ":"),
        allow_nan=False,
    )


def decode(payload: str | bytes) -> Message:
    fields = json.loads(payload)
    message = Message(
        fields["topic"],
        None,
        None,
        droppable=bool(fields.get("droppable", False)),
        timestamp=fields["timestamp"],
        origin=fields["origin"],
        message_id=fields["id"],
    )
    message.data = fields["data"]  # already this process's own copy
    message.expires_at = fields["expiry"]  # absolute, so it holds across processes
    return message


class RedisBackend(ChannelBackend):
    remote = True

    def __init__(self, url: str, server: ChannelHost) -> None:
        self.url = url
        self.server = server
        self.connected = False
        self._backlog: deque[str] = deque(maxlen=MAX_BACKLOG)
        self._wakeup: asyncio.Event | None = None
        self._stopping: asyncio.Event | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._deliver: Callable[[Message], None] | None = None
        self._secret: bytes | None = None  # the key to store again after a reconnect

    # lifecycle ##############################################################

    async def start(self, deliver: Callable[[Message], None]) -> None:
        try:
            import redis.asyncio  # noqa: F401 (fail early with a clear message)
        except ImportError as error:
            raise RuntimeError(
                "CHANNEL_BACKEND is a redis:// URL, but redis is not installed: "
                "pip install 'lona-live[redis]'"
            ) from error
        self._deliver = deliver
        self._wakeup = asyncio.Event()
        self._stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        self._tasks = [
            loop.create_task(self._keep_connected("listener", self._listen)),
            loop.create_task(self._keep_connected("publisher", self._publish)),
        ]

    async def stop(self) -> None:
        # no cancellation: redis-py's connections must be closed by their own task
        # between two reads, or they are left in a state that breaks the next loop
        if self._stopping is None or self._wakeup is None:
            return  # never started
        self._stopping.set()
        self._wakeup.set()
        if not self._tasks:
            return
        _done, pending = await asyncio.wait(self._tasks, timeout=POLL_INTERVAL * 4)
        for task in pending:  # Redis hung in a call: give up on it
            task.cancel()
        self._tasks = []

    @property
    def stopping(self) -> bool:
        return self._stopping is not None and self._stopping.is_set()

    # the shared signing key ##################################################

    async def shared_secret(self, candidate: bytes) -> bytes | None:
        from redis.asyncio import Redis
        from redis.exceptions import RedisError

        self._secret = candidate
        client = Redis.from_url(
            self.url, socket_connect_timeout=AGREE_TIMEOUT, socket_timeout=AGREE_TIMEOUT
        )
        try:
            return await self._agree(client)
        except (RedisError, OSError) as error:
            logger.error("Redis at %s is unreachable: %s", self.url, error)
            return None
        finally:
            await client.aclose()

    async def _agree(self, client: Any) -> bytes:
        """Store our key unless one is stored; the stored one is everyone's."""
        assert self._secret is not None
        await client.set(SECRET_KEY_NAME, self._secret, nx=True)
        stored = await client.get(SECRET_KEY_NAME)
        key: bytes = stored if stored is not None else self._secret
        self._secret = key
        return key

    async def _agree_again(self, client: Any) -> None:
        """After a (re)connect: store the key again, or take the one Redis has."""
        if self._secret is None:
            return  # SECRET_KEY or the environment decides: Redis has no say
        before = self._secret
        key = await self._agree(client)
        if key != before or not self.server.trust.shared:
            self.server.trust.backend_connected(key)

    # sending ################################################################

    def prepare(self, message: Message) -> str:
        try:
            return encode(message)
        except (TypeError, ValueError) as error:
            raise TypeError(
                f"channel message data for {message.topic!r} must be JSON serializable to "
                f"travel through Redis ({error}); send it with local=True to keep it in "
                "this process"
            ) from error

    def publish(self, prepared: str) -> None:
        self.server.core_loop.call_soon(self._enqueue, prepared)

    def _enqueue(self, payload: str) -> None:
        if len(self._backlog) == self._backlog.maxlen:
            logger.warning("Redis backlog full: the oldest channel message is dropped")
        self._backlog.append(payload)
        if self._wakeup is not None:
            self._wakeup.set()

    async def _publish(self, client: Any) -> None:
        assert self._wakeup is not None
        while not self.stopping:
            while self._backlog:
                await client.publish(REDIS_CHANNEL, self._backlog[0])
                self._backlog.popleft()  # only once Redis took it
            self._wakeup.clear()
            await self._wakeup.wait()

    # receiving ##############################################################

    async def _listen(self, client: Any) -> None:
        pubsub = client.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(REDIS_CHANNEL)
            await self._agree_again(client)
            self.connected = True
            logger.info("listening for channel messages on %s", self.url)
            while not self.stopping:
                item = await pubsub.get_message(timeout=POLL_INTERVAL)
                if item is not None:
                    self._received(item.get("data"))
        finally:
            self.connected = False
            await pubsub.aclose()

    def _received(self, payload: Any) -> None:
        try:
            message = decode(payload)
        except (ValueError, KeyError, TypeError):
            logger.warning("ignoring a malformed message on %s", REDIS_CHANNEL)
            return
        if message.origin == self.server.instance_id or message.is_expired():
            return
        assert self._deliver is not None
        self._deliver(message)

    # connections ############################################################

    async def _keep_connected(self, role: str, body: Callable[[Any], Any]) -> None:
        """Run ``body(client)``; when Redis fails, log, wait (growing delays), retry."""
        from redis.asyncio import Redis
        from redis.exceptions import RedisError

        assert self._stopping is not None
        delay = FIRST_RETRY_DELAY
        while not self.stopping:
            client = Redis.from_url(self.url)
            try:
                await client.ping()
                delay = FIRST_RETRY_DELAY
                await body(client)
            except (RedisError, OSError) as error:
                logger.error(
                    "Redis %s at %s failed: %s; retrying in %.1fs", role, self.url, error, delay
                )
                try:
                    await asyncio.wait_for(self._stopping.wait(), delay)
                except TimeoutError:
                    pass
                delay = min(delay * 2, MAX_RETRY_DELAY)
            finally:
                await client.aclose()
