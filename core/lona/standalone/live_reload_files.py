"""Which files ``--live-reload`` watches: the app's code, not its data.

A change restarts the server when it is to

* a Python file, a template or a front-end file anywhere in the project
  (``CODE_SUFFIXES``), or
* any file in a folder the settings name for templates or static files
  (``TEMPLATE_DIRS``, ``STATIC_DIRS``, ``CORE_TEMPLATE_DIRS``,
  ``CORE_STATIC_DIRS``), also outside the project, or
* a settings file the app was started with.

Everything else (an SQLite database next to ``app.py``, log files, uploads)
is left alone, as are version control, virtual environments and caches.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from watchfiles import Change, DefaultFilter

__all__ = ["CODE_SUFFIXES", "CodeFilter", "describe_changes", "watched_roots"]

CODE_SUFFIXES = frozenset(
    {
        ".py",
        ".pyi",
        ".html",
        ".htm",
        ".jinja",
        ".jinja2",
        ".j2",
        ".css",
        ".js",
        ".mjs",
        ".svg",
    }
)
ASSET_SETTINGS = ("TEMPLATE_DIRS", "STATIC_DIRS", "CORE_TEMPLATE_DIRS", "CORE_STATIC_DIRS")
IGNORED_DIRS = ("venv", "env", "build", "dist", ".ruff_cache", ".eggs", "site")


def asset_dirs(project_root: str, settings: Any) -> list[Path]:
    """The template and static folders the settings name (relative to the project)."""
    folders: list[Path] = []
    for name in ASSET_SETTINGS:
        for folder in settings.get(name) or []:
            folders.append(Path(project_root, str(folder)).resolve())
    return folders


def watched_roots(
    project_root: str, settings: Any, settings_files: Iterable[str] = ()
) -> list[Path]:
    """The folders to watch: the project and what lies outside it of the above."""
    root = Path(project_root).resolve()
    roots = [root]
    extra = [*asset_dirs(project_root, settings), *(Path(f).resolve() for f in settings_files)]
    for path in extra:
        folder = path if path.is_dir() else path.parent
        if folder.exists() and not any(folder.is_relative_to(known) for known in roots):
            roots.append(folder)
    return roots


class CodeFilter(DefaultFilter):
    """watchfiles' default filter (no .git, caches, editors' swap files), and
    then only the files of the list above."""

    ignore_dirs = (*DefaultFilter.ignore_dirs, *IGNORED_DIRS)

    def __init__(
        self, project_root: str, settings: Any, settings_files: Iterable[str] = ()
    ) -> None:
        super().__init__()
        self.asset_dirs = tuple(
            str(folder) + os.sep for folder in asset_dirs(project_root, settings)
        )
        self.settings_files = frozenset(str(Path(f).resolve()) for f in settings_files)

    def __call__(self, change: Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        if Path(path).suffix.lower() in CODE_SUFFIXES:
            return True
        resolved = os.path.realpath(path)
        return resolved in self.settings_files or resolved.startswith(self.asset_dirs)


def describe_changes(
    changes: Iterable[tuple[Change, str]], project_root: str, most: int = 5
) -> str:
    """``app.py, templates/index.html (deleted) and 3 more``: the changed files by name."""
    root = Path(project_root).resolve()
    names: list[str] = []
    for change, path in sorted(changes, key=lambda item: item[1]):
        resolved = Path(path)
        try:
            shown = str(resolved.relative_to(root))
        except ValueError:
            shown = path
        if change == Change.deleted:
            shown += " (deleted)"
        elif change == Change.added:
            shown += " (new)"
        if shown not in names:
            names.append(shown)
    if len(names) <= most:
        return ", ".join(names)
    return ", ".join(names[:most]) + f" and {len(names) - most} more"
