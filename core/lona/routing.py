"""Routes: URL patterns mapped to views.

``'/users/<name>/'`` captures a path segment, ``'/<path:.*>'`` a regex, and a
pattern ending in ``(/)`` accepts the URL with or without a trailing slash.
The first matching route wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["MATCH_ALL", "Route", "Router"]

MATCH_ALL = 1

_PLACEHOLDER = re.compile(r"<(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?P<regex>[^>]+))?>")


class Route:
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
        self.optional_trailing_slash = False
        self.format_string = ""
        self._regex: re.Pattern[str] | None = None
        if raw_pattern != MATCH_ALL:
            self._compile(str(raw_pattern))

    def _compile(self, pattern: str) -> None:
        if pattern.endswith("(/)"):
            self.optional_trailing_slash = True
            pattern = pattern[:-3]
        regex, format_string, position = "", "", 0
        for match in _PLACEHOLDER.finditer(pattern):
            literal = pattern[position : match.start()]
            regex += re.escape(literal)
            format_string += literal.replace("{", "{{").replace("}", "}}")
            regex += f"(?P<{match['name']}>{match['regex'] or '[^/]+'})"
            format_string += "{" + match["name"] + "}"
            position = match.end()
        literal = pattern[position:]
        regex += re.escape(literal)
        format_string += literal.replace("{", "{{").replace("}", "}}")
        if self.optional_trailing_slash and not regex.endswith("/"):
            regex += "/?"
        elif self.optional_trailing_slash:
            regex = regex[:-1] + "/?"
        self._regex = re.compile(f"^{regex}$")
        self.format_string = (
            format_string.rstrip("/") if self.optional_trailing_slash else (format_string)
        )

    def match(self, path: str) -> dict[str, str] | None:
        if self.raw_pattern == MATCH_ALL:
            return {}
        assert self._regex is not None
        match = self._regex.match(path)
        return match.groupdict() if match else None

    def reverse(self, *args: Any, **kwargs: Any) -> str:
        if self.raw_pattern == MATCH_ALL:
            raise ValueError(f"route {self.name!r} matches everything and can not be reversed")
        names = [m["name"] for m in _PLACEHOLDER.finditer(str(self.raw_pattern))]
        values = dict(zip(names, args, strict=False))
        values.update(kwargs)
        for name in names:
            if name not in values:
                raise ValueError(f"missing URL arg: {name}")
        return self.format_string.format(**values) or "/"

    def __repr__(self) -> str:
        return f"<Route {self.raw_pattern!r} -> {self.view!r}>"


@dataclass(frozen=True, slots=True)
class Resolved:
    route: Route
    match_info: dict[str, str]


class Router:
    def __init__(self, routes: list[Route] | None = None) -> None:
        self.routes: list[Route] = list(routes or [])

    def resolve(self, path: str) -> Resolved | None:
        for route in self.routes:
            match_info = route.match(path)
            if match_info is not None:
                return Resolved(route, match_info)
        return None

    def get_route(self, name: str) -> Route:
        for route in self.routes:
            if route.name == name:
                return route
        raise ValueError(f"no route named {name!r} found")

    def reverse(self, route_name: str, /, *args: Any, **kwargs: Any) -> str:
        return self.get_route(route_name).reverse(*args, **kwargs)
