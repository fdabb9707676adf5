"""One websocket as the core sees it.

Adapters call ``receive(text)`` and ``closed()`` from whatever thread they
run on; both hop onto the core loop.  The core sends with ``send(text)`` from
any thread: the text goes into an ordered outbox at once (so two threads that
send under a document lock keep their order), and one writer task on the loop
hands it to the adapter's ``Transport`` message by message.

What one client may cost is bounded: every message it sends takes from a
budget (``MAX_MESSAGES_PER_SECOND``; a VIEW or RESUME, which may start a view, costs
``VIEW_MESSAGE_COST``), its outbox holds at most ``MAX_PENDING_MESSAGES``
messages and ``MAX_PENDING_BYTES`` bytes, and what it makes the server log
is limited (``lona.security.log_limit``).  A client over a budget is disconnected at
once: its backlog is dropped, unread messages are ignored, and a send that
waits for it is given up.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import logging
import threading
from collections import deque
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from lona.adapter import Transport
from lona.concurrency.loop import finish_started, start_eagerly
from lona.http import HttpRequest
from lona.protocol import (
    PROTOCOL_VERSION,
    CloseCode,
    ErrorCode,
    ServerMessage,
    dumps,
)
from lona.security.admission import RateLimiter
from lona.security.log_limit import LogLimiter, truncated
from lona.surrogates import well_formed
from lona.ws.messages import (
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

if TYPE_CHECKING:
    from lona.runtime.attachments import Attachment
    from lona.server import Server

__all__ = ["Connection"]

logger = logging.getLogger("lona.connection")
_connection_ids = itertools.count(1)

# a VIEW starts a view (and stops the one before in its window), a RESUME may:
# either takes this many messages' worth of the budget, so a flood stops soon
VIEW_MESSAGE_COST = 10
# how long closing a socket may take (a client that reads nothing never
# answers; its transport is then cut)
CLOSE_TIMEOUT = 5.0
# characters of a client's error report that go into the log
CLIENT_ERROR_LOG_LIMIT = 4000


def _utf8_size(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


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
        settings = server.settings
        self._outbox: deque[tuple[str, int]] = deque()  # texts and their sizes in bytes
        self._pending_bytes = 0
        self._outbox_lock = threading.Lock()
        self._writing = False
        self._write_task: asyncio.Task[None] | None = None
        self._closing: tuple[int, str] | None = None
        self._aborted = False
        self.last_seen = server.core_loop.loop.time() if server.core_loop.loop else 0.0
        self._held: list[str] | None = None  # messages waiting for admission
        self.message_budget = RateLimiter(settings.MAX_MESSAGES_PER_SECOND)
        self.event_limiter = RateLimiter(settings.MAX_INPUT_EVENTS_PER_SECOND)
        self.log = LogLimiter(logger)
        self.session_key = ""
        self.page_token_valid = False

    def __repr__(self) -> str:
        return f"<Connection {self.id} user={self.user!r}>"

    # called by adapters (any thread) ########################################

    def receive(self, text: str) -> None:
        """One text frame arrived."""
        if self._closing is None and not self.is_closed:  # a closing socket's flood costs nothing
            self.server.core_loop.call_soon(self._on_text, text)

    def receive_bytes(self, data: bytes) -> None:
        """A binary frame arrived: the protocol is text only, so the socket closes."""
        self.log.log(logging.WARNING, "%r: binary frame of %d bytes refused", self, len(data))
        self.close(CloseCode.UNSUPPORTED, "binary frames are not supported")

    def closed(self) -> None:
        """The websocket is gone (closed by either side or broken)."""
        self.server.core_loop.call_soon(self._on_closed)

    # sending (any thread) ###################################################

    def send(self, text: str) -> None:
        text = well_formed(text)  # no text a view holds can make the send fail
        size = _utf8_size(text)
        with self._outbox_lock:
            if self.is_closed or self._closing is not None:
                return
            self._outbox.append((text, size))
            self._pending_bytes += size
            if self._too_much_pending():
                self._abort_locked(CloseCode.POLICY, "client too slow to read its messages")
                return
            if self._writing:
                return
            self._writing = True
        self.server.core_loop.call_soon(self._start_writer)

    def _too_much_pending(self) -> bool:
        settings = self.server.settings
        count, size = settings.MAX_PENDING_MESSAGES, settings.MAX_PENDING_BYTES
        # one message of any size may wait (a big tree): only what piles up
        # behind it counts
        too_much = (count and len(self._outbox) > count) or (
            size and self._pending_bytes > size and len(self._outbox) > 1
        )
        if too_much:
            logger.warning(
                "%r: %d messages (%d bytes) pending, more than MAX_PENDING_MESSAGES (%d) "
                "or MAX_PENDING_BYTES (%d): disconnecting",
                self,
                len(self._outbox),
                self._pending_bytes,
                count,
                size,
            )
        return bool(too_much)

    def send_message(self, kind: ServerMessage, *items: Any) -> None:
        self.send(dumps([int(kind), *items]))

    def log_refusal(self, error: ProtocolError) -> None:
        self.log.log(logging.INFO, "%r: refused message: %s", self, error.message)

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

    def abort(self, code: int, reason: str) -> None:
        """Close at once: the messages still queued are dropped, a send that
        waits for this client is given up (any thread)."""
        with self._outbox_lock:
            self._abort_locked(code, reason)

    def _abort_locked(self, code: int, reason: str) -> None:
        if self.is_closed or self._aborted:
            return
        self._aborted = True
        self._outbox.clear()
        self._pending_bytes = 0
        self._closing = (int(code), reason)
        idle = not self._writing
        self._writing = True
        self.server.core_loop.call_soon(self._interrupt_writer, idle)

    def _interrupt_writer(self, idle: bool) -> None:
        """After ``abort`` (core loop): stop waiting for a send, then close."""
        if idle:
            self._start_writer()
        elif self._write_task is not None:
            self._write_task.cancel()  # the writer goes on to the close

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
                    task = asyncio.get_running_loop().create_task(self._write(sending, yielded))
                    task.add_done_callback(functools.partial(self._write_ended, sending))
                    self._write_task = task
                    return
        except Exception as error:  # a vanished client: nothing left to write to
            self._send_failed(error)

    def _next_text(self) -> str | None:
        """The next text to write; None when the writer stops (it closes if asked to)."""
        with self._outbox_lock:
            if self._outbox:
                text, size = self._outbox.popleft()
                self._pending_bytes -= size
                return text
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
            self._write_task = None
            self._send_failed(error)
            return
        self._write_task = None
        self._start_writer()

    def _write_ended(self, sending: Coroutine[Any, Any, None], task: asyncio.Task[None]) -> None:
        """A send given up (``abort``), maybe before its task ever ran: the
        writer goes on, to the close."""
        if task.cancelled():
            sending.close()  # no-op if it ended; else it never will
            self._write_task = None
            self._start_writer()

    def _send_failed(self, error: BaseException) -> None:
        """A send failed (core loop): the socket is of no use any more, so it is
        closed rather than left open and silent."""
        logger.debug("%r: send failed: %r", self, error)
        with self._outbox_lock:
            self._outbox.clear()
            self._pending_bytes = 0
            if self._closing is None:
                self._closing = (CloseCode.INTERNAL, "send failed")
        asyncio.get_running_loop().create_task(self._close_transport())

    async def _close_transport(self) -> None:
        closing = self._closing
        assert closing is not None
        try:
            await asyncio.wait_for(self.transport.close(*closing), CLOSE_TIMEOUT)
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
        if self.is_closed or self._closing is not None:
            return  # work stops at once for a connection being closed
        if self._held is not None:
            self._held.append(text)
            return
        self.last_seen = self.server.loop.time()
        if not self._within_budget(1):
            return
        limit = self.server.settings.MAX_MESSAGE_SIZE
        if limit and len(text) > limit and len(text.encode("utf-8", "replace")) > limit:
            self.log.log(
                logging.WARNING, "%r: message of %d bytes exceeds MAX_MESSAGE_SIZE", self, len(text)
            )
            self.close(CloseCode.TOO_BIG, "message too big")
            return
        if not text.startswith("["):
            self.server.handle_custom_message(self, well_formed(text))
            return
        try:
            message = parse_client_message(text)
            starts_view = isinstance(message, (ViewMessage, ResumeMessage))
            if starts_view and not self._within_budget(VIEW_MESSAGE_COST - 1):
                return
            self._dispatch(message)
        except ProtocolError as error:
            self.send_error(error)
        except Exception:  # a bug of ours must not take the connection down
            self.log.log(
                logging.ERROR, "%r: error while handling %.200r", self, text, exc_info=True
            )
            self.send_error(ProtocolError(ErrorCode.INTERNAL, "internal server error"))

    def _within_budget(self, cost: int) -> bool:
        """Take ``cost`` from the message budget; a client over it is disconnected."""
        if self.message_budget.allow(cost):
            return True
        logger.warning(
            "%r: more than MAX_MESSAGES_PER_SECOND (%s) messages, disconnecting",
            self,
            self.server.settings.MAX_MESSAGES_PER_SECOND,
        )
        self.abort(CloseCode.POLICY, "too many messages")
        return False

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
            runtime = self._attachment_for(message.window_id, message.view_id).runtime
            if runtime.crashed:
                return  # it showed its error page already; more reports say nothing new
            report = truncated(message.message, CLIENT_ERROR_LOG_LIMIT)
            self.log.log(logging.ERROR, "client error in %r:\n%s", runtime, report)
            runtime.client_error(report)
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
            self._pending_bytes = 0
        # the socket is gone, not (yet) the windows: they may resume (RESUME)
        for attachment in list(self.windows.values()):
            attachment.runtime.suspend(attachment)
        self.server.connection_closed(self)
