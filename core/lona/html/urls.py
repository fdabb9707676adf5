"""URLs that would run script when the browser follows or loads them.

``<a href="javascript:...">`` runs its URL as code when clicked, so a
link built from user data is an injection hole even though the value is
escaped.  Such URLs (javascript:, vbscript:, data: HTML) in attributes that
navigate or load are replaced by ``about:blank#blocked`` and logged.
A value wrapped in ``TrustedURL`` is sent as it is.
"""

from __future__ import annotations

import logging
import re

__all__ = ["BLOCKED_URL", "URL_ATTRIBUTES", "TrustedURL", "safe_url"]

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


class TrustedURL(str):
    """A URL the application vouches for: sent even if it would run script."""

    __slots__ = ()


def safe_url(name: str, url: str) -> str:
    folded = _INVISIBLE.sub("", url).lower()
    if folded.startswith(_SCRIPT_SCHEMES):
        logger.warning("blocked a script URL in the %s attribute: %.60r", name, url)
        return BLOCKED_URL
    return url
