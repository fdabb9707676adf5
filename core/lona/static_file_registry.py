"""The static files node and view classes declare in ``STATIC_FILES``.

Every imported node class, and every view the app routes to (including error
views), may declare ``StyleSheet``/``Script`` files; paths are relative to
the declaring class's source file.  The registry finds them once, on first
use, and then serves them under ``STATIC_URL_PREFIX + url`` and renders the
tags the frontend page links them with: stylesheets in the head, scripts as
deferred classic scripts after the client (so ``Lona.register_widget_class``
exists when they run), both in ``sort_order``.  ``link=False`` files are
served but not linked (source maps); files that are not
``enabled_by_default`` are neither, unless named in ``STATIC_FILES_ENABLED``;
``STATIC_FILES_DISABLED`` turns files off by name.
"""

from __future__ import annotations

import inspect
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from lona.static_files import Script, StaticFile, StyleSheet

if TYPE_CHECKING:
    from lona.server import Server

__all__ = ["DeclaredFile", "StaticFileRegistry"]

logger = logging.getLogger("lona.static_files")


@dataclass(frozen=True)
class DeclaredFile:
    static_file: StaticFile
    path: Path  # on disk
    url: str  # below STATIC_URL_PREFIX, without a leading slash


def _subclasses(cls: type) -> list[type]:
    found: list[type] = []
    stack = [cls]
    while stack:
        subclass: type
        for subclass in stack.pop().__subclasses__():
            if subclass not in found:
                found.append(subclass)
                stack.append(subclass)
    return found


def _declared_by(cls: type) -> list[DeclaredFile]:
    """The files ``cls`` itself declares (inherited lists belong to the parent)."""
    files = cls.__dict__.get("STATIC_FILES") or []
    if not files:
        return []
    try:
        directory = Path(inspect.getfile(cls)).resolve().parent
    except (TypeError, OSError):
        logger.error("%r declares STATIC_FILES but has no source file", cls)
        return []
    declared = []
    for static_file in files:
        if not isinstance(static_file, StaticFile):
            logger.error("%r: %r in STATIC_FILES is no StaticFile", cls, static_file)
            continue
        path = directory / static_file.path  # an absolute path stays as it is
        declared.append(DeclaredFile(static_file, path, static_file.url.lstrip("/")))
    return declared


class StaticFileRegistry:
    def __init__(self, server: Server) -> None:
        self.server = server
        self._lock = threading.Lock()
        self._files: list[DeclaredFile] | None = None

    # discovery ##############################################################

    def files(self) -> list[DeclaredFile]:
        """The enabled declared files in link order (found on first use)."""
        with self._lock:
            if self._files is None:
                self._files = self._discover()
            return self._files

    def _declaring_classes(self) -> list[type]:
        from lona.html.base import AbstractNode

        views: list[type] = []
        server = self.server
        candidates: list[Any] = [route.view for route in server.router.routes]
        candidates += list(server.app.error_views.values())
        candidates += [server.settings.get(f"ERROR_{code}_VIEW") for code in (403, 404, 500)]
        for view in candidates:
            if view is None:
                continue
            try:
                view_class = server.resolve_view_class(view)
            except Exception:  # pass-through callables; broken routes fail where used
                continue
            views.extend(klass for klass in view_class.__mro__ if klass not in views)
        # elements and Lona's legacy widgets (and mixins such as FrontendComponent)
        return [*_subclasses(AbstractNode), *views]

    def _discover(self) -> list[DeclaredFile]:
        settings = self.server.settings
        enabled = set(settings.get("STATIC_FILES_ENABLED") or [])
        disabled = set(settings.get("STATIC_FILES_DISABLED") or [])
        by_name: dict[str, DeclaredFile] = {}
        for cls in self._declaring_classes():
            for declared in _declared_by(cls):
                name = declared.static_file.name
                known = by_name.get(name)
                if known is None:
                    by_name[name] = declared
                elif known.path != declared.path:
                    logger.error(
                        "static file name %r is used twice (%s and %s); the first one counts",
                        name,
                        known.path,
                        declared.path,
                    )
        files = [
            declared
            for name, declared in by_name.items()
            if name not in disabled and (declared.static_file.enabled_by_default or name in enabled)
        ]
        return sorted(files, key=lambda declared: declared.static_file.sort_order)

    # serving and linking ####################################################

    def find(self, url: str) -> Path | None:
        for declared in self.files():
            if declared.url == url:
                return declared.path if declared.path.is_file() else None
        return None

    def _linked(self, kind: type[StaticFile]) -> list[str]:
        return [
            self.server.static_url(declared.url)
            for declared in self.files()
            if isinstance(declared.static_file, kind) and declared.static_file.link
        ]

    def stylesheet_tags(self) -> Markup:
        return Markup("\n").join(
            Markup('<link rel="stylesheet" href="{}">').format(escape(url))
            for url in self._linked(StyleSheet)
        )

    def script_tags(self) -> Markup:
        return Markup("\n").join(
            Markup('<script src="{}" defer></script>').format(escape(url))
            for url in self._linked(Script)
        )
