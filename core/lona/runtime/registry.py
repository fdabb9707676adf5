"""The running views of a server: by id, by attach token, and the daemons.

Only the core loop changes the registry.  Daemons are kept in their own set,
so finding one to re-attach costs O(daemons), not O(views), and views are
kept per user, so the views-per-session limit costs O(views of the user): a
server with 10,000 connected views stays as fast to navigate as an idle one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lona.routing import Route
    from lona.runtime.view_runtime import ViewRuntime

__all__ = ["RuntimeRegistry"]


_UNHASHABLE = object()  # the bucket of users that can not be dict keys


def _user_key(user: Any) -> Any:
    try:
        hash(user)
    except TypeError:
        return _UNHASHABLE
    return user


class RuntimeRegistry:
    def __init__(self) -> None:
        self._by_id: dict[str, ViewRuntime] = {}
        self._by_token: dict[str, ViewRuntime] = {}
        self._daemons: set[ViewRuntime] = set()
        # started by page loads, no websocket attached yet: capped across all sessions
        self._page_loads: set[ViewRuntime] = set()
        # per user, so that the views-per-session limit costs O(views of that user)
        self._by_user: dict[Any, set[ViewRuntime]] = {}
        self.emptied: asyncio.Event | None = None  # set whenever the last view is gone

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def by_id(self) -> dict[str, ViewRuntime]:
        """The running views by id (read it, never change it)."""
        return self._by_id

    def __iter__(self) -> Iterator[ViewRuntime]:
        return iter(list(self._by_id.values()))

    def add(self, runtime: ViewRuntime) -> None:
        self._by_id[runtime.id] = runtime
        self._by_token[runtime.attach_token] = runtime
        self._by_user.setdefault(_user_key(runtime.user), set()).add(runtime)
        if self.emptied is not None:
            self.emptied.clear()

    def remove(self, runtime: ViewRuntime) -> None:
        self._by_id.pop(runtime.id, None)
        self._by_token.pop(runtime.attach_token, None)
        self._daemons.discard(runtime)
        self._page_loads.discard(runtime)
        key = _user_key(runtime.user)
        views = self._by_user.get(key)
        if views is not None:
            views.discard(runtime)
            if not views:
                del self._by_user[key]
        if not self._by_id and self.emptied is not None:
            self.emptied.set()

    def running_views_of(self, user: Any, page_loads: bool = True) -> int:
        """How many views of ``user`` run (not stopped yet); with ``page_loads``
        also those that page loads started and no window shows yet."""
        views = self._by_user.get(_user_key(user), ())
        return sum(
            1
            for r in views
            if r.user == user and r.stop_reason is None and (page_loads or not r.awaiting_window)
        )

    @property
    def page_loads(self) -> int:
        """Views that page loads started and no websocket attached to yet."""
        return len(self._page_loads)

    def page_load_changed(self, runtime: ViewRuntime) -> None:
        if runtime.awaiting_window and runtime.id in self._by_id:
            self._page_loads.add(runtime)
        else:
            self._page_loads.discard(runtime)

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
