"""The running views of a server: by id, by attach token, and the daemons.

Only the core loop changes the registry.  Daemons are kept in their own set,
so finding one to re-attach costs O(daemons), not O(views): a server with
10,000 connected views and a handful of daemons stays fast to navigate.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lona.routing import Route
    from lona.runtime.view_runtime import ViewRuntime

__all__ = ["RuntimeRegistry"]


class RuntimeRegistry:
    def __init__(self) -> None:
        self._by_id: dict[str, ViewRuntime] = {}
        self._by_token: dict[str, ViewRuntime] = {}
        self._daemons: set[ViewRuntime] = set()
        self.emptied: asyncio.Event | None = None  # set whenever the last view is gone

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[ViewRuntime]:
        return iter(list(self._by_id.values()))

    def add(self, runtime: ViewRuntime) -> None:
        self._by_id[runtime.id] = runtime
        self._by_token[runtime.attach_token] = runtime
        if self.emptied is not None:
            self.emptied.clear()

    def remove(self, runtime: ViewRuntime) -> None:
        self._by_id.pop(runtime.id, None)
        self._by_token.pop(runtime.attach_token, None)
        self._daemons.discard(runtime)
        if not self._by_id and self.emptied is not None:
            self.emptied.set()

    def by_token(self, token: str) -> ViewRuntime | None:
        return self._by_token.get(token)

    def daemon_changed(self, runtime: ViewRuntime) -> None:
        if runtime.is_daemon and runtime.id in self._by_id:
            self._daemons.add(runtime)
        else:
            self._daemons.discard(runtime)

    def find_daemon(
        self, user: Any, route: Route, match_info: dict[str, str]
    ) -> ViewRuntime | None:
        """A daemon of this user on this route and match_info that takes new windows."""
        for runtime in self._daemons:
            if (
                runtime.route is route
                and runtime.match_info == match_info
                and runtime.user == user
                and runtime.accepts_windows()
            ):
                return runtime
        return None
