"""Attribute values that would run script: URLs, ``srcdoc``, style values.

``<a href="javascript:...">`` runs its URL as code when clicked, so a
link built from user data is an injection hole even though the value is
escaped.  Such URLs (javascript:, vbscript:, data: HTML) in attributes that
navigate or load are replaced by ``about:blank#blocked`` and logged.
Attribute names are compared as browsers do, without regard to case
(``HREF`` is ``href``).  A value wrapped in ``TrustedURL`` is sent as it is.

``<iframe srcdoc="...">`` is a whole document, run in the page's own origin:
markup, not text.  Its value is sent with a Content-Security-Policy in front
that runs no script in it (``script-src 'none'``), so the document shows
but a ``<script>`` or ``onerror=`` in it does nothing.  A value wrapped in
``TrustedHTML`` is sent as it is.

A style value is one CSS value: a ``;`` in it would start a declaration of
its own (``{"color": "red; position: fixed"}``), so it is escaped with a
backslash, which CSS reads as part of the value.
"""

from __future__ import annotations

import logging
import re
from typing import Any

__all__ = [
    "BLOCKED_URL",
    "SRCDOC_POLICY",
    "URL_ATTRIBUTES",
    "TrustedHTML",
    "TrustedURL",
    "safe_attribute",
    "safe_style_value",
    "safe_url",
]

logger = logging.getLogger("lona.html")

BLOCKED_URL = "about:blank#blocked"

URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "poster", "background",
    "cite", "data", "lowsrc", "ping",
})  # fmt: skip

# Browsers ignore whitespace and control characters inside a scheme
# ("java\tscript:") and compare it case-insensitively.
_INVISIBLE = re.compile(
    r"[\x00-\x20\x7f-\xa0\u1680\u180e\u2000-\u200f\u2028\u2029\u205f\u3000\ufeff]"
)
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg+xml")


SRCDOC_POLICY = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'; object-src 'none'\">"
)


class TrustedURL(str):
    """A URL the application vouches for: sent even if it would run script."""

    __slots__ = ()


class TrustedHTML(str):
    """Markup the application vouches for (``srcdoc``): sent with its scripts."""

    __slots__ = ()


def safe_attribute(name: str, value: Any, text: str) -> str:
    """``text`` (the value of attribute ``name`` as a string) as it may be sent."""
    folded = name.lower()
    if folded in URL_ATTRIBUTES and not isinstance(value, TrustedURL):
        return safe_url(name, text)
    if folded == "srcdoc" and not isinstance(value, TrustedHTML):
        return SRCDOC_POLICY + text
    return text


def safe_style_value(value: str) -> str:
    """One CSS value that can not end its declaration (``;``) or escape ours (``\\``)."""
    if ";" in value:
        value = value.replace(";", "\\;")
    if value.endswith("\\") and (len(value) - len(value.rstrip("\\"))) % 2:
        value += "\\"  # a lone backslash at the end would escape the next separator
    return value


def safe_url(name: str, url: str) -> str:
    folded = _INVISIBLE.sub("", url).lower()
    if folded.startswith(_SCRIPT_SCHEMES):
        logger.warning("blocked a script URL in the %s attribute: %.60r", name, url)
        return BLOCKED_URL
    return url
