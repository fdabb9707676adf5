"""A view's channel subscriptions (``View.subscribe``) and view events.

A view's handlers run in the view's own event queue, one at a time with its
input events.  After each handled message the view's changes are flushed
(``implicit_show``); a crashing handler shows the 500 view and is
unsubscribed; every subscription ends when the view is cleaned up.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, cast

from lona.channels.channel import Channel, Message
from lona.concurrency.calling import ThreadPlace, decide
from lona.runtime.parts import RuntimeCore
from lona.view import VIEW_EVENTS_DEPRECATED, View, ViewEvent

if TYPE_CHECKING:
    from lona.runtime.input_events import EventDispatcher

__all__ = [
    "SubscriptionsOwner",
    "ViewEvent",
    "ViewSubscriptions",
    "fire_view_event",
    "send_view_event",
]


class SubscriptionsOwner(RuntimeCore, Protocol):
    """What the subscriptions use of their runtime (``ViewRuntime`` is one)."""

    @property
    def events(self) -> EventDispatcher: ...

    def view_handles_view_events(self) -> bool: ...


class ViewSubscriptions:
    __slots__ = ("channels", "runtime")

    def __init__(self, runtime: SubscriptionsOwner) -> None:
        self.runtime = runtime
        self.channels: list[Channel] = []

    def subscribe(
        self, topic: str, handler: Callable[[Message], Any], implicit_show: bool = True
    ) -> Channel:
        runtime = self.runtime
        # Channel is typed with the concrete Server; the runtime knows only its host
        channel = Channel(topic, server=cast("Any", runtime.server))

        def dispatch(message: Message) -> None:
            runtime.events.enqueue_job(self._job(channel, handler, message, implicit_show))

        channel.dispatch = dispatch  # the broker hands messages to the view's event queue
        channel.subscribe(handler)
        self.channels.append(channel)
        return channel

    def _job(
        self,
        channel: Channel,
        handler: Callable[[Message], Any],
        message: Message,
        implicit_show: bool,
    ) -> Callable[[], Any]:
        runtime = self.runtime

        def deliver() -> None:
            if runtime.crashed or not channel.subscribed:
                return
            if message.drop_if_due(runtime.server.channels.stopping):
                return
            try:
                ThreadPlace(runtime.server.core_loop).run(decide(handler), message)
            except Exception as error:
                channel.unsubscribe()
                runtime.crash(error, f"the handler of channel {channel.topic!r}")
                return
            if implicit_show:
                runtime.flush()

        return deliver

    def unsubscribe_all(self) -> None:
        channels, self.channels = self.channels, []
        for channel in channels:
            channel.unsubscribe()

    def fire_view_event(
        self, name: str, data: dict[str, Any] | None, view_classes: list[type[View]]
    ) -> None:
        """``View.fire_view_event``: the view warned; its server's views get the event."""
        send_view_event(self.runtime.server, name, data, view_classes)


def fire_view_event(
    server: Any, name: str, data: dict[str, Any] | None = None, view_classes: Any = None
) -> None:
    """Send a view event to the running views of ``view_classes`` (all when None)."""
    warnings.warn(VIEW_EVENTS_DEPRECATED, DeprecationWarning, stacklevel=3)
    send_view_event(server, name, data, view_classes)


def send_view_event(
    server: Any, name: str, data: dict[str, Any] | None = None, view_classes: Any = None
) -> None:
    """``fire_view_event`` without the deprecation warning (the caller gave it)."""
    if data is not None and not isinstance(data, dict):
        raise TypeError("view event data must be a dict")
    if view_classes is not None and not isinstance(view_classes, (list, tuple)):
        view_classes = [view_classes]
    event = ViewEvent(name, dict(data or {}), list(view_classes or []))
    for runtime in server.runtimes():
        if view_classes is not None and not issubclass(runtime.view_class, tuple(view_classes)):
            continue
        if not runtime.view_handles_view_events():
            continue
        runtime.events.enqueue_job(_view_event_job(runtime, event))


def _view_event_job(runtime: SubscriptionsOwner, event: ViewEvent) -> Callable[[], None]:
    def handle() -> None:
        if runtime.crashed or (runtime.stop_reason is not None and not runtime.attachments):
            return
        try:
            result = runtime.view.on_view_event(event)
        except Exception as error:
            runtime.crash(error, "on_view_event")
            return
        from lona.runtime.responses import redirect_from

        redirect = redirect_from(result) if result else None
        if redirect is not None:
            runtime.send_redirect(redirect)
        runtime.flush()

    return handle
