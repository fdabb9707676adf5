"""The messages a view sends to its windows, framed with window id, view id and
the number of the message in that window's stream (``lona.runtime.attachments``).

A payload is encoded once as a JSON array and shared by every window that
gets it; only the short header in front differs, so it is spliced in
instead of encoding the payload again per window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lona.protocol import ServerMessage, dumps
from lona.responses import AnyRedirect, HttpRedirectResponse

if TYPE_CHECKING:
    from lona.html.document import Document

__all__ = ["envelope", "redirect_kind", "state_message"]


def envelope(kind: ServerMessage, window_id: int, view_id: str, seq: int, payload_json: str) -> str:
    """``[kind, window_id, view_id, seq, *payload]`` from the payload's JSON array."""
    inner = payload_json[1:-1]
    return f'[{int(kind)},{window_id},"{view_id}",{seq}{"," if inner else ""}{inner}]'


def state_message(document: Document) -> tuple[ServerMessage, str] | None:
    """What a newly attached window needs to show the document as it is now:
    its tree, its HTML string or only its title, as (kind, payload JSON);
    None when nothing is shown yet."""
    if document.root is not None:
        return ServerMessage.TREE, dumps([document.serialize(), document.title])
    if document.html_string is not None:
        return ServerMessage.HTML, dumps([document.html_string, document.title])
    if document.title is not None:
        return ServerMessage.TITLE, dumps([document.title])
    return None


def redirect_kind(response: AnyRedirect) -> ServerMessage:
    if isinstance(response, HttpRedirectResponse):
        return ServerMessage.HTTP_REDIRECT
    return ServerMessage.REDIRECT
