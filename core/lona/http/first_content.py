"""First content: the page load of an interactive view already shows the view.

Without this, a page load answers an empty page, and the view starts only
once the page's websocket asks for it: a blank page for a full round trip
(Lona's behaviour).  Instead, a GET of an interactive route starts the view
right away (``prestart``), bound to the request's user, and waits until
``handle_request`` returns, shows something or redirects, but at most
``FIRST_CONTENT_TIMEOUT`` seconds.  The response carries what the view shows
as HTML the client adopts (``lona.html.hydration``), with the view's attach
token and the document version it shows.  The page's websocket then attaches
to that very view (VIEW with the token), so ``handle_request`` runs once; a
view nobody attaches to within ``PRESTARTED_VIEW_TIMEOUT`` stops with
``UserAbort``, like a view whose tab was closed.  A redirect before the
response becomes an HTTP redirect.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lona.html.hydration import AdoptableHtml, render_adoptable
from lona.http.static_files import client_directory
from lona.request import Request

if TYPE_CHECKING:
    from lona.http import HttpRequest
    from lona.http.host import FirstContentHost
    from lona.responses import AnyRedirect
    from lona.routing import Route
    from lona.runtime.view_runtime import ViewRuntime

__all__ = ["FirstContent", "FirstContentWaiter", "prestart"]


@dataclass(frozen=True)
class FirstContent:
    """What a page load shows of its view, and how its websocket finds the view."""

    runtime: ViewRuntime
    html: AdoptableHtml | None  # None: nothing shown yet, or an HTML string
    html_string: str | None
    version: int
    title: str | None
    redirect: AnyRedirect | None
    status: int  # the HTTP status of the page: 403, 404 or 500 when it shows an error view

    def client_settings(self) -> dict[str, Any]:
        """For the page's client: attach to this view, adopting what the page shows."""
        adoptable = self.html is not None and self.html.adoptable
        return {
            "token": self.runtime.attach_token,
            "version": self.version if adoptable else None,
            "signature": self.html.signature if adoptable and self.html else None,
            # for pages whose template has no <title> (Lona's frontend templates)
            "title": self.title,
        }

    @property
    def body(self) -> str:
        """What goes into the page: the content, and in front of an adoptable one the
        script that keeps the clicks made before the client has started."""
        if self.html is not None and self.html.adoptable:
            return early_events_script() + self.html.html
        if self.html is not None:
            return self.html.html
        return self.html_string or ""


@functools.cache
def early_events_script() -> str:
    """``client/early.js`` as an inline script (read once: it is part of the package)."""
    source = (client_directory() / "early.js").read_text(encoding="utf-8")
    return f"<script data-lona-early>{source}</script>"


class FirstContentWaiter:
    """Taken by the first of: the view's first content, or the timeout."""

    def __init__(self, runtime: ViewRuntime) -> None:
        self.runtime = runtime
        self.future: asyncio.Future[FirstContent] = asyncio.get_running_loop().create_future()
        self._lock = threading.Lock()
        self._taken = False

    def ready(self, redirect: AnyRedirect | None = None) -> None:
        """The view showed, returned or redirected (its thread, or the loop)."""
        content = self.take(redirect)
        if content is not None:
            self.runtime.server.core_loop.call_soon(self._resolve, content)

    def take(self, redirect: AnyRedirect | None = None) -> FirstContent | None:
        """What the view shows now, once; None when already taken."""
        with self._lock:
            if self._taken:
                return None
            self._taken = True
        runtime = self.runtime
        runtime.first_content = None
        document = runtime.document
        with document.lock:
            # the page will show the tree as it is: earlier changes are in it
            runtime.flush()
            html = render_adoptable(document.root) if document.root is not None else None
            return FirstContent(
                runtime,
                html,
                document.html_string,
                document.version,
                document.title,
                redirect,
                runtime.error_status or 200,
            )

    def _resolve(self, content: FirstContent) -> None:
        if not self.future.done():
            self.future.set_result(content)


async def prestart(
    server: FirstContentHost,
    http_request: HttpRequest,
    user: Any,
    route: Route,
    match_info: dict[str, str],
) -> FirstContent | None:
    """Start the view of a page load; its first content (core loop).

    None when the page loads without its view: first content is off, a
    running daemon of this user will attach to the page's websocket, the
    user runs as many views as allowed, the server as many sync views as
    ``MAX_SYNC_VIEWS`` allows, or ``MAX_PAGE_LOAD_VIEWS`` views of
    page loads wait for their websockets already (a flood of page loads, with
    or without cookies, then costs no more than Lona's empty pages).
    """
    settings = server.settings
    timeout = float(settings.FIRST_CONTENT_TIMEOUT or 0)
    if timeout <= 0 or server.registry.find_daemon(user, route, match_info) is not None:
        return None
    limit = settings.MAX_VIEWS_PER_SESSION
    # (visitors sharing one user are bounded by MAX_PAGE_LOAD_VIEWS below)
    shared = server.sessions.shares_one_user(user)
    if limit and not shared and server.registry.running_views_of(user) >= limit:
        return None
    page_load_limit = settings.MAX_PAGE_LOAD_VIEWS
    if page_load_limit and server.registry.page_loads >= page_load_limit:
        return None
    view_class = server.resolve_view_class(route.view)
    if server.sync_views_full(view_class):
        return None
    request = Request(
        server=server,
        url=http_request.url,
        route=route,
        match_info=match_info,
        user=user,
        interactive=True,
        http_request=http_request,
    )
    runtime = server.create_runtime(view_class, request, route, match_info)
    waiter = FirstContentWaiter(runtime)
    runtime.first_content = waiter
    server.registry.add(runtime)
    runtime.await_window(float(settings.PRESTARTED_VIEW_TIMEOUT))
    runtime.start()
    try:
        return await asyncio.wait_for(asyncio.shield(waiter.future), timeout)
    except TimeoutError:
        # taken in a pool thread: the view's thread may hold its document's lock a while
        content = await asyncio.wrap_future(server.executor.submit(waiter.take))
        return content if content is not None else await waiter.future
