"""Views of the conformance app beyond the basics in ``app.py``, one module per area.

Every module has ``add_routes(app)``; ``app.py`` calls them all.  Views
report what reached the server by writing it into the page (a log element)
or by sending it as a custom message, so browser tests can read it.
"""

from __future__ import annotations

import importlib
import pkgutil

from lona import App

__all__ = ["add_routes"]


def add_routes(app: App) -> None:
    """The routes of every module in this package (a new area needs no list entry)."""
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        module.add_routes(app)
