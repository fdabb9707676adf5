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
    first_content,
    forms,
    page,
    rendering,
    slow_handlers,
)

__all__ = ["add_routes"]


def add_routes(app: App) -> None:
    for module in (daemons, events, first_content, forms, page, rendering, slow_handlers):
        module.add_routes(app)
