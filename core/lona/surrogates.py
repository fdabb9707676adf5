"""Lone surrogates: Python text that no UTF-8 encoder accepts.

A Python string may hold a code point between U+D800 and U+DFFF on its own
(JSON's ``"\\ud800"`` escape decodes to one, and so may a file read with
``surrogateescape``).  Such text can not be encoded as UTF-8, so one of them
in a frame or a page would make the send or the answer fail.  The core
replaces every lone surrogate with U+FFFD at its edges: in what clients send
(``clean_value``) and in what goes out (``well_formed``, ``utf8``), as
browsers do when they turn a JavaScript string into UTF-8.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["REPLACEMENT", "clean_value", "may_hold_surrogates", "utf8", "well_formed"]

REPLACEMENT = "\ufffd"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# a JSON escape of a surrogate (a pair decodes to one character, a lone one stays)
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def well_formed(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (ASCII text is returned as is)."""
    if text.isascii():
        return text
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def utf8(text: str) -> bytes:
    """``text`` encoded as UTF-8; lone surrogates become U+FFFD instead of an error."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return well_formed(text).encode("utf-8")


def may_hold_surrogates(json_text: str) -> bool:
    """Whether decoding ``json_text`` may give text with lone surrogates."""
    return bool(_ESCAPED_SURROGATE.search(json_text)) or (
        not json_text.isascii() and bool(_LONE_SURROGATE.search(json_text))
    )


def clean_value(value: Any) -> Any:
    """A decoded JSON value with lone surrogates in every string (keys too) replaced."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, list):
        return [clean_value(item) for item in value]
    if isinstance(value, dict):
        return {clean_value(key): clean_value(item) for key, item in value.items()}
    return value
