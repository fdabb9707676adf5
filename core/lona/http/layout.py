"""Live pages inside the host application's own layout (embedded servers).

An embedded server's adapter takes ``layout=callable(native_request) -> str``:
the host renders its own page for a page load of a live view, with its own
template engine, context and logged-in user, and puts three marks in it::

    <title>{{ lona.title }}</title>       the view's title (else CLIENT_TITLE)
    {{ lona.head }}                       inside <head>: the client's styles
    {{ lona.body }}                       where the live view goes

(``lona`` being ``lona.layout.LAYOUT``, handed to the host's template).  The
core replaces the marks: ``lona.head`` with ``lona/embedded-head.html``,
``lona.body`` with ``lona/embedded-body.html`` (the view's first content in
``<div id="lona">`` and the scripts that start the client).  Without the
option, ``FRONTEND_TEMPLATE`` renders the page as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from lona.http.frontend_page import place_first_content
from lona.http.targets import TargetHost, target_of

if TYPE_CHECKING:
    from lona.http_messages import HttpRequest
    from lona.templating import Templating

__all__ = ["LAYOUT", "Layout", "fill_layout", "is_page_load"]


class Layout:
    """The marks a host's layout template puts where the live page's parts go."""

    title = Markup("<!--lona:title-->")
    head = Markup("<!--lona:head-->")
    body = Markup("<!--lona:body-->")


LAYOUT = Layout()


def is_page_load(server: TargetHost, request: HttpRequest) -> bool:
    """Whether ``request`` loads the page of an interactive view (which the host's
    layout frames); adapters ask before they render the layout."""
    if request.method not in ("GET", "HEAD"):
        return False
    target = target_of(server, request)
    return target.kind == "view" and target.route is not None and target.route.interactive


def fill_layout(templating: Templating, layout: str, context: dict[str, Any], body: str) -> str:
    """The host's rendered ``layout`` with the live page's parts at its marks."""
    head = templating.render_template("lona/embedded-head.html", context)
    page = templating.render_template("lona/embedded-body.html", context)
    html = str(layout)
    for mark, part in (
        (LAYOUT.title, escape(context.get("title") or "")),
        (LAYOUT.head, head),
        (LAYOUT.body, place_first_content(page, body)),
    ):
        html = html.replace(mark, part, 1)
    return html
