"""The one place a ``ViewRuntime`` is made.

Every view instance runs in a runtime: a live view started by a window or a
page load, and the views that only answer one request (a plain HTTP view, an
error view, a frontend view).  They are all made here, from the host's
services (``lona.runtime.host``), so what a runtime needs is decided in one
place.  The server's view start and its HTTP handler call this too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lona.runtime.view_runtime import ViewRuntime

if TYPE_CHECKING:
    from lona.request import Request
    from lona.routing import Route
    from lona.runtime.host import RuntimeHost
    from lona.view import View

__all__ = ["create_view_runtime"]


def create_view_runtime(
    host: RuntimeHost[ViewRuntime],
    view_class: type[View],
    request: Request,
    route: Route | None,
    match_info: dict[str, str],
) -> ViewRuntime:
    """A runtime for ``view_class`` answering ``request``, not started yet."""
    return ViewRuntime(host, view_class, request, route, match_info)
