"""``View``: the class applications subclass.

A view is sync (``def handle_request``, as in Lona) or async
(``async def handle_request``).  The waiting methods adapt to where they are
called: in a sync view they block the view's own thread; on the event loop
(an async view) they return an awaitable, so ``await self.await_click()``
and ``await self.sleep(1)`` park the view without holding any thread.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Awaitable

    from jinja2 import Template

    from lona.channels.channel import Channel, Message
    from lona.html.node import Node
    from lona.input_event import InputEvent
    from lona.request import Request
    from lona.routing import Route
    from lona.settings import Settings
    from lona.state import State
    from lona.static_files import StaticFile
    from lona.ws.connection import Connection

__all__ = ["View", "ViewEvent", "ViewServer"]

T = TypeVar("T")

VIEW_EVENTS_DEPRECATED = "view events are deprecated; use lona.Channel"


class ViewServer(Protocol):
    """``View.server`` and ``request.server``: Lona's public server API, as views
    use it (``lona.server_api`` implements it; a view never sees more)."""

    @property
    def settings(self) -> Settings: ...

    @property
    def state(self) -> State: ...

    @property
    def loop(self) -> asyncio.AbstractEventLoop: ...

    def get_template(self, template_name: str) -> Template: ...

    def render_string(
        self, template_string: str, template_context: dict[str, Any] | None = None
    ) -> str: ...

    def render_template(
        self, template_name: str, template_context: dict[str, Any] | None = None
    ) -> str: ...

    def resolve_path(self, path: str) -> str: ...

    def acquire(self, import_string: str, ignore_import_cache: bool = False) -> Any: ...

    def reverse(self, route_name: str, *args: Any, **kwargs: Any) -> str: ...

    def get_view_class(
        self,
        route_name: str | None = None,
        route: Route | None = None,
        import_string: str | None = None,
        url: str | None = None,
    ) -> type[View] | None: ...

    def get_views(
        self,
        route_name: str | None = None,
        route: Route | None = None,
        import_string: str | None = None,
        url: str | None = None,
        user: Any = None,
    ) -> list[View]: ...

    def fire_view_event(
        self, name: str, data: dict[str, Any] | None = None, view_classes: Any = None
    ) -> None: ...

    def get_running_views_count(self, user: Any) -> int: ...

    def view_is_already_running(self, request: Request) -> bool: ...

    def get_connection_count(self, user: Any) -> int: ...

    def get_connected_user_count(self) -> int: ...

    def run_coroutine_sync(self, coroutine: Awaitable[T], wait: bool | None = True) -> Any: ...

    def run_function_async(
        self, function: Callable[..., T], *args: Any, executor_name: str = "worker", **kwargs: Any
    ) -> asyncio.Future[T]: ...


class ViewSubscriptionsSide(Protocol):
    def subscribe(
        self, topic: str, handler: Callable[[Message], Any], implicit_show: bool
    ) -> Channel: ...

    def unsubscribe_all(self) -> None: ...

    def fire_view_event(
        self, name: str, data: dict[str, Any] | None, view_classes: list[type[View]]
    ) -> None: ...


class ViewRuntimeSide(Protocol):
    """What a view asks of the runtime that runs it (``lona.runtime``)."""

    @property
    def is_daemon(self) -> bool: ...

    @property
    def subscriptions(self) -> ViewSubscriptionsSide: ...

    def show(
        self,
        html: Any = None,
        template: str | None = None,
        template_string: str | None = None,
        title: str | None = None,
        template_context: dict[str, Any] | None = None,
    ) -> None: ...

    def set_title(self, title: str) -> None: ...

    def await_event(self, kind: str, nodes: tuple[Any, ...], html: Any) -> Any: ...

    def sleep(self, delay: float, result: Any) -> Any: ...

    def await_sync(self, awaitable: Any) -> Any: ...

    def raise_if_stopped(self) -> None: ...

    def send_str(
        self, string: str, broadcast: bool, filter_connections: Callable[[Connection], bool]
    ) -> None: ...

    def set_daemon(self, value: bool) -> None: ...


@dataclass
class ViewEvent:
    """A view event (deprecated since Lona 1.14: use channels)."""

    name: str
    data: dict[str, Any] = field(default_factory=dict)
    view_classes: list[type] = field(default_factory=list)


class View:
    STATIC_FILES: ClassVar[list[StaticFile]] = []
    STOP_DAEMON_WHEN_VIEW_FINISHES: ClassVar[bool | None] = None

    def __init__(self, server: ViewServer, view_runtime: ViewRuntimeSide, request: Request) -> None:
        self.server = server
        self._view_runtime = view_runtime
        self.request = request

    # hooks ##################################################################

    def handle_request(self, request: Request) -> Any:
        """What the page shows: a node tree, an HTML string, a response
        (``TemplateResponse``, ``RedirectResponse`` ...) or None (what
        ``show()`` showed).  It may run as long as it likes (loops with
        ``sleep()``, ``await_click()``); ``async def`` works too."""
        return None

    def handle_input_event_root(self, input_event: InputEvent) -> Any:
        """Sees every input event of the view first; return it to go on, None to stop."""
        return input_event

    def handle_input_event(self, input_event: InputEvent) -> Any:
        """Gets the input events no node's handler (``handle_click=`` ...) took."""
        return input_event

    def on_view_event(self, view_event: ViewEvent) -> Any:
        """Deprecated since Lona 1.14 (use channels); gets ``fire_view_event`` events."""
        return None

    # hooks may be coroutine functions in async views, hence ``Any``
    def on_stop(self, reason: BaseException | None) -> Any:
        """Once, when the view stops: ``UserAbort`` (its tab closed),
        ``ServerStop`` (the server shuts down), the exception that ended it, or
        None (``handle_request`` returned)."""

    def on_cleanup(self) -> Any:
        """Once, after ``on_stop``, when the server forgets the view."""

    # showing ################################################################

    def show(
        self,
        html: Node | str | None = None,
        template: str | None = None,
        template_string: str | None = None,
        title: str | None = None,
        template_context: dict[str, Any] | None = None,
    ) -> None:
        """Send ``html`` to the browser; the same tree again sends only its changes."""
        self._view_runtime.show(html, template, template_string, title, template_context)

    def set_title(self, title: str) -> None:
        """The page's title (also in an embedding host's layout, ``lona.layout``)."""
        self._view_runtime.set_title(title)

    # waiting ################################################################

    def await_input_event(self, *nodes: Any, html: Node | None = None) -> Any:
        """Wait for the next input event of ``nodes`` (any node without them),
        after showing ``html``; returns the ``InputEvent`` (await it in async views)."""
        return self._view_runtime.await_event("event", nodes, html)

    def await_click(self, *nodes: Any, html: Node | None = None) -> Any:
        """``await_input_event`` for clicks only."""
        return self._view_runtime.await_event("click", nodes, html)

    def await_change(self, *nodes: Any, html: Node | None = None) -> Any:
        """``await_input_event`` for changes only."""
        return self._view_runtime.await_event("change", nodes, html)

    def await_focus(self, *nodes: Any, html: Node | None = None) -> Any:
        """``await_input_event`` for focus events only."""
        return self._view_runtime.await_event("focus", nodes, html)

    def await_blur(self, *nodes: Any, html: Node | None = None) -> Any:
        """``await_input_event`` for blur events only."""
        return self._view_runtime.await_event("blur", nodes, html)

    def sleep(self, delay: float, result: Any = None) -> Any:
        """Like ``asyncio.sleep``, but ends at once with UserAbort/ServerStop."""
        return self._view_runtime.sleep(delay, result)

    def await_sync(self, awaitable: Any) -> Any:
        """Run a coroutine on the server's loop and return its result."""
        return self._view_runtime.await_sync(awaitable)

    def ping(self) -> str:
        self._view_runtime.raise_if_stopped()
        return "pong"

    # sending ################################################################

    def send_str(
        self,
        string: str,
        broadcast: bool = False,
        filter_connections: Callable[[Connection], bool] = lambda connection: True,
        wait: bool = True,
    ) -> None:
        """Send a custom message to this view's browsers (or every browser)."""
        self._view_runtime.send_str(string, broadcast, filter_connections)

    # channels ###############################################################

    def subscribe(
        self, topic: str, handler: Callable[[Message], Any], implicit_show: bool = True
    ) -> Channel:
        """Receive channel messages in this view, in turn with its input events.

        After each message the view's changes are shown (``implicit_show``);
        a crashing handler shows the 500 view and is unsubscribed; all
        subscriptions end when the view is cleaned up.
        """
        return self._view_runtime.subscriptions.subscribe(topic, handler, implicit_show)

    def unsubscribe_from_all_channels(self) -> None:
        """End every subscription of this view."""
        self._view_runtime.subscriptions.unsubscribe_all()

    def fire_view_event(self, name: str, data: dict[str, Any] | None = None) -> None:
        """Deprecated: send a view event to every running view of this class."""
        warnings.warn(VIEW_EVENTS_DEPRECATED, DeprecationWarning, stacklevel=2)
        self._view_runtime.subscriptions.fire_view_event(name, data, [type(self)])

    # daemons ################################################################

    @property
    def is_daemon(self) -> bool:
        """True: the view survives its tab; reloads and other tabs of the same
        user re-attach to it (``STOP_DAEMON_WHEN_VIEW_FINISHES`` says whether it
        ends with ``handle_request``)."""
        return self._view_runtime.is_daemon

    @is_daemon.setter
    def is_daemon(self, value: bool) -> None:
        self._view_runtime.set_daemon(bool(value))

    def daemonize(self) -> None:
        warnings.warn(
            "View.daemonize() is deprecated; set View.is_daemon = True",
            DeprecationWarning,
            stacklevel=2,
        )
        self.is_daemon = True
