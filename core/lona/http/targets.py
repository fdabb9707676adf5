"""Where an HTTP request goes, decided from its method and path alone.

Outside the mount prefix, a static file, a bucket, a pass-through view, a
view, or no route at all.  The adapters' layout check (``lona.layout``)
asks the same question before the request reaches the handler.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from lona.http import HttpRequest
    from lona.routing import Route, Router
    from lona.settings import Settings

__all__ = ["Target", "TargetHost", "target_of"]


class TargetHost(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def url_prefix(self) -> str: ...

    @property
    def router(self) -> Router: ...


@dataclass(frozen=True)
class Target:
    """Where a request goes."""

    kind: str  # "outside", "static", "bucket", "pass_through", "view" or "missing"
    path: str = ""  # below the mount prefix (static and bucket: below their prefix)
    route: Route | None = None
    match_info: dict[str, str] = field(default_factory=dict)

    @property
    def reads_own_body(self) -> bool:
        """Buckets stream their bodies; pass-through views read theirs natively."""
        return self.kind in ("bucket", "pass_through")


def target_of(host: TargetHost, request: HttpRequest) -> Target:
    path = request.path
    prefix = host.url_prefix
    if prefix:
        if path != prefix and not path.startswith(prefix + "/"):
            return Target("outside")
        path = path[len(prefix) :] or "/"
    settings = host.settings
    static_prefix: str = settings.STATIC_URL_PREFIX
    if (
        settings.STATIC_FILES_SERVE
        and path.startswith(static_prefix)
        and request.method in ("GET", "HEAD")
    ):
        return Target("static", path[len(static_prefix) :])
    bucket_prefix: str = settings.BUCKETS_URL_PREFIX
    if path.startswith(bucket_prefix):
        return Target("bucket", path[len(bucket_prefix) :])
    matched, route, match_info = host.router.resolve(path)
    if not matched or route is None:
        return Target("missing", path)
    kind = "pass_through" if route.http_pass_through else "view"
    return Target(kind, path, route, match_info)
