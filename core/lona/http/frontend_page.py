"""Putting a view's first content into a frontend page, whoever wrote its template.

Our own ``lona/frontend.html`` says where the content goes (``{{ body }}``).
A frontend template written for Lona has an empty target element instead
(``<div id="lona"></div>``, ``<main id="lona"></main>``): Lona's client fills
it once its websocket runs.  Then the content goes into the first empty
element whose id is ``lona``, so that such a page, too, shows its view
before any script has run, and the client adopts that DOM.  A template with
neither gets no first content; its client attaches to the view all the same
and renders it.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

__all__ = ["CORE_STATIC_DIR", "FIRST_CONTENT_MARK", "place_first_content"]

CORE_STATIC_DIR = Path(__file__).parents[1] / "static"  # lona/static

# what a template's {{ body }} renders to, replaced by the content afterwards
FIRST_CONTENT_MARK = Markup("<!--lona-first-content-->")

_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
_ID_LONA = re.compile(r"""(?:^|\s)id\s*=\s*(?:"lona"|'lona'|lona(?=[\s/]|$))""", re.IGNORECASE)


def place_first_content(html: str, body: str) -> str:
    """``html`` with ``body`` where the template wants the view's content."""
    if FIRST_CONTENT_MARK in html:
        return html.replace(FIRST_CONTENT_MARK, body, 1).replace(FIRST_CONTENT_MARK, "")
    if not body:
        return html
    for start in _START_TAG.finditer(html):
        if not _ID_LONA.search(start.group(2) or ""):
            continue
        end = re.compile(rf"\s*</{re.escape(start.group(1))}\s*>", re.IGNORECASE)
        closing = end.match(html, start.end())
        if closing is None:
            return html  # the target has content of its own: leave it alone
        return html[: start.end()] + body + html[closing.start() :]
    return html
