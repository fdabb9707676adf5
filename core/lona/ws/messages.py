"""Parsing and validating what clients send.

Every message is checked for shape and types before anything acts on it; a
bad one raises ``ProtocolError`` carrying the error code and a sentence for
the client and the log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from lona.protocol import ClientMessage, ErrorCode, EventType
from lona.security.log_limit import brief, truncated
from lona.surrogates import clean_value, may_hold_surrogates

__all__ = [
    "ClientErrorMessage",
    "EventMessage",
    "HelloMessage",
    "LeaveMessage",
    "PingMessage",
    "ProtocolError",
    "ReceivedMessage",
    "ResumeMessage",
    "ViewMessage",
    "parse_client_message",
]

MAX_INT = 2**53  # what a browser can represent exactly
# an error's text goes back to the client and into the log: never at the length
# of what the client sent
MAX_ERROR_TEXT = 300


class ProtocolError(Exception):
    def __init__(
        self,
        code: ErrorCode,
        message: str,
        window_id: int | None = None,
        view_id: str | None = None,
        event_id: int | None = None,
    ) -> None:
        message = truncated(message, MAX_ERROR_TEXT)
        super().__init__(message)
        self.code = code
        self.message = message
        self.window_id = window_id
        self.view_id = view_id
        self.event_id = event_id


@dataclass(slots=True)
class HelloMessage:
    version: int
    options: dict[str, Any]


@dataclass(slots=True)
class ViewMessage:
    window_id: int
    url: str
    post_data: dict[str, Any] | None
    attach_token: str | None
    adopted_version: int | None = None  # the page shows this version of the view's tree


@dataclass(slots=True)
class EventMessage:
    window_id: int
    view_id: str
    event_id: int
    event_type: int | str
    data: Any
    node_id: int | None
    target_id: int | None
    node_info: tuple[str | None, str | None, str | None] | None
    received: int | None = None  # the last message of this view the window got


@dataclass(slots=True)
class ResumeMessage:
    window_id: int
    view_id: str
    attach_token: str
    received: int  # the last message of the view the window got
    url: str  # run it as VIEW does when the view can not be resumed


@dataclass(slots=True)
class ReceivedMessage:
    window_id: int
    view_id: str
    seq: int


@dataclass(slots=True)
class PingMessage:
    pass


@dataclass(slots=True)
class ClientErrorMessage:
    window_id: int
    view_id: str
    message: str


@dataclass(slots=True)
class LeaveMessage:
    window_id: int


ParsedMessage = (
    HelloMessage
    | ViewMessage
    | EventMessage
    | PingMessage
    | ClientErrorMessage
    | LeaveMessage
    | ResumeMessage
    | ReceivedMessage
)


def _bad(message: str) -> ProtocolError:
    return ProtocolError(ErrorCode.BAD_MESSAGE, message)


def _int(value: Any, what: str, *, nullable: bool = False) -> Any:
    if value is None and nullable:
        return None
    if type(value) is not int or not 0 <= value < MAX_INT:
        raise _bad(f"{what} must be a non-negative integer, got {brief(value)}")
    return value


def _str(value: Any, what: str, *, nullable: bool = False, limit: int = 65536) -> Any:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise _bad(f"{what} must be a string, got {brief(value)}")
    if len(value) > limit:
        raise _bad(f"{what} is longer than {limit} characters")
    return value


def _length(items: list[Any], name: str, *allowed: int) -> None:
    if len(items) not in allowed:
        expected = " or ".join(str(n) for n in allowed)
        raise _bad(f"{name} takes {expected} items, got {len(items)}")


def _hello(items: list[Any]) -> HelloMessage:
    _length(items, "HELLO", 2, 3)
    version = _int(items[1], "HELLO version")
    options = items[2] if len(items) == 3 else {}
    if not isinstance(options, dict):
        raise _bad("HELLO options must be an object")
    return HelloMessage(version, options)


def _view(items: list[Any]) -> ViewMessage:
    _length(items, "VIEW", 3, 4, 5, 6)
    window_id = _int(items[1], "window id")
    url = _str(items[2], "VIEW url", limit=8192)
    post_data = items[3] if len(items) > 3 else None
    if post_data is not None and not isinstance(post_data, dict):
        raise _bad("VIEW post data must be an object or null")
    token = _str(items[4], "attach token", nullable=True) if len(items) > 4 else None
    adopted = _int(items[5], "adopted version", nullable=True) if len(items) > 5 else None
    return ViewMessage(window_id, url, post_data or None, token, adopted)


def _node_info(value: Any) -> tuple[str | None, str | None, str | None] | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 3:
        raise _bad("event node info must be [tag, id, class] or null")
    tag, id_attribute, class_attribute = (
        _str(part, "event node info", nullable=True, limit=4096) for part in value
    )
    return tag, id_attribute, class_attribute


def _event(items: list[Any]) -> EventMessage:
    _length(items, "EVENT", 8, 9, 10)
    window_id = _int(items[1], "window id")
    view_id = _str(items[2], "view id", limit=64)
    event_id = _int(items[3], "event id")
    event_type = items[4]
    if isinstance(event_type, int) and not isinstance(event_type, bool):
        if event_type not in EventType._value2member_map_:
            raise _bad(f"unknown event type {brief(event_type)}")
    elif not isinstance(event_type, str) or not 0 < len(event_type) <= 128:
        raise _bad(f"event type must be a known number or a custom name, got {brief(event_type)}")
    node_id = _int(items[6], "event node id", nullable=True)
    target_id = _int(items[7], "event target id", nullable=True)
    node_info = _node_info(items[8]) if len(items) > 8 else None
    received = _int(items[9], "received", nullable=True) if len(items) > 9 else None
    return EventMessage(
        window_id, view_id, event_id, event_type, items[5], node_id, target_id, node_info, received
    )


def _client_error(items: list[Any]) -> ClientErrorMessage:
    _length(items, "CLIENT_ERROR", 4)
    return ClientErrorMessage(
        _int(items[1], "window id"),
        _str(items[2], "view id", limit=64),
        _str(items[3], "error message"),
    )


def _leave(items: list[Any]) -> LeaveMessage:
    _length(items, "LEAVE", 2)
    return LeaveMessage(_int(items[1], "window id"))


def _resume(items: list[Any]) -> ResumeMessage:
    _length(items, "RESUME", 6)
    return ResumeMessage(
        _int(items[1], "window id"),
        _str(items[2], "view id", limit=64),
        _str(items[3], "attach token", limit=256),
        _int(items[4], "received"),
        _str(items[5], "RESUME url", limit=8192),
    )


def _received(items: list[Any]) -> ReceivedMessage:
    _length(items, "RECEIVED", 4)
    return ReceivedMessage(
        _int(items[1], "window id"), _str(items[2], "view id", limit=64), _int(items[3], "seq")
    )


def _ping(items: list[Any]) -> PingMessage:
    _length(items, "PING", 1)
    return PingMessage()


_PARSERS = {
    ClientMessage.HELLO: _hello,
    ClientMessage.VIEW: _view,
    ClientMessage.EVENT: _event,
    ClientMessage.PING: _ping,
    ClientMessage.CLIENT_ERROR: _client_error,
    ClientMessage.LEAVE: _leave,
    ClientMessage.RESUME: _resume,
    ClientMessage.RECEIVED: _received,
}


def _no_constant(name: str) -> Any:
    # NaN and Infinity are no JSON; no browser sends them (JSON.stringify gives null)
    raise ValueError(f"{name} is not valid JSON")


def parse_client_message(text: str) -> ParsedMessage:
    """Parse one protocol message (text starting with ``[``)."""
    try:
        items = json.loads(text, parse_constant=_no_constant)
        if may_hold_surrogates(text):
            items = clean_value(items)  # what a browser does: U+FFFD for a lone surrogate
    except (ValueError, RecursionError) as error:
        raise _bad(f"not valid JSON: {error}") from None
    if not isinstance(items, list) or not items:
        raise _bad("a message must be a non-empty JSON array")
    kind = items[0]
    if type(kind) is not int:
        raise _bad(f"message type must be an integer, got {brief(kind)}")
    parser = _PARSERS.get(kind)  # type: ignore[call-overload]
    if parser is None:
        raise ProtocolError(ErrorCode.UNKNOWN_MESSAGE, f"unknown message type {kind}")
    result: ParsedMessage = parser(items)
    return result
