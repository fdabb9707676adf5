"""One websocket as the core sees it.

Adapters call ``receive(text)`` and ``closed()`` from whatever thread they
run on; both hop onto the core loop.  The core sends with ``send(text)`` from
any thread: the text goes into an ordered outbox at once (so two threads that
send under a document lock keep their order), and one writer task on the loop
hands it to the adapter's ``Transport`` message by message.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import threading
from collections import deque
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from lona.adapter import Transport
from lona.http import HttpRequest
from lona.protocol import (
    PROTOCOL_VERSION,
    CloseCode,
    ErrorCode,
    ServerMessage,
    dumps,
)
from lona.runtime.loop import finish_started, start_eagerly
from lona.runtime.messages import (
    ClientErrorMessage,
    EventMessage,
    HelloMessage,
    LeaveMessage,
    PingMessage,
    ProtocolError,
    ReceivedMessage,
    ResumeMessage,
    ViewMessage,
    parse_client_message,
)
from lona.security import RateLimiter

if TYPE_CHECKING:
    from lona.runtime.attachments import Attachment
    from lona.server import Server

__all__ = ["Connection"]

logger = logging.getLogger("lona.connection")
_connection_ids = itertools.count(1)


class Connection:
    def __init__(
        self, server: Server, transport: Transport, http_request: HttpRequest, user: Any
    ) -> None:
        self.id = next(_connection_ids)
        self.server = server
        self.transport = transport
        self.http_request = http_request
        self.user = user
        self.windows: dict[int, Attachment] = {}
        # chosen by the page (HELLO): a socket of the same page may resume its windows
        self.page_id: str | None = None
        self.handshaken = False
        self.is_closed = False
        self._outbox: deque[str] = deque()
        self._outbox_lock = threading.Lock()
        self._writing = False
        self._closing: tuple[int, str] | None = None
        self.last_seen = server.core_loop.loop.time() if server.core_loop.loop else 0.0
        self._held: list[str] | None = None  # messages waiting for admission
        self.event_limiter = RateLimiter(server.settings.MAX_INPUT_EVENTS_PER_SECOND)
        self.session_key = ""
        self.page_token_valid = False

    def __repr__(self) -> str:
        return f"<Connection {self.id} user={self.user!r}>"

    # called by adapters (any thread) ########################################

    def receive(self, text: str) -> None:
        """One text frame arrived."""
        self.server.core_loop.call_soon(self._on_text, text)

    def receive_bytes(self, data: bytes) -> None:
        """A binary frame arrived: the protocol is text only, so the socket closes."""
        logger.warning("%r: binary frame of %d bytes refused", self, len(data))
        self.close(CloseCode.UNSUPPORTED, "binary frames are not supported")

    def closed(self) -> None:
        """The websocket is gone (closed by either side or broken)."""
        self.server.core_loop.call_soon(self._on_closed)

    # sending (any thread) ###################################################

    def send(self, text: str) -> None:
        with self._outbox_lock:
            if self.is_closed or self._closing is not None:
                return
            self._outbox.append(text)
            limit = self.server.settings.MAX_PENDING_MESSAGES
            if limit and len(self._outbox) > limit:
                self._outbox.clear()
                self._closing = (CloseCode.POLICY, "client too slow to read its messages")
                logger.warning("%r: more than %d messages pending, disconnecting", self, limit)
            if self._writing:
                return
            self._writing = True
        self.server.core_loop.call_soon(self._start_writer)

    def send_message(self, kind: ServerMessage, *items: Any) -> None:
        self.send(dumps([int(kind), *items]))

    def log_refusal(self, error: ProtocolError) -> None:
        logger.info("%r: refused message: %s", self, error.message)

    def send_error(self, error: ProtocolError) -> None:
        """An ERROR outside any view's stream (its seq is null)."""
        self.log_refusal(error)
        self.send_message(
            ServerMessage.ERROR,
            error.window_id,
            error.view_id,
            None,
            int(error.code),
            error.message,
            error.event_id,
        )

    def close(self, code: int = CloseCode.NORMAL, reason: str = "") -> None:
        """Close after the messages already queued are written."""
        with self._outbox_lock:
            if self.is_closed or self._closing is not None:
                return
            self._closing = (int(code), reason)
            if self._writing:
                return
            self._writing = True
        self.server.core_loop.call_soon(self._start_writer)

    def _start_writer(self) -> None:
        """Write the outbox (core loop).

        Most frames go out without the send ever suspending (they fit into
        the socket buffer), so they are written right here without a task;
        only a send that has to wait (a slow reader) continues in one.
        """
        try:
            while True:
                text = self._next_text()
                if text is None:
                    return
                sending = self.transport.send(text)
                done, yielded = start_eagerly(sending)
                if not done:
                    asyncio.get_running_loop().create_task(self._write(sending, yielded))
                    return
        except Exception as error:  # a vanished client: nothing left to write to
            self._send_failed(error)

    def _next_text(self) -> str | None:
        """The next text to write; None when the writer stops (it closes if asked to)."""
        with self._outbox_lock:
            if self._outbox:
                return self._outbox.popleft()
            if self._closing is None:
                self._writing = False
                return None
        asyncio.get_running_loop().create_task(self._close_transport())
        return None

    async def _write(self, sending: Coroutine[Any, Any, None], yielded: Any) -> None:
        """Finish a send that suspended, then write the rest of the outbox."""
        try:
            await finish_started(sending, yielded)
        except Exception as error:
            self._send_failed(error)
            return
        self._start_writer()

    def _send_failed(self, error: BaseException) -> None:
        logger.debug("%r: send failed: %r", self, error)
        self._on_closed()

    async def _close_transport(self) -> None:
        closing = self._closing
        assert closing is not None
        try:
            await self.transport.close(*closing)
        except Exception as error:
            logger.debug("%r: close failed: %r", self, error)
        self._on_closed()

    # receiving (core loop) ##################################################

    def hold(self) -> None:
        """Keep incoming messages until ``release()`` (while middlewares decide)."""
        self._held = []

    def release(self) -> None:
        held, self._held = self._held or [], None
        for text in held:
            self._on_text(text)

    def _on_text(self, text: str) -> None:
        if self.is_closed:
            return
        if self._held is not None:
            self._held.append(text)
            return
        self.last_seen = self.server.loop.time()
        limit = self.server.settings.MAX_MESSAGE_SIZE
        if limit and len(text) > limit and len(text.encode("utf-8")) > limit:
            logger.warning("%r: message of %d bytes exceeds MAX_MESSAGE_SIZE", self, len(text))
            self.close(CloseCode.TOO_BIG, "message too big")
            return
        if not text.startswith("["):
            self.server.handle_custom_message(self, text)
            return
        try:
            message = parse_client_message(text)
            self._dispatch(message)
        except ProtocolError as error:
            self.send_error(error)
        except Exception:  # a bug of ours must not take the connection down
            logger.exception("%r: error while handling %.200r", self, text)
            self.send_error(ProtocolError(ErrorCode.INTERNAL, "internal server error"))

    def _dispatch(self, message: Any) -> None:
        if isinstance(message, HelloMessage):
            self._hello(message)
            return
        if isinstance(message, PingMessage):
            self.send_message(ServerMessage.PONG)
            return
        if not self.handshaken:
            raise ProtocolError(ErrorCode.NOT_STARTED, "send HELLO first")
        if isinstance(message, ViewMessage):
            self.server.start_view(self, message)
        elif isinstance(message, EventMessage):
            self._event(message)
        elif isinstance(message, ReceivedMessage):
            self._attachment_for(message.window_id, message.view_id).confirm(message.seq)
        elif isinstance(message, ResumeMessage):
            self.server.resume_view(self, message)
        elif isinstance(message, ClientErrorMessage):
            attachment = self._attachment_for(message.window_id, message.view_id)
            attachment.runtime.client_error(message.message)
        elif isinstance(message, LeaveMessage):
            self.leave_window(message.window_id)

    def _event(self, message: EventMessage) -> None:
        attachment = self._attachment_for(message.window_id, message.view_id, message.event_id)
        if message.received is not None:
            attachment.confirm(message.received)
        if message.event_id <= attachment.last_event_id:
            # sent again after a resume: the server has it, and its answer is in the
            # window's stream; this one is answered outside it (seq null)
            self.send_message(
                ServerMessage.ACK, message.window_id, message.view_id, None, message.event_id
            )
            return
        if not self.event_limiter.allow():
            raise ProtocolError(
                ErrorCode.RATE_LIMITED,
                "too many input events per second",
                message.window_id,
                message.view_id,
                message.event_id,
            )
        attachment.last_event_id = message.event_id
        attachment.runtime.enqueue_event(attachment, message)

    def _hello(self, message: HelloMessage) -> None:
        if message.version != PROTOCOL_VERSION:
            self.send_error(
                ProtocolError(
                    ErrorCode.PROTOCOL_VERSION,
                    f"this server speaks protocol version {PROTOCOL_VERSION}, "
                    f"the client {message.version}; reload the page",
                )
            )
            self.close(CloseCode.POLICY, "protocol version mismatch")
            return
        self.handshaken = True
        page_id = message.options.get("page_id")
        if isinstance(page_id, str) and 0 < len(page_id) <= 64:
            self.page_id = page_id
        token = message.options.get("page_token")
        self.page_token_valid = self.server.page_tokens.valid(self.session_key, token)
        self.send_message(
            ServerMessage.WELCOME, PROTOCOL_VERSION, {"server_id": self.server.instance_id}
        )

    def _attachment_for(
        self, window_id: int, view_id: str, event_id: int | None = None
    ) -> Attachment:
        attachment = self.windows.get(window_id)
        if attachment is None:
            raise ProtocolError(
                ErrorCode.UNKNOWN_WINDOW,
                f"window {window_id} runs no view",
                window_id,
                view_id,
                event_id,
            )
        if attachment.runtime.id != view_id:
            raise ProtocolError(
                ErrorCode.STALE_VIEW,
                f"view {view_id} no longer runs in window {window_id}",
                window_id,
                view_id,
                event_id,
            )
        return attachment

    def leave_window(self, window_id: int) -> None:
        """The window closed or shows another view: its view is detached."""
        attachment = self.windows.pop(window_id, None)
        if attachment is not None:
            attachment.runtime.detach(attachment)

    def _on_closed(self) -> None:
        if self.is_closed:
            return
        with self._outbox_lock:
            self.is_closed = True
            self._outbox.clear()
        # the socket is gone, not (yet) the windows: they may resume (RESUME)
        for attachment in list(self.windows.values()):
            attachment.runtime.suspend(attachment)
        self.server.connection_closed(self)
