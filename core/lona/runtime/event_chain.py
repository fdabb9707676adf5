"""An input event's handler chain, as Lona documents it.

``View.handle_input_event_root``, then the handlers of the event's node and
each ancestor (innermost first), then a pending ``await_*`` (``deliver``),
then ``View.handle_input_event``.  A step returning the input event passes it
on; None stops the chain; a redirect response stops it and navigates.  A
``@background`` handler ends the chain: it runs beside the view's queue.

Each handler's place (loop or pool) is decided here, once, when the chain is
built (``lona.concurrency.calling``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from lona.background import is_background
from lona.concurrency.calling import Call, Where, decide, inline, where_to_run
from lona.html.children import ParentNode
from lona.html.events import BadEventData
from lona.html.node import Node
from lona.input_event import InputEvent, event_name
from lona.protocol import ErrorCode
from lona.responses import AnyRedirect
from lona.runtime.event_data import check_event_data
from lona.view import View
from lona.ws.messages import EventMessage, ProtocolError

if TYPE_CHECKING:
    from lona.html.document import Document
    from lona.request import Request
    from lona.runtime.attachments import Attachment

__all__ = ["EventChain", "EventOutcome", "build_event", "chain_for", "record_end"]

Step = Callable[[InputEvent], Any]


class EventOutcome:
    __slots__ = ("background", "delivered", "error", "redirect")

    def __init__(self) -> None:
        self.delivered = False
        self.redirect: AnyRedirect | None = None
        self.error: BaseException | None = None
        self.background: Call | None = None  # a @background handler that ends the chain


@dataclass(frozen=True, slots=True)
class EventChain:
    calls: list[Call]
    background: Call | None  # runs beside the queue when the chain reaches it

    def where(self) -> Where:
        """Where the chain runs; a background handler runs elsewhere anyway."""
        return where_to_run(self.calls)

    def handler_names(self) -> list[str]:
        """``Report.export``: the handlers, for the log (without ``<locals>`` paths)."""
        user = [call for call in self.calls if call.where is not Where.INLINE]
        if self.background is not None:
            user.append(self.background)
        return [call.name.rsplit("<locals>.", 1)[-1] for call in user]


def node_handler(node: ParentNode, name: str) -> Step | None:
    """What handles ``name`` events of ``node``: its own handler, or None.

    The node's ``handle_input_event`` dispatches to ``handle_<name>``; calling
    that handler directly saves a step, and lets ``@background`` and coroutine
    handlers be seen for what they are.
    """
    cls = type(node)
    own = node.__dict__
    if cls.handle_input_event is not Node.handle_input_event or (
        own and "handle_input_event" in own
    ):
        return node.handle_input_event
    attribute = f"handle_{name}"
    if own and attribute in own:
        handler: Step = own[attribute]
        return handler
    method = getattr(cls, attribute, None)
    if method is not None and method is not getattr(Node, attribute, None):
        bound: Step = getattr(node, attribute)
        return bound
    return None


def _overrides(view: View, name: str) -> bool:
    return getattr(type(view), name) is not getattr(View, name) or name in view.__dict__


def chain_for(view: View, event: InputEvent, deliver: Step) -> EventChain:
    """The chain for ``event``; ``deliver`` hands it to a pending ``await_*``."""
    steps: list[Step] = []
    if _overrides(view, "handle_input_event_root"):
        steps.append(view.handle_input_event_root)
    for node in event.nodes:
        handler = node_handler(node, event.name)
        if handler is not None:
            steps.append(handler)
    calls = [decide(step) for step in steps]
    calls.append(inline(deliver))
    if _overrides(view, "handle_input_event"):
        calls.append(decide(view.handle_input_event))
    for index, call in enumerate(calls):
        if is_background(call.function):
            return EventChain(calls[:index], call)
    return EventChain(calls, None)


def record_end(result: Any, outcome: EventOutcome) -> None:
    """A chain ended with ``result`` (not an input event): a redirect to follow,
    nothing, or a mistake in the app."""
    if not result:
        return
    from lona.runtime.responses import redirect_from

    redirect = redirect_from(result)
    if redirect is None:
        raise RuntimeError(
            f"an input event handler returned {result!r}; return the input event, None, "
            "or a RedirectResponse/HttpRedirectResponse"
        )
    outcome.redirect = redirect


def build_event(
    attachment: Attachment, message: EventMessage, document: Document, request: Request
) -> InputEvent:
    """The InputEvent of a message; ProtocolError when it does not fit the view."""
    node: Node | None = None
    if message.node_id is not None:
        found = document.get_node(message.node_id)
        if not isinstance(found, ParentNode):  # an element, or a legacy widget
            raise _refusal(
                message,
                ErrorCode.UNKNOWN_NODE,
                f"node {message.node_id} is not part of this view (it may have just been removed)",
            )
        # a legacy widget is the node only of custom events its frontend
        # widget fires; InputEvent types the common case
        node = cast("Node", found)
    target = document.get_node(message.target_id) if message.target_id is not None else None
    name = event_name(message.event_type)
    try:
        data = check_event_data(name, message.event_type, message.data, node, target)
    except BadEventData as error:
        raise _refusal(message, ErrorCode.BAD_EVENT, f"{name} event refused: {error}") from None
    return InputEvent(
        event_type=message.event_type,
        data=data,
        node=node,
        target_node=target or node,
        event_id=message.event_id,
        connection=attachment.connection,
        window_id=message.window_id,
        request=request,
        document=document,
        payload=[
            message.event_id,
            message.event_type,
            message.data,
            message.node_id,
            message.target_id,
        ],
        node_info=message.node_info,
        issuer=attachment,
    )


def _refusal(message: EventMessage, code: ErrorCode, text: str) -> ProtocolError:
    return ProtocolError(code, text, message.window_id, message.view_id, message.event_id)


def stopped_refusal(message: EventMessage) -> ProtocolError:
    """The answer to an event for a view that has stopped."""
    return _refusal(message, ErrorCode.VIEW_STOPPED, "this view has stopped; reload the page")
