"""Which file a static URL names, and how long browsers may keep it.

Below ``STATIC_URL_PREFIX``: the browser client (under a URL that changes
with its content, so it is cached for good), the files node and view
classes declare, then the static directories in order: ``STATIC_DIRS``
(relative to the project), ``app.add_static_file``'s, ``CORE_STATIC_DIRS``
and the core's own (``lona/style.css``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from lona.http import HttpResponse
from lona.http.frontend_page import CORE_STATIC_DIR
from lona.http.static_files import (
    CLIENT_PREFIXES,
    IMMUTABLE,
    client_directory,
    client_version,
    safe_join,
    serve_file,
)

if TYPE_CHECKING:
    from lona.http import HttpRequest
    from lona.http.static_file_registry import StaticFileRegistry
    from lona.settings import Settings

__all__ = ["StaticLookup", "StaticLookupHost"]


class StaticDirsApp(Protocol):
    @property
    def static_dirs(self) -> Sequence[Path]: ...


class StaticLookupHost(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def project_root(self) -> str: ...

    @property
    def app(self) -> StaticDirsApp: ...


class StaticLookup:
    def __init__(self, host: StaticLookupHost, declared: StaticFileRegistry) -> None:
        self._host = host
        self._declared = declared

    def respond(self, relative: str, request: HttpRequest) -> HttpResponse:
        """The file, or 404 (a stat() or two: no trip to the pool)."""
        found = self.find(relative)
        if found is None:
            return HttpResponse.text("404 Not Found", 404)
        path, cache = found
        return serve_file(path, request, cache)

    def find(self, relative: str) -> tuple[Path, str] | None:
        """The file a static URL names, and its Cache-Control."""
        # Lona's templates write STATIC_URL_PREFIX + "/x": one slash too many
        relative = relative.lstrip("/")
        for prefix in CLIENT_PREFIXES:
            if relative.startswith(prefix):
                return self._client_file(relative[len(prefix) :])
        declared = self._declared.find(relative)
        if declared is not None:
            return declared, "no-cache"
        for root in self.directories():
            found = safe_join(Path(root), relative)
            if found is not None:
                return found, "no-cache"
        return None

    def _client_file(self, relative: str) -> tuple[Path, str] | None:
        cache = "no-cache"
        version = client_version() + "/"
        if relative.startswith(version):  # the URL names the content
            relative, cache = relative[len(version) :], IMMUTABLE
        found = safe_join(client_directory(), relative)
        return (found, cache) if found is not None else None

    def directories(self) -> list[Path]:
        host = self._host
        settings = host.settings
        roots = [Path(host.project_root, d) for d in settings.STATIC_DIRS]
        roots += list(host.app.static_dirs)
        roots += [Path(host.project_root, d) for d in settings.CORE_STATIC_DIRS]
        return [*roots, CORE_STATIC_DIR]
