"""What a connection uses of the server that hosts it, and of the windows it carries.

The websocket layer sits below the server: it never imports it.  A
``Connection`` is handed an object of the shape ``ConnectionHost[Connection]``
(``Server`` is one, structurally) and keeps the views of its windows as
``WindowAttachment`` objects (``lona.runtime.attachments.Attachment`` is one).
"""

from __future__ import annotations

from typing import Protocol, Self, TypeVar

from lona.concurrency.loop import CoreLoop
from lona.settings import Settings
from lona.ws.messages import EventMessage, ResumeMessage, ViewMessage

__all__ = ["ConnectionHost", "PageTokenCheck", "WindowAttachment", "WindowRuntime"]

# what the host is handed back (a Connection), what a runtime is handed (its
# attachment): type parameters, so that this module imports neither
C_contra = TypeVar("C_contra", contravariant=True)
A_contra = TypeVar("A_contra", contravariant=True)


class PageTokenCheck(Protocol):
    def valid(self, session_key: str, token: object) -> bool:
        """Whether ``token`` is a page token this server issued for the session."""
        ...


class ConnectionHost(Protocol[C_contra]):
    """The server side of a connection: its settings, its loop, the views it starts."""

    @property
    def settings(self) -> Settings: ...

    @property
    def core_loop(self) -> CoreLoop: ...

    @property
    def instance_id(self) -> str: ...

    @property
    def page_tokens(self) -> PageTokenCheck: ...

    def start_view(self, connection: C_contra, message: ViewMessage) -> None: ...

    def resume_view(self, connection: C_contra, message: ResumeMessage) -> None: ...

    def handle_custom_message(self, connection: C_contra, text: str) -> None:
        """Text that is no protocol message (core loop)."""
        ...

    def connection_closed(self, connection: C_contra) -> None: ...


class WindowRuntime(Protocol[A_contra]):
    """The view running in a window, as its connection drives it."""

    @property
    def id(self) -> str: ...

    @property
    def crashed(self) -> bool: ...

    def enqueue_event(self, attachment: A_contra, message: EventMessage) -> None: ...

    def client_error(self, message: str) -> None: ...

    def detach(self, attachment: A_contra) -> None: ...

    def suspend(self, attachment: A_contra) -> None: ...


class WindowAttachment(Protocol):
    """One window of a connection showing one view."""

    last_event_id: int  # the last input event the server took from the window

    @property
    def runtime(self) -> WindowRuntime[Self]: ...

    def confirm(self, seq: int) -> None: ...
