"""The static files node and view classes declare in ``STATIC_FILES``.

Every node class (``AbstractNode.get_all_node_classes()``), and every view
the app routes to (error and frontend views included), may declare
``StyleSheet``/``Script``/``StaticFile`` entries, as Lona's do: a class's
``STATIC_FILES`` include what its base classes and mixins declare, and a
file's ``path`` is relative to the source file of the class that declares
it.  The registry finds them once, on first use, and then serves them under
``STATIC_URL_PREFIX + url`` and renders the tags pages link them with, in
``sort_order`` (stable, so files of one order keep the order they were
found in): ``lona/style_tags.html`` for the stylesheets and
``lona/script_tags.html`` for the client and the scripts, both overridable
(``STATIC_FILES_STYLE_TAGS_TEMPLATE``, ``STATIC_FILES_SCRIPT_TAGS_TEMPLATE``).

``link=False`` files are served but not linked (source maps); files that
are not ``enabled_by_default`` are neither, unless named in
``STATIC_FILES_ENABLED``; ``STATIC_FILES_DISABLED`` turns files off by name.
A name declared twice for different files is an error in the log; the first
one counts.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from lona.static_files import Script, StaticFile, StyleSheet, sort_key
from lona.templating import PAGE_CLIENT, Rendered

if TYPE_CHECKING:
    from lona.routing import Router
    from lona.settings import Settings
    from lona.templating import Templating

__all__ = ["DeclaredFile", "DeclaredFilesHost", "StaticFileRegistry"]

logger = logging.getLogger("lona.static_files")


@dataclass(frozen=True)
class DeclaredFile:
    static_file: StaticFile
    path: Path  # on disk
    url: str  # below STATIC_URL_PREFIX, without a leading slash (Lona's ``url``)
    href: str  # the whole URL, mount prefix included

    @property
    def name(self) -> str:
        return self.static_file.name

    @property
    def link(self) -> bool:
        return self.static_file.link

    @property
    def sort_order(self) -> Any:
        return self.static_file.sort_order


def _declarations(cls: type) -> list[tuple[type, StaticFile]]:
    """What ``cls`` declares, its bases' and mixins' included, each with the
    class that declares it (its paths are relative to that class's file)."""
    found: list[tuple[type, StaticFile]] = []
    for klass in reversed(cls.__mro__):  # a base's files before its subclasses'
        for static_file in klass.__dict__.get("STATIC_FILES") or []:
            found.append((klass, static_file))
    return found


def _directory(cls: type) -> Path | None:
    try:
        return Path(inspect.getfile(cls)).resolve().parent
    except (TypeError, OSError):
        logger.error("%r declares STATIC_FILES but has no source file", cls)
        return None


class ErrorViewsApp(Protocol):
    @property
    def error_views(self) -> Mapping[int, Any]: ...


class DeclaredFilesHost(Protocol):
    """Where the declaring classes are found, and what renders the tags."""

    @property
    def settings(self) -> Settings: ...

    @property
    def router(self) -> Router: ...

    @property
    def app(self) -> ErrorViewsApp: ...

    @property
    def templating(self) -> Templating: ...

    def resolve_view_class(self, view: Any) -> type: ...

    def static_url(self, path: str = "") -> str: ...


class StaticFileRegistry:
    def __init__(self, server: DeclaredFilesHost, client_url: Callable[[], str]) -> None:
        self.server = server
        self._client_url = client_url  # where pages load the client from
        self._lock = threading.Lock()
        self._files: list[DeclaredFile] | None = None
        self._style_tags: Rendered | None = None

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
        settings = server.settings
        candidates: list[Any] = []
        for route in server.router.routes:
            candidates += [route.view, getattr(route, "frontend_view", None)]
        candidates += list(server.app.error_views.values())
        candidates += [settings.get(f"ERROR_{code}_VIEW") for code in (403, 404, 500)]
        candidates.append(settings.get("FRONTEND_VIEW"))
        for view in candidates:
            if view is None:
                continue
            try:
                view_class = server.resolve_view_class(view)
            except Exception:  # pass-through callables; broken routes fail where used
                continue
            if isinstance(view_class, type) and view_class not in views:
                views.append(view_class)
        # views first: importing them (routes given as import strings) defines
        # the node classes of their modules
        return [*AbstractNode.get_all_node_classes(), *views]

    def _discover(self) -> list[DeclaredFile]:
        settings = self.server.settings
        enabled = set(settings.get("STATIC_FILES_ENABLED") or [])
        disabled = set(settings.get("STATIC_FILES_DISABLED") or [])
        by_name: dict[str, DeclaredFile] = {}
        seen: set[int] = set()
        for cls in self._declaring_classes():
            for klass, static_file in _declarations(cls):
                if id(static_file) in seen:
                    continue
                seen.add(id(static_file))
                declared = self._declared(klass, static_file)
                if declared is None:
                    continue
                known = by_name.get(declared.name)
                if known is None:
                    by_name[declared.name] = declared
                elif known.path != declared.path or known.url != declared.url:
                    logger.error(
                        "%s: static file name %r is used already (for %s); the first one counts",
                        klass.__qualname__,
                        declared.name,
                        known.path,
                    )
        files = [
            declared
            for name, declared in by_name.items()
            if name not in disabled and (declared.static_file.enabled_by_default or name in enabled)
        ]
        return sorted(files, key=lambda declared: sort_key(declared.sort_order))

    def _declared(self, klass: type, static_file: Any) -> DeclaredFile | None:
        if not isinstance(static_file, StaticFile):
            logger.error("%r: %r in STATIC_FILES is no StaticFile", klass, static_file)
            return None
        directory = _directory(klass)
        if directory is None:
            return None
        path = directory / static_file.path  # an absolute path stays as it is
        if not path.is_file():
            logger.error("%s: static file %r does not exist", klass.__qualname__, str(path))
            return None
        url = (static_file.url or static_file.path).lstrip("/")
        return DeclaredFile(static_file, path, url, self.server.static_url(url))

    # serving and linking ####################################################

    def find(self, url: str) -> Path | None:
        for declared in self.files():
            if declared.url == url:
                return declared.path if declared.path.is_file() else None
        return None

    def _linked(self, kind: type[StaticFile]) -> list[DeclaredFile]:
        return [
            declared
            for declared in self.files()
            if isinstance(declared.static_file, kind) and declared.link
        ]

    def stylesheet_tags(self) -> Rendered:
        """The stylesheets' tags (rendered once: they depend on no request)."""
        if self._style_tags is None:
            settings = self.server.settings
            self._style_tags = self.server.templating.render_template(
                settings.STATIC_FILES_STYLE_TAGS_TEMPLATE,
                {"stylesheets": self._linked(StyleSheet)},
            )
        return self._style_tags

    def script_tags(self, page_client: dict[str, Any]) -> Rendered:
        """The client, set up with the page's settings, then the scripts."""
        return self.server.templating.render_template(
            self.server.settings.STATIC_FILES_SCRIPT_TAGS_TEMPLATE,
            {
                "scripts": self._linked(Script),
                "client_url": self._client_url(),
                PAGE_CLIENT: page_client,
            },
        )
