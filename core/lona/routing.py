"""Routes: URL patterns mapped to views, and the ``Router`` that resolves them.

``'/users/<name>/'`` captures a path segment, ``'/<path:.*>'`` a regex, and a
pattern ending in ``(/)`` accepts the URL with or without a trailing slash.
The first matching route wins.  The API is Lona's: ``Router().add_routes(...)``,
``resolve(path) -> (matched, route, match_info)``, ``reverse(name, **args)``.

Text outside the placeholders is literal (Lona compiles it as a regex too, so
there ``'/a.b/<x>'`` also matches ``'/aXb/1'``); this is documented in
``docs/lona.md``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from lona import default_settings

__all__ = ["MATCH_ALL", "Resolved", "Route", "Router", "router_for"]

logger = logging.getLogger("lona.routing")

MATCH_ALL = 1

_PLACEHOLDER = re.compile(r"<(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?P<regex>[^>]+))?>")
_DEFAULT_REGEX = "[^/]+"
OPTIONAL_TRAILING_SLASH = "(/)"


def _escape_format(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


class Route:
    """One URL pattern and its view.

    ``path`` is the pattern when it has no placeholders (compared as a string),
    ``pattern`` the compiled regex when it has some; ``format_string`` builds
    URLs back for ``reverse``.
    """

    def __init__(
        self,
        raw_pattern: str | int,
        view: Any,
        name: str = "",
        interactive: bool = True,
        http_pass_through: bool = False,
        frontend_view: Any = None,
    ) -> None:
        self.raw_pattern = raw_pattern
        self.view = view
        self.name = name
        self.interactive = interactive
        self.http_pass_through = http_pass_through
        self.frontend_view = frontend_view
        self.path: str | int | None = None
        self.pattern: re.Pattern[str] | None = None
        self.format_string = ""
        self.optional_trailing_slash = False
        self.placeholders: list[str] = []
        if raw_pattern == MATCH_ALL:
            self.path = MATCH_ALL
        elif isinstance(raw_pattern, str):
            self._compile(raw_pattern)
        else:
            raise TypeError(f"a route pattern is a string or MATCH_ALL, not {raw_pattern!r}")

    def _compile(self, pattern: str) -> None:
        if pattern.endswith(OPTIONAL_TRAILING_SLASH):
            self.optional_trailing_slash = True
            pattern = pattern[: -len(OPTIONAL_TRAILING_SLASH)]
        placeholders = list(_PLACEHOLDER.finditer(pattern))
        if not placeholders:
            # a plain string: compared as it is (one trailing slash of the
            # request's path dropped first when it is optional), as in Lona
            self.path = pattern
            self.format_string = _escape_format(pattern)
            return
        regex, format_string, position = "", "", 0
        for match in placeholders:
            literal = pattern[position : match.start()]
            regex += re.escape(literal) + f"(?P<{match['name']}>{match['regex'] or _DEFAULT_REGEX})"
            format_string += _escape_format(literal) + "{" + match["name"] + "}"
            self.placeholders.append(match["name"])
            position = match.end()
        literal = pattern[position:]
        regex += re.escape(literal)
        if self.optional_trailing_slash:
            regex += "(/)?"
        self.pattern = re.compile(f"^{regex}$")
        self.format_string = format_string + _escape_format(literal)

    def match(self, path: str) -> tuple[bool, dict[str, str]]:
        """``(True, match_info)`` when ``path`` is this route's, else ``(False, {})``."""
        if self.path == MATCH_ALL:
            return True, {}
        if self.pattern is None:
            if self.optional_trailing_slash and path.endswith("/"):
                path = path[:-1]
            return path == self.path, {}
        match = self.pattern.match(path)
        if match is None:
            return False, {}
        return True, {name: match[name] for name in self.placeholders}

    def reverse(self, *args: Any, **kwargs: Any) -> str:
        """This route's URL; positional arguments fill the placeholders in order."""
        if self.path == MATCH_ALL:
            raise ValueError(f"route {self.name!r} matches everything and can not be reversed")
        if self.pattern is None:
            return str(self.path)
        values = dict(zip(self.placeholders, args, strict=False))
        values.update(kwargs)
        for name in self.placeholders:
            if name not in values:
                raise ValueError(f"missing URL arg: {name}")
        return self.format_string.format(**values)

    def __repr__(self) -> str:
        pattern = "MATCH_ALL" if self.raw_pattern == MATCH_ALL else self.raw_pattern
        return f"<Route({pattern}, {self.view})>"


class Resolved(NamedTuple):
    """What ``Router.resolve`` returns: unpacks as ``match, route, match_info``."""

    match: bool
    route: Route | None
    match_info: dict[str, str]


_NO_MATCH = Resolved(False, None, {})


class Router:
    """Routes in order; resolving, name lookups and reversing are LRU-cached
    (``ROUTING_*_CACHE_MAX_SIZE``), and adding a route empties the caches."""

    def __init__(self, routes: list[Route] | None = None) -> None:
        self.routes: list[Route] = []
        self.resize_name_cache(default_settings.ROUTING_NAME_CACHE_MAX_SIZE)
        self.resize_resolve_cache(default_settings.ROUTING_RESOLVE_CACHE_MAX_SIZE)
        self.resize_reverse_cache(default_settings.ROUTING_REVERSE_CACHE_MAX_SIZE)
        self.add_routes(*(routes or []))

    # caches #################################################################

    def resize_name_cache(self, max_size: int | None) -> None:
        self._name_cache = lru_cache(max_size)(self._get_route)

    def get_name_cache_info(self) -> Any:
        return self._name_cache.cache_info()

    def clear_name_cache_info(self) -> None:
        self._name_cache.cache_clear()

    def resize_resolve_cache(self, max_size: int | None) -> None:
        self._resolve_cache = lru_cache(max_size)(self._resolve)

    def get_resolve_cache_info(self) -> Any:
        return self._resolve_cache.cache_info()

    def clear_resolve_cache_info(self) -> None:
        self._resolve_cache.cache_clear()

    def resize_reverse_cache(self, max_size: int | None) -> None:
        self._reverse_cache = lru_cache(max_size)(self._reverse)

    def get_reverse_cache_info(self) -> Any:
        return self._reverse_cache.cache_info()

    def clear_reverse_cache_info(self) -> None:
        self._reverse_cache.cache_clear()

    def _clear_caches(self) -> None:
        self.clear_name_cache_info()
        self.clear_resolve_cache_info()
        self.clear_reverse_cache_info()

    # routes #################################################################

    def add_route(self, route: Route) -> None:
        if route.name and any(known.name == route.name for known in self.routes):
            logger.warning("route name '%s' already exists", route.name)
        self.routes.append(route)
        self._clear_caches()

    def add_routes(self, *routes: Route) -> None:
        for route in routes:
            self.add_route(route)

    def _get_route(self, name: str) -> Route | None:
        for route in self.routes:
            if route.name == name:
                return route
        return None

    def get_route(self, name: str) -> Route | None:
        """The first route called ``name``, or None."""
        return self._name_cache(name)

    # resolve ################################################################

    def _resolve(self, path: str) -> Resolved:
        for route in self.routes:
            matched, match_info = route.match(path)
            if matched:
                return Resolved(True, route, match_info)
        return _NO_MATCH

    def resolve(self, path: str) -> Resolved:
        """``(matched, route, match_info)`` of the first route matching ``path``."""
        resolved = self._resolve_cache(path)
        # a fresh dict each time: the cached one must not change when a view does
        return Resolved(resolved.match, resolved.route, dict(resolved.match_info))

    # reverse ################################################################

    def _reverse(self, route_name: str, *args: Any, **kwargs: Any) -> str:
        route = self.get_route(route_name)
        if route is None:
            raise ValueError(f"no route named '{route_name}' found")
        return route.reverse(*args, **kwargs)

    def reverse(self, route_name: str, *args: Any, **kwargs: Any) -> str:
        """The URL of the route ``route_name`` with these placeholder values."""
        reverse: Callable[..., str] = self._reverse_cache
        try:
            hash((args, tuple(kwargs.items())))
        except TypeError:
            reverse = self._reverse  # lists and such can not be cache keys
        return reverse(route_name, *args, **kwargs)


def router_for(routes: list[Route], settings: Any) -> Router:
    """A router of ``routes`` with the cache sizes of ``settings``."""
    router = Router()
    router.resize_name_cache(settings.ROUTING_NAME_CACHE_MAX_SIZE)
    router.resize_resolve_cache(settings.ROUTING_RESOLVE_CACHE_MAX_SIZE)
    router.resize_reverse_cache(settings.ROUTING_REVERSE_CACHE_MAX_SIZE)
    router.add_routes(*routes)
    return router
