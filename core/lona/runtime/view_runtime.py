"""``ViewRuntime``: one running view, its document, and the windows showing it.

Lifecycle: ``start()`` runs ``handle_request`` (a task for async views, a
pool thread for sync ones).  When it ends the clients get VIEW_STOP and the
view gets ``on_stop(reason)``; the runtime keeps handling events while a
window shows it (or while it is a daemon).  When the last window leaves, it
stops with ``UserAbort`` and, once ``handle_request`` has unwound,
``on_cleanup()`` runs and the server forgets it.  ``on_stop`` always runs
before ``on_cleanup``, and each runs once.

Sending: every change to what the clients see happens under the document
lock, and messages enter each connection's ordered outbox before the lock is
released, so all windows receive the same changes in the same order.

The parts, each in its module: the windows showing the view
(``runtime.windows``), running its hooks in the order of its lifecycle
(``runtime.running``, ``runtime.lifecycle``), its event queue
(``runtime.input_events``).  A runtime is made by ``runtime.factory`` and
knows its server only as a ``runtime.host.RuntimeHost``.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lona.concurrency.calling import ThreadPlace, Where, run_here
from lona.errors import ClientError, status_of
from lona.html.children import ParentNode
from lona.html.document import Document
from lona.html.node import AbstractNode
from lona.middleware_controller import Outcome
from lona.protocol import ServerMessage, dumps
from lona.responses import (
    AnyRedirect,
)
from lona.runtime.attachments import Attachment
from lona.runtime.debug import debug_enabled, error_report
from lona.runtime.input_events import EventDispatcher, EventOutcome
from lona.runtime.running import Runner
from lona.runtime.subscriptions import ViewSubscriptions
from lona.runtime.waiting import Waiting
from lona.runtime.windows import Windows
from lona.view import View
from lona.ws.window_messages import envelope, redirect_kind

if TYPE_CHECKING:
    from lona.input_event import InputEvent
    from lona.request import Request
    from lona.routing import Route
    from lona.runtime.host import FirstContentSink, RuntimeHost
    from lona.ws.connection import Connection
    from lona.ws.messages import EventMessage, ProtocolError

__all__ = ["ViewRuntime"]

logger = logging.getLogger("lona.view_runtime")


class ViewRuntime:
    def __init__(
        self,
        server: RuntimeHost[ViewRuntime],
        view_class: type[View],
        request: Request,
        route: Route | None,
        match_info: dict[str, str],
    ) -> None:
        self.server = server
        self.id = server.next_view_id()
        # re-attaching a window needs this token and the same user: a view id alone
        # (it travels in every message) is not enough to take over someone's view
        self.attach_token = secrets.token_urlsafe(18)
        self.request = request
        self.route = route
        self.match_info = match_info
        self.user = request.user
        self.view_class = view_class
        self.document = Document()
        self.attachments: tuple[Attachment, ...] = ()
        self.waiting = Waiting(server.core_loop)
        self.events = EventDispatcher(self)
        self.subscriptions = ViewSubscriptions(self)
        self.windows = Windows(self)
        self.is_daemon = False
        self.first_content: FirstContentSink | None = None
        self.crashed = False
        # the status of the error view it shows: a page load answers with it
        self.error_status: int | None = None
        # debug mode: the error that ended handle_request, for windows attaching later
        self.debug_report: dict[str, str] | None = None
        self.view: View = view_class(server, self, request)
        self.runner = Runner(self)

    def __repr__(self) -> str:
        return f"<ViewRuntime {self.id} {self.view_class.__name__} {self.request.url.path}>"

    @property
    def stop_reason(self) -> BaseException | None:
        return self.waiting.stop_reason

    @property
    def is_async(self) -> bool:
        """handle_request is a coroutine function (it runs on the core loop)."""
        return self.runner.handle_request.where is Where.LOOP

    # windows (runtime/windows.py) #########################################

    def attach(
        self, connection: Connection, window_id: int, adopted_version: int | None = None
    ) -> None:
        self.windows.attach(connection, window_id, adopted_version)

    def detach(self, attachment: Attachment) -> None:
        self.windows.detach(attachment)

    def suspend(self, attachment: Attachment) -> None:
        self.windows.suspend(attachment)

    def attachment_of(self, page_id: str | None, window_id: int) -> Attachment | None:
        return self.windows.attachment_of(page_id, window_id)

    def resume(self, attachment: Attachment, connection: Connection, received: int) -> None:
        self.windows.resume(attachment, connection, received)

    @property
    def awaiting_window(self) -> bool:
        return self.windows.awaiting_window

    def await_window(self, timeout: float) -> None:
        self.windows.await_window(timeout)

    def window_timeout(self) -> None:
        self.windows.window_timeout()

    def accepts_windows(self) -> bool:
        return self.windows.accepts_windows()

    def set_daemon(self, value: bool) -> None:
        self.is_daemon = value
        self.server.core_loop.call_soon(self.windows.daemon_changed)

    def stop_if_unwatched(self) -> None:
        self.windows.stop_if_unwatched()

    def close_windows(self) -> None:
        self.windows.close()

    # sending ################################################################

    def emit(self, attachment: Attachment, kind: ServerMessage, payload_json: str) -> None:
        """Number a message for one window, keep it, send it (document lock held)."""
        if attachment.detached:
            return
        attachment.seq += 1
        text = envelope(kind, attachment.window_id, self.id, attachment.seq, payload_json)
        attachment.keep(text, self.server.resume_buffer_size)
        attachment.connection.send(text)

    def broadcast(self, kind: ServerMessage, *items: Any) -> None:
        payload = dumps(list(items))
        for attachment in self.attachments:
            self.emit(attachment, kind, payload)

    def flush_to_clients(self, ack: tuple[Attachment, int] | None = None) -> None:
        """Send pending changes (document lock held).  ``ack`` acknowledges an event."""
        flush = self.document.flush()
        shared = dumps([flush.ops]) if flush.ops and not flush.issued else None
        acked = False
        for attachment in self.attachments:
            if flush.issued:
                ops = flush.ops_for(attachment)
                payload = dumps([ops]) if ops else None
            else:
                payload = shared
            if payload is None:
                continue
            if ack is not None and ack[0] is attachment:
                payload = payload[:-1] + f",{ack[1]}]"
                acked = True
            self.emit(attachment, ServerMessage.PATCH, payload)
        if ack is not None and not acked:
            self.emit(ack[0], ServerMessage.ACK, f"[{ack[1]}]")

    def show(
        self,
        html: Any = None,
        template: str | None = None,
        template_string: str | None = None,
        title: str | None = None,
        template_context: dict[str, Any] | None = None,
    ) -> None:
        self.waiting.raise_if_stopped()
        if template is not None or template_string is not None:
            html = self.server.templating.render(template, template_string, template_context)
        self._show(html, title)

    def _show(self, html: Any, title: str | None = None) -> None:
        document = self.document
        with document.lock:
            title_sent = False
            if title is not None:
                document.set_title(title)
            if html is None or html is document.root:
                self.flush_to_clients()
            elif isinstance(html, ParentNode):  # an element, or a legacy widget
                title_sent = self._show_tree(html)
            elif isinstance(html, AbstractNode):
                raise TypeError("a view shows an element, not a lone text node")
            elif isinstance(html, str):
                document.set_html_string(html)
                self.broadcast(ServerMessage.HTML, html, document.title)
                title_sent = True
            else:
                raise TypeError(f"show() takes a node tree or a string, not {html!r}")
            if title is not None and not title_sent:
                self.broadcast(ServerMessage.TITLE, document.title)
            if self.first_content is not None:
                self.first_content.ready()

    def flush(self) -> None:
        """Send what changed since the last flush to every window (any thread)."""
        with self.document.lock:
            self.flush_to_clients()

    def view_handles_view_events(self) -> bool:
        return self.view_class.on_view_event is not View.on_view_event

    def _show_tree(self, root: ParentNode) -> bool:
        """Show another tree: only its differences to the shown one when possible.

        Returns whether the title went out with it (a TREE carries it).
        """
        document = self.document
        self.flush_to_clients()  # the diff starts from what the clients have
        ops = document.replace_root(root)
        if ops is None:
            self.broadcast(ServerMessage.TREE, document.set_root(root), document.title)
            return True
        if ops:
            self.broadcast(ServerMessage.PATCH, ops)
        return False

    def set_title(self, title: str) -> None:
        with self.document.lock:
            self.document.set_title(title)
            self.broadcast(ServerMessage.TITLE, self.document.title)

    def send_redirect(self, response: AnyRedirect) -> None:
        kind = redirect_kind(response)
        with self.document.lock:
            if self.first_content is not None:
                self.first_content.ready(response)  # the page load answers with it
            elif self.awaiting_window and not self.attachments:
                self.windows.missed_redirect = response
            self.broadcast(kind, response.url)

    def send_str(
        self, string: str, broadcast: bool, filter_connections: Callable[[Connection], bool]
    ) -> None:
        if broadcast:
            for connection in self.server.connections():
                if filter_connections(connection):
                    connection.send_message(ServerMessage.CUSTOM, None, None, None, string)
            return
        with self.document.lock:
            if self.awaiting_window and not self.attachments:
                self.windows.missed_custom.append(string)  # the page's websocket gets it
                return
            payload = dumps([string])
            for attachment in self.attachments:
                if filter_connections(attachment.connection):
                    self.emit(attachment, ServerMessage.CUSTOM, payload)

    # waiting (delegated) ####################################################

    def raise_if_stopped(self) -> None:
        self.waiting.raise_if_stopped()

    def await_event(self, kind: str, nodes: tuple[Any, ...], html: Any) -> Any:
        show = None if html is None else lambda: self.show(html)
        return self.waiting.wait_for_event(kind, nodes, show)

    def sleep(self, delay: float, result: Any) -> Any:
        return self.waiting.sleep(delay, result)

    def await_sync(self, awaitable: Any) -> Any:
        return self.waiting.await_sync(awaitable)

    # events #################################################################

    def enqueue_event(self, attachment: Attachment, message: EventMessage) -> None:
        # the window shows this view, and attaching checked the user; a user
        # who logs in meanwhile keeps their views
        self.events.enqueue(attachment, message)

    def finish_event(self, event: InputEvent, outcome: EventOutcome) -> None:
        """After the chain (pool thread, or loop when no user code ran)."""
        attachment = event.issuer
        assert isinstance(attachment, Attachment)
        if outcome.error is not None:
            self.crash(outcome.error, f"a {event.name} event handler")
        elif outcome.redirect is not None:
            self.send_redirect(outcome.redirect)
        with self.document.lock:
            if outcome.delivered or self.crashed:
                # an awaiting handle_request shows its changes itself (as in Lona)
                self.emit(attachment, ServerMessage.ACK, f"[{event.event_id}]")
            else:
                self.flush_to_clients((attachment, event.event_id))

    def refuse_event(self, attachment: Attachment, error: ProtocolError) -> None:
        """Answer an input event with ERROR, in the window's stream (any thread)."""
        attachment.connection.log_refusal(error)
        payload = dumps([int(error.code), error.message, error.event_id])
        with self.document.lock:
            self.emit(attachment, ServerMessage.ERROR, payload)

    def client_error(self, message: str) -> None:
        """The client failed to show this view (the connection logged it): crash."""
        self.server.executor.start(self.crash, ClientError(message), "the browser")

    # running ##############################################################

    def start(self) -> None:
        """Run handle_request (core loop)."""
        self.runner.start()

    def request_middlewares(self) -> Outcome:
        """handle_request middlewares (pool thread); a handled one replaces the view."""
        outcome: Outcome = run_here(
            self.runner.request_middlewares(ThreadPlace(self.server.core_loop))
        )
        return outcome

    @property
    def handle_request_running(self) -> bool:
        return self.runner.lifecycle.running

    def shows_something(self) -> bool:
        return self.document.root is not None or self.document.html_string is not None

    # errors #################################################################

    def show_error_view(self, error: BaseException) -> None:
        """Render the 403/404/500 view in this view's windows (pool thread)."""
        self.error_status = status_of(error)
        html = self.server.render_error(error, self.request, interactive=True)
        self._show(html)

    @property
    def debugging(self) -> bool:
        return debug_enabled(self.server.settings)

    def crash(self, error: BaseException, where: str = "view code") -> None:
        """An exception outside handle_request (``where``): the 500 view, here only.

        In debug mode the view keeps running and its windows show the error
        over what they show (``lona.runtime.debug``)."""
        if self.crashed:
            return
        logger.error("%r crashed in %s", self, where, exc_info=error)
        if self.debugging:
            report = error_report(error, f"{where} of {self.view_class.__name__}")
            with self.document.lock:
                self.broadcast(ServerMessage.DEBUG, report)
            return
        self.crashed = True
        self.show_error_view(error)
        self.stop(error)

    # stopping ###############################################################

    def stop(self, reason: BaseException) -> None:
        """Fail every wait with ``reason`` (any thread); idempotent."""
        if not self.waiting.stop(reason):
            return
        core_loop = self.server.core_loop
        if core_loop.in_loop():  # at once: the next VIEW may be checked against the limit
            self.server.registry.stopped(self)
        elif core_loop.running:
            core_loop.call_soon(self.server.registry.stopped, self)

    def request_cleanup(self) -> None:
        """Remove the runtime once handle_request has unwound (any thread)."""
        self.runner.request_cleanup()
