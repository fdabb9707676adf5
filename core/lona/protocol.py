"""The wire protocol between the browser client and the server.

This module is the single source of truth for every code on the wire;
``docs/protocol.md`` describes the messages and ``client/protocol.js`` mirrors
the numbers (a test keeps the two equal).

Every protocol message is one websocket text frame holding a JSON array whose
first item is the message type.  Text that does not start with ``[`` is a
custom message (``View.send_str`` / ``lona_context.send``).

Version 2: every server message but WELCOME and PONG starts with
``[type, window_id, view_id, seq]``; ``seq`` numbers the messages a view sent
to a window (from 1, its VIEW_START), so a window whose socket dropped can
resume without loss (RESUME, RECEIVED, RESUMED).
"""

from __future__ import annotations

import json
from enum import IntEnum
from typing import Any

__all__ = [
    "PROTOCOL_VERSION",
    "ClientMessage",
    "CloseCode",
    "ErrorCode",
    "EventType",
    "Op",
    "ServerMessage",
    "dumps",
    "protocol_tables",
]

PROTOCOL_VERSION = 2


class ClientMessage(IntEnum):
    """Messages the browser sends."""

    HELLO = 1  # [HELLO, version, {page_token?, page_id?}]
    VIEW = 2  # [VIEW, window_id, url, post_data|null, attach_token|null, adopted_version?]
    # [EVENT, window_id, view_id, event_id, type, data, node_id, target_id, node_info?, received?]
    EVENT = 3
    PING = 4  # [PING]
    CLIENT_ERROR = 5  # [CLIENT_ERROR, window_id, view_id, message]
    LEAVE = 6  # [LEAVE, window_id]
    RESUME = 7  # [RESUME, window_id, view_id, attach_token, received, url]
    RECEIVED = 8  # [RECEIVED, window_id, view_id, seq]


class ServerMessage(IntEnum):
    """Messages the server sends; all but WELCOME and PONG start with
    ``[type, window_id, view_id, seq]`` (null where no view's stream they are in)."""

    WELCOME = 1  # [WELCOME, version, {server_id}]
    VIEW_START = 2  # [VIEW_START, w, v, seq, url, attach_token, adopted?]
    TREE = 3  # [TREE, w, v, seq, node_spec, title]
    PATCH = 4  # [PATCH, w, v, seq, [op, ...], acked_event_id?]
    HTML = 5  # [HTML, w, v, seq, html_string, title]
    ACK = 6  # [ACK, w, v, seq, event_id]
    REDIRECT = 7  # [REDIRECT, w, v, seq, url]
    HTTP_REDIRECT = 8  # [HTTP_REDIRECT, w, v|null, seq|null, url]
    VIEW_STOP = 9  # [VIEW_STOP, w, v, seq]
    PONG = 10  # [PONG]
    ERROR = 11  # [ERROR, w|null, v|null, seq|null, code, message, event_id|null]
    TITLE = 12  # [TITLE, w, v, seq, title]
    CUSTOM = 13  # [CUSTOM, w|null, v|null, seq|null, string]
    DEBUG = 14  # [DEBUG, w, v, seq, {title, where, traceback}]  (debug mode only)
    RESUMED = 15  # [RESUMED, w, v, null, last_event_id, next_seq]


class Op(IntEnum):
    """Patch operations inside a PATCH message.  Nodes are addressed by id."""

    INSERT = 1  # [INSERT, parent_id, index, node_spec | existing_node_id]
    REMOVE = 2  # [REMOVE, node_id]           detach; dropped unless re-inserted
    SET_ATTR = 3  # [SET_ATTR, node_id, name, value]
    REMOVE_ATTR = 4  # [REMOVE_ATTR, node_id, name]
    SET_TEXT = 5  # [SET_TEXT, text_node_id, text]
    CLEAR = 6  # [CLEAR, node_id]           remove all children
    WIDGET_DATA = 7  # [WIDGET_DATA, node_id, data]  replace a widget's data
    DATA_SET = 8  # [DATA_SET, node_id, path, value]     set a key/index inside widget data
    DATA_REMOVE = 9  # [DATA_REMOVE, node_id, path]       delete a key / splice out an item
    DATA_INSERT = 10  # [DATA_INSERT, node_id, path, value] insert into a list at path[-1]


class EventType(IntEnum):
    """Input event types.  The numbers match Lona's, so raw HTML carrying
    ``data-lona-events="301"`` keeps working."""

    CLICK = 301
    CHANGE = 302
    CUSTOM = 303
    FOCUS = 304
    BLUR = 305


class ErrorCode(IntEnum):
    """Codes of ERROR messages: each names what was wrong with the client's message."""

    BAD_MESSAGE = 1  # not JSON, not an array, wrong length or wrong types
    UNKNOWN_MESSAGE = 2  # unknown message type
    PROTOCOL_VERSION = 3  # HELLO carried a version this server does not speak
    NOT_STARTED = 4  # a message other than HELLO before the handshake
    UNKNOWN_WINDOW = 5  # the window runs no view on this connection
    STALE_VIEW = 6  # the event names a view that is no longer in that window
    UNKNOWN_NODE = 7  # the event names a node the view does not have
    VIEW_STOPPED = 8  # the view has stopped and takes no more events
    FORBIDDEN = 9  # the view belongs to another user
    NOT_FOUND = 10  # no view to attach to
    RATE_LIMITED = 11  # too many input events per second
    BAD_EVENT = 12  # the event's data is not what its node expects
    CUSTOM_UNHANDLED = 13  # a custom message nobody handled
    INTERNAL = 14  # the server failed on a valid message (logged on the server)
    TOO_MANY_VIEWS = 15  # the session runs MAX_VIEWS_PER_SESSION views already
    ORIGIN = 16  # the websocket came from a page of another origin
    PAGE_TOKEN = 17  # HELLO carried no valid page token: reload the page


class CloseCode(IntEnum):
    """Websocket close codes the server uses."""

    NORMAL = 1000
    GOING_AWAY = 1001  # server shutdown
    UNSUPPORTED = 1003  # a binary frame: the protocol is text only
    POLICY = 1008  # origin refused, too slow to read
    TOO_BIG = 1009  # incoming message larger than MAX_MESSAGE_SIZE
    INTERNAL = 1011
    NOT_FOUND = 4404  # websocket on a URL that is no lona endpoint


_encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def dumps(value: Any) -> str:
    """Encode a message compactly; non-ASCII text travels as UTF-8, not escapes."""
    return _encoder.encode(value)


def protocol_tables() -> dict[str, dict[str, int]]:
    """All code tables by name, as the client's ``protocol.js`` mirrors them."""
    tables: dict[str, dict[str, int]] = {}
    for enum in (ClientMessage, ServerMessage, Op, EventType, ErrorCode, CloseCode):
        tables[enum.__name__] = {member.name: int(member) for member in enum}
    tables["PROTOCOL"] = {"VERSION": PROTOCOL_VERSION}
    return tables
