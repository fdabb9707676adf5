"""Input events: one view handles its events one at a time, in arrival order.

The chain, as Lona documents it: ``View.handle_input_event_root``, then the
handlers of the event's node and each ancestor (innermost first), then a
pending ``await_*``, then ``View.handle_input_event``.  A step returning None
stops the chain; a redirect response stops it and navigates.

Consecutive sync steps run in one trip to the thread pool, followed there by
the flush and the acknowledgement, so a plain click costs one thread hop.
Steps that are coroutine functions run on the core loop.  A view with no
pending events has no task and holds no thread.
"""

from __future__ import annotations

import inspect
import logging
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lona.html.events import BadEventData
from lona.html.node import Node
from lona.input_event import InputEvent, event_name
from lona.protocol import ErrorCode
from lona.responses import RedirectResponse
from lona.runtime.event_data import check_event_data
from lona.runtime.messages import EventMessage, ProtocolError
from lona.view import View

if TYPE_CHECKING:
    from lona.connection import Connection
    from lona.runtime.view_runtime import ViewRuntime

__all__ = ["EventDispatcher", "EventOutcome"]

logger = logging.getLogger("lona.events")

Step = Callable[[InputEvent], Any]
Job = Callable[[], Any]
_DELIVER = "deliver"  # marker for the internal await step

_NODE_HANDLER_NAMES = (
    "handle_input_event",
    "handle_click",
    "handle_change",
    "handle_focus",
    "handle_blur",
)


class EventOutcome:
    __slots__ = ("delivered", "error", "redirect")

    def __init__(self) -> None:
        self.delivered = False
        self.redirect: RedirectResponse | None = None
        self.error: BaseException | None = None


def _node_handles(node: Node, name: str) -> bool:
    cls = type(node)
    if cls.handle_input_event is not Node.handle_input_event:
        return True
    own = node.__dict__
    if own and any(key in own for key in ("handle_input_event", f"handle_{name}")):
        return True
    handler = getattr(cls, f"handle_{name}", None)
    return handler is not None and handler is not getattr(Node, f"handle_{name}", None)


def _overrides(view: View, name: str) -> bool:
    return getattr(type(view), name) is not getattr(View, name) or name in view.__dict__


def _is_async(step: Any) -> bool:
    return inspect.iscoroutinefunction(step) or inspect.iscoroutinefunction(
        getattr(step, "__call__", None)  # noqa: B004 (callable objects with async __call__)
    )


class EventDispatcher:
    def __init__(self, runtime: ViewRuntime) -> None:
        self.runtime = runtime
        # input events and jobs (channel messages, view events) share one queue,
        # so a view never runs two of its handlers at once
        self._queue: deque[tuple[Connection, EventMessage] | Job] = deque()
        self._running = False

    def enqueue(self, connection: Connection, message: EventMessage) -> None:
        """Called on the core loop."""
        self._put((connection, message))

    def enqueue_job(self, job: Job) -> None:
        """Run ``job`` (a callable, maybe a coroutine function) in turn (any thread)."""
        self.runtime.server.core_loop.call_soon(self._put, job)

    def _put(self, item: tuple[Connection, EventMessage] | Job) -> None:
        self._queue.append(item)
        if not self._running:
            self._running = True
            self.runtime.server.spawn(self._drain())

    async def _drain(self) -> None:
        try:
            while self._queue:
                item = self._queue.popleft()
                try:
                    if isinstance(item, tuple):
                        await self._handle(*item)
                    elif inspect.iscoroutinefunction(item):
                        await item()
                    else:
                        await self.runtime.run_sync(item)
                except Exception:
                    logger.exception("event handling failed in %r", self.runtime)
        finally:
            self._running = False

    # one event ##############################################################

    def _build(self, connection: Connection, message: EventMessage) -> InputEvent:
        runtime = self.runtime
        document = runtime.document
        node = None
        if message.node_id is not None:
            found = document.get_node(message.node_id)
            if not isinstance(found, Node):
                raise ProtocolError(
                    ErrorCode.UNKNOWN_NODE,
                    f"node {message.node_id} is not part of this view (it may have just been "
                    "removed)",
                    message.window_id,
                    message.view_id,
                    message.event_id,
                )
            node = found
        target = document.get_node(message.target_id) if message.target_id is not None else None
        name = event_name(message.event_type)
        try:
            data = check_event_data(name, message.event_type, message.data, node)
        except BadEventData as error:
            raise ProtocolError(
                ErrorCode.BAD_EVENT,
                f"{name} event refused: {error}",
                message.window_id,
                message.view_id,
                message.event_id,
            ) from None
        return InputEvent(
            event_type=message.event_type,
            data=data,
            node=node,
            target_node=target or node,
            event_id=message.event_id,
            connection=connection,
            window_id=message.window_id,
            request=runtime.request,
            document=document,
            payload=[
                message.event_id,
                message.event_type,
                message.data,
                message.node_id,
                message.target_id,
            ],
            node_info=message.node_info,
        )

    def _steps(self, event: InputEvent) -> list[Any]:
        view = self.runtime.view
        steps: list[Any] = []
        if _overrides(view, "handle_input_event_root"):
            steps.append(view.handle_input_event_root)
        for node in event.nodes:
            if _node_handles(node, event.name):
                steps.append(node.handle_input_event)
        steps.append(_DELIVER)
        if _overrides(view, "handle_input_event"):
            steps.append(view.handle_input_event)
        return steps

    async def _handle(self, connection: Connection, message: EventMessage) -> None:
        runtime = self.runtime
        if connection.is_closed:
            return
        if runtime.stop_reason is not None or runtime.crashed:
            connection.send_error(
                ProtocolError(
                    ErrorCode.VIEW_STOPPED,
                    "this view has stopped; reload the page",
                    message.window_id,
                    message.view_id,
                    message.event_id,
                )
            )
            return
        try:
            event = self._build(connection, message)
        except ProtocolError as error:
            connection.send_error(error)
            return
        steps = self._steps(event)
        if any(_is_async(step) for step in steps if step is not _DELIVER):
            outcome = await self._run_mixed(steps, event)
            await runtime.run_sync(runtime.finish_event, event, outcome)
        elif any(step is not _DELIVER for step in steps):
            await runtime.run_sync(self._run_sync_and_finish, steps, event)
        else:  # nothing but a possible await: no user code, no thread needed
            outcome = EventOutcome()
            self._run_steps(steps, event, outcome)
            runtime.finish_event(event, outcome)

    def _run_sync_and_finish(self, steps: list[Any], event: InputEvent) -> None:
        outcome = EventOutcome()
        self._run_steps(steps, event, outcome)
        self.runtime.finish_event(event, outcome)

    def _run_steps(self, steps: list[Any], event: InputEvent, outcome: EventOutcome) -> None:
        try:
            for step in steps:
                if step is _DELIVER:
                    if self.runtime.waiting.deliver(event):
                        outcome.delivered = True
                        return
                    continue
                result = step(event)
                if inspect.isawaitable(result):  # a sync callable that returned a coroutine
                    result = self.runtime.server.core_loop.run_sync(_await(result))
                if not self._continue(result, outcome):
                    return
                event = result
        except Exception as error:
            outcome.error = error

    async def _run_mixed(self, steps: list[Any], event: InputEvent) -> EventOutcome:
        outcome = EventOutcome()
        runtime = self.runtime
        try:
            for step in steps:
                if step is _DELIVER:
                    if runtime.waiting.deliver(event):
                        outcome.delivered = True
                        return outcome
                    continue
                if _is_async(step):
                    result = await step(event)
                else:
                    result = await runtime.run_sync(step, event)
                if not self._continue(result, outcome):
                    return outcome
                event = result
        except Exception as error:
            outcome.error = error
        return outcome

    @staticmethod
    def _continue(result: Any, outcome: EventOutcome) -> bool:
        if isinstance(result, InputEvent):
            return True
        if not result:
            return False
        from lona.runtime.responses import redirect_from

        redirect = redirect_from(result)
        if redirect is None:
            raise RuntimeError(
                f"an input event handler returned {result!r}; return the input event, None, "
                "or a RedirectResponse/HttpRedirectResponse"
            )
        outcome.redirect = redirect
        return False


async def _await(awaitable: Any) -> Any:
    return await awaitable
