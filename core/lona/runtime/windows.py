"""The windows that show a view: attaching, leaving, resuming, the page load's wait.

A view shows in the windows attached to it (``ViewRuntime.attachments``).  A
window whose socket dropped is suspended for ``RESUME_TIMEOUT`` seconds and
may resume where it was.  A view started by a page load waits for the page's
websocket (``await_window``) and keeps what it sent meanwhile for it.  A view
without windows stops, unless it is a daemon.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Protocol

from lona.exceptions import UserAbort
from lona.protocol import ServerMessage, dumps
from lona.runtime.attachments import Attachment
from lona.runtime.parts import RuntimeCore
from lona.ws.host import WindowRuntime
from lona.ws.window_messages import redirect_kind, state_message

if TYPE_CHECKING:
    from lona.responses import AnyRedirect
    from lona.runtime.running import Runner
    from lona.ws.connection import Connection

__all__ = ["Windows", "WindowsOwner"]


class WindowsOwner(RuntimeCore, WindowRuntime[Attachment], Protocol):
    """What the windows use of their runtime (``ViewRuntime`` is one)."""

    attachments: tuple[Attachment, ...]

    @property
    def attach_token(self) -> str: ...

    @property
    def debug_report(self) -> dict[str, str] | None: ...

    @property
    def runner(self) -> Runner: ...

    @property
    def is_daemon(self) -> bool: ...

    @property
    def handle_request_running(self) -> bool: ...

    def emit(self, attachment: Attachment, kind: ServerMessage, payload_json: str) -> None: ...

    def flush_to_clients(self, ack: tuple[Attachment, int] | None = None) -> None: ...

    def stop(self, reason: BaseException) -> None: ...

    def request_cleanup(self) -> None: ...


class Windows:
    """The windows of one view runtime (core loop, unless a method says otherwise)."""

    __slots__ = ("_window_timer", "missed_custom", "missed_redirect", "runtime")

    def __init__(self, runtime: WindowsOwner) -> None:
        self.runtime = runtime
        # started by a page load, waiting for the page's websocket (http.first_content)
        self._window_timer: asyncio.TimerHandle | None = None
        self.missed_redirect: AnyRedirect | None = None
        self.missed_custom: list[str] = []  # send_str before the page's websocket came

    def attach(
        self, connection: Connection, window_id: int, adopted_version: int | None = None
    ) -> None:
        """Show this view in a window (core loop): VIEW_START plus what it shows now.

        ``adopted_version``: the window shows this version of the tree already
        (the page load rendered it); if nothing was sent since, it keeps it.
        """
        page_load = self.awaiting_window
        self._stop_awaiting_window()
        with self.runtime.document.lock:
            adopted = (
                adopted_version is not None and adopted_version == self.runtime.document.version
            )
            if not adopted:
                self.runtime.flush_to_clients()
            attachment = Attachment(self.runtime, connection, window_id)
            self.runtime.attachments = (*self.runtime.attachments, attachment)
            connection.windows[window_id] = attachment
            start: list[Any] = [str(self.runtime.request.url), self.runtime.attach_token]
            if adopted:
                start.append(True)  # the window keeps what it shows
            self.runtime.emit(attachment, ServerMessage.VIEW_START, dumps(start))
            if adopted:  # what changed since the page was rendered
                self.runtime.flush_to_clients()
            else:
                self._send_state(attachment)
            if page_load:
                self._send_missed(attachment)
            if self.runtime.debug_report is not None:
                self.runtime.emit(
                    attachment, ServerMessage.DEBUG, dumps([self.runtime.debug_report])
                )

    def _send_state(self, attachment: Attachment) -> None:
        state = state_message(self.runtime.document)
        if state is not None:
            self.runtime.emit(attachment, *state)

    def _send_missed(self, attachment: Attachment) -> None:
        """What a page-load view did before its window came: custom messages in the
        order sent, then whether it ended and where it redirected."""
        missed, self.missed_custom = self.missed_custom, []
        for string in missed:
            self.runtime.emit(attachment, ServerMessage.CUSTOM, dumps([string]))
        if not self.runtime.runner.lifecycle.ended:
            return
        self.runtime.emit(attachment, ServerMessage.VIEW_STOP, "[]")
        redirect, self.missed_redirect = self.missed_redirect, None
        if redirect is not None:
            self.runtime.emit(attachment, redirect_kind(redirect), dumps([redirect.url]))

    def detach(self, attachment: Attachment) -> None:
        """A window left (core loop).  Without windows a non-daemon view stops."""
        with self.runtime.document.lock:
            self._forget_attachment(attachment)
        self.stop_if_unwatched()

    def _forget_attachment(self, attachment: Attachment) -> None:
        attachment.detached = True
        if attachment.expiry is not None:
            attachment.expiry.cancel()
            attachment.expiry = None
        self.runtime.attachments = tuple(a for a in self.runtime.attachments if a is not attachment)
        windows = attachment.connection.windows
        if windows.get(attachment.window_id) is attachment:
            del windows[attachment.window_id]

    # resuming ###############################################################

    def suspend(self, attachment: Attachment) -> None:
        """The window's socket is gone, not the window (core loop): keep it for
        ``RESUME_TIMEOUT`` seconds, while its messages are kept for it."""
        timeout = float(self.runtime.server.settings.RESUME_TIMEOUT or 0)
        if (
            timeout <= 0
            or self.runtime.crashed
            or self.runtime.stop_reason is not None
            or attachment.detached
        ):
            self.detach(attachment)
            return
        attachment.expiry = self.runtime.server.loop.call_later(timeout, self._expire, attachment)

    def _expire(self, attachment: Attachment) -> None:
        """The window did not come back in time (core loop)."""
        attachment.expiry = None
        if attachment.suspended:
            self.detach(attachment)

    def attachment_of(self, page_id: str | None, window_id: int) -> Attachment | None:
        """The attachment of that page's window, connected or suspended."""
        if page_id is None:
            return None
        for attachment in self.runtime.attachments:
            if attachment.window_id == window_id and attachment.page_id == page_id:
                return attachment
        return None

    def resume(self, attachment: Attachment, connection: Connection, received: int) -> None:
        """The window comes back on ``connection`` (core loop): RESUMED, then every
        message after ``received`` (or, when they are not all kept, the whole state),
        then whatever comes next."""
        with self.runtime.document.lock:
            previous = attachment.connection
            if previous.windows.get(attachment.window_id) is attachment:
                del previous.windows[attachment.window_id]  # a half-open socket's
            if attachment.expiry is not None:
                attachment.expiry.cancel()
                attachment.expiry = None
            attachment.connection = connection
            connection.windows[attachment.window_id] = attachment
            replay = attachment.replay_after(received)
            next_seq = received + 1 if replay is not None else attachment.seq + 1
            connection.send_message(
                ServerMessage.RESUMED,
                attachment.window_id,
                self.runtime.id,
                None,
                attachment.last_event_id,
                next_seq,
            )
            if replay is not None:
                for text in replay:
                    connection.send(text)
                return
            self._send_state(attachment)  # a reset: the window renders it afresh
            if self.runtime.runner.lifecycle.ended:
                self.runtime.emit(attachment, ServerMessage.VIEW_STOP, "[]")

    def _keeps_running(self) -> bool:
        if self.runtime.attachments or self.awaiting_window:
            return True
        if not self.runtime.is_daemon or self.runtime.stop_reason is not None:
            return False
        if self.runtime.handle_request_running:
            return True
        return not self._stop_daemon_when_finished()

    @property
    def awaiting_window(self) -> bool:
        """Started by a page load, and the page's websocket has not come yet."""
        return self._window_timer is not None

    def await_window(self, timeout: float) -> None:
        """Wait for the page's websocket, at most ``timeout`` seconds (core loop)."""
        self._window_timer = self.runtime.server.loop.call_later(timeout, self.window_timeout)
        self.runtime.server.registry.page_load_changed(self.runtime)

    def _stop_awaiting_window(self) -> None:
        # the timer holds this runtime, its tree and its request: let go of it now
        if self._window_timer is not None:
            self._window_timer.cancel()
            self._window_timer = None
            self.runtime.server.registry.page_load_changed(self.runtime)

    def accepts_windows(self) -> bool:
        """Whether another window may still attach (a running daemon)."""
        if self.runtime.stop_reason is not None or self.runtime.crashed:
            return False
        return self.runtime.handle_request_running or not self._stop_daemon_when_finished()

    def _stop_daemon_when_finished(self) -> bool:
        flag = self.runtime.view_class.STOP_DAEMON_WHEN_VIEW_FINISHES
        if flag is None:
            flag = self.runtime.server.settings.STOP_DAEMON_WHEN_VIEW_FINISHES
        return bool(flag)

    def daemon_changed(self) -> None:
        self.runtime.server.registry.daemon_changed(self.runtime)
        if not self.runtime.is_daemon:
            self.stop_if_unwatched()

    def stop_if_unwatched(self) -> None:
        if not self._keeps_running():
            self.runtime.stop(UserAbort())
            self.runtime.request_cleanup()

    def window_timeout(self) -> None:
        """A page-load view's websocket did not come in time (core loop)."""
        if self.awaiting_window:
            self._stop_awaiting_window()
            self.stop_if_unwatched()

    def close(self) -> None:
        with self.runtime.document.lock:
            for attachment in self.runtime.attachments:
                self._forget_attachment(attachment)
