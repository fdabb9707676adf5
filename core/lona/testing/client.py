"""A protocol-level client: speaks the wire protocol like the browser client.

It keeps a ``MirrorDocument`` per window, so a test reads what a user would
see (``window.text()``) and acts on nodes by their HTML id or text.  It runs
over any ``ClientTransport``: the in-memory pair (no network) or a real
websocket.

Like the browser client it confirms what it received with every event, keeps
its events until they are answered, and can resume a window on a new socket
(``resume``): ``close()`` is a tab that closes (LEAVE first), ``drop()`` a
network that fails.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from typing import Any, Protocol

from lona.protocol import PROTOCOL_VERSION, ClientMessage, EventType, ServerMessage
from lona.testing.mirror import MirrorDocument, MirrorElement

__all__ = ["ClientTransport", "Closed", "ProtocolClient", "Window"]


class Closed(Exception):
    """The server closed the connection."""

    def __init__(self, code: int | None, reason: str = "") -> None:
        super().__init__(f"connection closed ({code}) {reason}")
        self.code = code
        self.reason = reason


class ClientTransport(Protocol):
    def send(self, text: str) -> None: ...

    def receive(self, timeout: float) -> str:
        """The next text frame; raises TimeoutError, or Closed when the socket ends."""
        ...

    def close(self) -> None: ...


class Window:
    """One browser window as the protocol client tracks it."""

    def __init__(self, client: ProtocolClient, window_id: int) -> None:
        self.client = client
        self.id = window_id
        self.view_id: str | None = None
        self.attach_token: str | None = None
        self.url: str | None = None
        self.document = MirrorDocument()
        self.title: str | None = None
        self.stopped = False
        self.redirects: list[tuple[str, str]] = []
        self.errors: list[tuple[int, str, int | None]] = []
        self.custom: list[str] = []
        self.acked: set[int] = set()
        self.received = 0  # the last numbered message of the view
        self.unanswered: dict[int, list[Any]] = {}  # events sent, not answered yet
        self.resumed: tuple[int, int] | None = None  # (last event id, next seq) of RESUMED
        self._next_event_id = 1

    # reading ################################################################

    def text(self) -> str:
        return self.document.text()

    def element(self, **attribute: str) -> MirrorElement:
        return self.document.element(**attribute)

    def by_text(self, text: str, tag: str | None = None) -> MirrorElement:
        if not isinstance(self.document.root, MirrorElement):
            raise LookupError("no tree shown")
        for node in self.document.root.iter():
            if (
                isinstance(node, MirrorElement)
                and node.get_text() == text
                and (tag is None or node.tag == tag)
            ):
                return node
        raise LookupError(f"no element with text {text!r}")

    # acting #################################################################

    def send_event(
        self,
        event_type: int | str,
        node: MirrorElement | int | None,
        data: Any = None,
        target: MirrorElement | int | None = None,
        wait: bool = True,
        timeout: float = 10,
    ) -> int:
        node_id = node.id if isinstance(node, MirrorElement) else node
        target_id = target.id if isinstance(target, MirrorElement) else target
        event_id = self._next_event_id
        self._next_event_id += 1
        message = [
            ClientMessage.EVENT,
            self.id,
            self.view_id,
            event_id,
            int(event_type) if isinstance(event_type, EventType) else event_type,
            data,
            node_id,
            target_id if target_id is not None else node_id,
            None,
        ]
        self.unanswered[event_id] = message
        self.client.send([*message, self.received])
        if wait:
            self.client.wait(
                lambda: event_id in self.acked or self._error_for(event_id),
                timeout,
                f"acknowledgement of event {event_id}",
            )
        return event_id

    def _error_for(self, event_id: int) -> bool:
        return any(error[2] == event_id for error in self.errors)

    def answered(self, event_id: int) -> None:
        self.acked.add(event_id)
        self.unanswered.pop(event_id, None)

    def confirm(self) -> None:
        """Tell the server every message received so far arrived (RECEIVED)."""
        self.client.send([ClientMessage.RECEIVED, self.id, self.view_id, self.received])

    def send_unanswered(self, after: int) -> None:
        """Send again the unanswered events the server did not take (id > ``after``)."""
        for event_id, message in list(self.unanswered.items()):
            if event_id > after:
                self.client.send([*message, self.received])

    def click(self, node: MirrorElement | int, wait: bool = True, **data: Any) -> int:
        payload = {
            "alt_key": False,
            "shift_key": False,
            "meta_key": False,
            "ctrl_key": False,
            "node_width": 0,
            "node_height": 0,
            "x": 0,
            "y": 0,
            **data,
        }
        return self.send_event(EventType.CLICK, node, payload, wait=wait)

    def change(self, node: MirrorElement | int, value: Any, wait: bool = True) -> int:
        return self.send_event(EventType.CHANGE, node, value, wait=wait)

    def wait_for_text(self, text: str, timeout: float = 10) -> None:
        self.client.wait(lambda: text in self.text(), timeout, f"text {text!r} in window")

    def wait_until(
        self, predicate: Callable[[], bool], timeout: float = 10, what: str = "condition"
    ) -> None:
        self.client.wait(predicate, timeout, what)


class ProtocolClient:
    def __init__(
        self,
        transport: ClientTransport,
        page_token: str | None = None,
        page_id: str | None = None,
    ) -> None:
        self.transport = transport
        self.page_token = page_token  # from the page this client pretends to run in
        # the page's own id: a socket of the same page may resume its windows
        self.page_id = page_id or secrets.token_hex(8)
        self.page_view_token: str | None = None  # the view that page load started
        self.windows: dict[int, Window] = {}
        self.errors: list[tuple[int, str]] = []
        self.welcome: dict[str, Any] | None = None
        self.pongs = 0
        self.pings = 0  # every PING sent, also inside raw text, so PONGs pair up
        self.closed: Closed | None = None
        self.log: list[Any] = []

    # plumbing ###############################################################

    def send(self, message: Any) -> None:
        text = message if isinstance(message, str) else json.dumps(message)
        if _is_ping(text):
            self.pings += 1
        self.transport.send(text)

    def hello(self, timeout: float = 10) -> None:
        options: dict[str, Any] = {"page_id": self.page_id}
        if self.page_token is not None:
            options["page_token"] = self.page_token
        self.send([ClientMessage.HELLO, PROTOCOL_VERSION, options])
        self.wait(lambda: self.welcome is not None, timeout, "WELCOME")

    def open(
        self,
        url: str,
        window_id: int = 1,
        post: dict[str, Any] | None = None,
        wait_for: str | None = None,
        timeout: float = 10,
        attach_token: str | None = None,
    ) -> Window:
        """Run ``url`` in a window (or re-attach by token); waits for VIEW_START,
        a redirect, or a refusal."""
        window = self.windows.get(window_id) or Window(self, window_id)
        self.windows[window_id] = window
        previous = window.view_id
        redirects = len(window.redirects)
        errors = len(window.errors)
        window.view_id = None
        self.send([ClientMessage.VIEW, window_id, url, post, attach_token])
        self.wait(
            lambda: (
                (window.view_id is not None and window.view_id != previous)
                or len(window.redirects) > redirects
                or len(window.errors) > errors
            ),
            timeout,
            f"VIEW_START for {url}",
        )
        if wait_for is not None:
            window.wait_for_text(wait_for, timeout)
        return window

    def resume(self, window: Window, timeout: float = 10) -> Window:
        """Take over ``window`` of an earlier socket of this page and resume its
        view (RESUME); waits for RESUMED, or for VIEW_START when the view could not
        be resumed and the window's URL started afresh."""
        assert window.view_id is not None and window.url is not None
        window.client = self
        self.windows[window.id] = window
        previous = window.view_id
        window.resumed = None
        self.send(
            [
                ClientMessage.RESUME,
                window.id,
                window.view_id,
                window.attach_token,
                window.received,
                window.url,
            ]
        )
        self.wait(
            lambda: window.resumed is not None or window.view_id != previous,
            timeout,
            "RESUMED or VIEW_START",
        )
        return window

    def ping(self, timeout: float = 10) -> None:
        """Send PING and wait until every PING sent so far got its PONG."""
        self.send([ClientMessage.PING])
        self.wait(lambda: self.pongs >= self.pings, timeout, "PONG")

    def wait(
        self, predicate: Callable[[], bool], timeout: float = 10, what: str = "condition"
    ) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"timed out waiting for {what}")
            if self.closed is not None:
                raise self.closed
            try:
                text = self.transport.receive(remaining)
            except Closed as closed:
                self.closed = closed
                if predicate():
                    return
                raise
            self.handle(text)

    def receive_one(self, timeout: float = 10) -> Any:
        text = self.transport.receive(timeout)
        self.handle(text)
        return self.log[-1]

    def close(self) -> None:
        """The tab closes: its windows leave (their views stop), then the socket."""
        if self.closed is None:
            for window in self.windows.values():
                if window.view_id is not None:
                    try:
                        self.send([ClientMessage.LEAVE, window.id])
                    except (OSError, Closed):
                        break
        self.transport.close()

    def drop(self) -> None:
        """The network fails: the socket ends, the windows do not (they may resume)."""
        self.transport.close()

    # incoming ###############################################################

    def handle(self, text: str) -> None:
        message = json.loads(text)
        self.log.append(message)
        kind = message[0]
        if kind == ServerMessage.WELCOME:
            self.welcome = message[2]
            return
        if kind == ServerMessage.PONG:
            self.pongs += 1
            return
        window_id, view_id, seq = message[1], message[2], message[3]
        window = self.windows.get(window_id) if window_id is not None else None
        if kind == ServerMessage.ERROR:
            _, _, _, _, code, error_text, *rest = message
            if window is not None:
                window.errors.append((code, error_text, rest[0] if rest else None))
                if rest and rest[0] is not None and view_id == window.view_id:
                    window.unanswered.pop(rest[0], None)  # refused: answered all the same
            else:
                self.errors.append((code, error_text))
            if window is not None and seq is not None and view_id == window.view_id:
                window.received = max(window.received, seq)
            return
        if window is None:
            return
        if kind == ServerMessage.VIEW_START:
            window.view_id = view_id
            window.received = seq
            window.url = message[4]
            window.attach_token = message[5] if len(message) > 5 else None
            window.document = MirrorDocument()
            window.stopped = False
            window.unanswered = {}
            window._next_event_id = 1
            return
        if kind == ServerMessage.RESUMED:
            if view_id == window.view_id:
                last_event_id, next_seq = message[4], message[5]
                window.received = next_seq - 1  # a reset when not the one after ours
                window.resumed = (last_event_id, next_seq)
                window.send_unanswered(after=last_event_id)
            return
        if view_id is not None and view_id != window.view_id:
            return  # a late message of the view that ran here before
        if seq is not None:
            if seq <= window.received:
                return  # sent again on a resume: applied already
            window.received = seq
        self._apply(window, kind, message)

    @staticmethod
    def _apply(window: Window, kind: int, message: list[Any]) -> None:
        if kind == ServerMessage.TREE:
            window.document.set_tree(message[4])
            window.title = message[5] if message[5] is not None else window.title
        elif kind == ServerMessage.PATCH:
            window.document.apply(message[4])
            if len(message) > 5:
                window.answered(message[5])
        elif kind == ServerMessage.HTML:
            window.document.set_html(message[4])
            window.title = message[5] if message[5] is not None else window.title
        elif kind == ServerMessage.ACK:
            window.answered(message[4])
        elif kind in (ServerMessage.REDIRECT, ServerMessage.HTTP_REDIRECT):
            window.redirects.append(
                ("http" if kind == ServerMessage.HTTP_REDIRECT else "view", message[4])
            )
        elif kind == ServerMessage.VIEW_STOP:
            window.stopped = True
        elif kind == ServerMessage.TITLE:
            window.title = message[4]
        elif kind == ServerMessage.CUSTOM:
            window.custom.append(message[4])


def _is_ping(text: str) -> bool:
    if not text.startswith("[4"):
        return False
    try:
        return bool(json.loads(text) == [ClientMessage.PING])
    except (ValueError, RecursionError):
        return False
