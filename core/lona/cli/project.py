"""Lona's project mode: an app made of a project folder and settings files.

``lona run-server --project-root DIR -s settings.py`` and
``lona_project_context(...)`` build their app here.  The settings come in
Lona's order: pre-overrides, then the defaults (which replace pre-overrides of
the same name), then each settings file (relative to the project root), then
post-overrides.  ``ROUTING_TABLE`` names the routes: an import string
(``'routes.py::routes'``, ``'package.routes.routes'``) or the list itself.
The project root goes to the front of ``sys.path``, so its packages import.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from lona.app import App

__all__ = ["load_project"]


def load_project(
    project_root: str | os.PathLike[str] = ".",
    settings_files: list[str] | tuple[str, ...] = (),
    settings_pre_overrides: dict[str, Any] | None = None,
    settings_post_overrides: dict[str, Any] | None = None,
) -> App:
    root = Path(os.path.abspath(project_root))
    if not root.is_dir():
        raise ValueError(f"the project root '{root}' is no directory")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    app = App(str(root / "__project__.py"))
    settings = app.settings
    settings.update(
        {
            name: value
            for name, value in (settings_pre_overrides or {}).items()
            if name not in settings
        }
    )
    for settings_file in settings_files:
        settings.add(os.path.normpath(root / settings_file))
    settings.update(settings_post_overrides or {})
    table = settings.ROUTING_TABLE
    if isinstance(table, str):
        from lona.imports import acquire

        table = acquire(table, project_root=root)
    app.routes.extend(table or [])
    return app
