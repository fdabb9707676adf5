"""One websocket as the core sees it.

Adapters call ``receive(text)`` and ``closed()`` from whatever thread they
run on; both hop onto the core loop.  The core sends with ``send(text)`` from
any thread, through the connection's ``Outbox`` (``lona.ws.outbox``), which
writes to the adapter's ``Transport`` in order.  Where the connection is in
its life (open, handshaken, closing, ...) is a ``Lifecycle``
(``lona.ws.lifecycle``); what it uses of its server is a ``ConnectionHost``
(``lona.ws.host``).

What one client may cost is bounded: every message it sends takes from a
budget (``MAX_MESSAGES_PER_SECOND``; a VIEW or RESUME, which may start a view, costs
``VIEW_MESSAGE_COST``), its outbox holds at most ``MAX_PENDING_MESSAGES``
messages and ``MAX_PENDING_BYTES`` bytes, and what it makes the server log
is limited (``lona.security.log_limit``).  A client over a budget is disconnected at
once: its backlog is dropped, unread messages are ignored, and a send that
waits for it is given up.
"""

from __future__ import annotations

import itertools
import logging
from typing import Any

from lona.http_messages import HttpRequest
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
from lona.ws.host import ConnectionHost, WindowAttachment
from lona.ws.lifecycle import ConnectionEvent, ConnectionState, Lifecycle
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
from lona.ws.outbox import Outbox
from lona.ws.transport import Transport

__all__ = ["Connection"]

logger = logging.getLogger("lona.connection")
_connection_ids = itertools.count(1)

# a VIEW starts a view (and stops the one before in its window), a RESUME may:
# either takes this many messages' worth of the budget, so a flood stops soon
VIEW_MESSAGE_COST = 10
# characters of a client's error report that go into the log
CLIENT_ERROR_LOG_LIMIT = 4000


class Connection:
    def __init__(
        self,
        server: ConnectionHost[Connection],
        transport: Transport,
        http_request: HttpRequest,
        user: Any,
    ) -> None:
        self.id = next(_connection_ids)
        self.server = server
        self.transport = transport
        self.http_request = http_request
        self.user = user
        self.windows: dict[int, WindowAttachment] = {}
        # chosen by the page (HELLO): a socket of the same page may resume its windows
        self.page_id: str | None = None
        settings = server.settings
        self.lifecycle = Lifecycle()
        self.outbox = Outbox(
            transport, server.core_loop, settings, self.lifecycle, self._on_closed, self
        )
        self.last_seen = self._now()
        self._held: list[str] | None = None  # messages waiting for admission
        self.message_budget = RateLimiter(settings.MAX_MESSAGES_PER_SECOND)
        self.event_limiter = RateLimiter(settings.MAX_INPUT_EVENTS_PER_SECOND)
        self.log = LogLimiter(logger)
        self.session_key = ""
        self.page_token_valid = False

    def __repr__(self) -> str:
        return f"<Connection {self.id} user={self.user!r}>"

    @property
    def state(self) -> ConnectionState:
        return self.lifecycle.state

    @property
    def handshaken(self) -> bool:
        return self.lifecycle.state is ConnectionState.HANDSHAKEN

    @property
    def is_closed(self) -> bool:
        return self.lifecycle.state is ConnectionState.CLOSED

    def _now(self) -> float:
        loop = self.server.core_loop.loop
        return loop.time() if loop is not None else 0.0

    # called by adapters (any thread) ########################################

    def receive(self, text: str) -> None:
        """One text frame arrived."""
        if self.lifecycle.accepting:  # a closing socket's flood costs nothing
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
        self.outbox.send(well_formed(text))  # no text a view holds can make the send fail

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
        self.outbox.close(code, reason)

    def abort(self, code: int, reason: str) -> None:
        """Close at once: the messages still queued are dropped, a send that
        waits for this client is given up (any thread)."""
        self.outbox.abort(code, reason)

    # receiving (core loop) ##################################################

    def hold(self) -> None:
        """Keep incoming messages until ``release()`` (while middlewares decide)."""
        self._held = []

    def release(self) -> None:
        held, self._held = self._held or [], None
        for text in held:
            self._on_text(text)

    def _on_text(self, text: str) -> None:
        if not self.lifecycle.accepting:
            return  # work stops at once for a connection being closed
        if self._held is not None:
            self._held.append(text)
            return
        self.last_seen = self._now()
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
        with self.lifecycle.lock:
            if not self.lifecycle.accepting:
                return  # closed meanwhile (from another thread): no WELCOME
            self.lifecycle.move(ConnectionEvent.HELLO)
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
    ) -> WindowAttachment:
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
        if not self.outbox.gone():
            return
        # the socket is gone, not (yet) the windows: they may resume (RESUME)
        for attachment in list(self.windows.values()):
            attachment.runtime.suspend(attachment)
        self.server.connection_closed(self)
