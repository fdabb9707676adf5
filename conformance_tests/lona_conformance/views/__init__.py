"""Views of the conformance app beyond the basics in ``app.py``, one module per area.

Every module has ``add_routes(app)``; ``app.py`` calls them all.  Views
report what reached the server by writing it into the page (a log element)
or by sending it as a custom message, so browser tests can read it.
"""

from __future__ import annotations

from lona import App
from lona_conformance.views import (
    daemons,
    events,
    faults,
    first_content,
    forms,
    hostile,
    http,
    middleware,
    page,
    pass_through,
    rendering,
    slow_handlers,
    uploads,
)

__all__ = ["add_routes"]


def add_routes(app: App) -> None:
    modules = (
        daemons,
        events,
        faults,
        first_content,
        forms,
        hostile,
        http,
        middleware,
        page,
        pass_through,
        rendering,
        slow_handlers,
        uploads,
    )
    for module in modules:
        module.add_routes(app)
