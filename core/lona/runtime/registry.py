"""The running views of a server: by id, by attach token, and the daemons.

Only the core loop changes the registry.  Views are kept per user, with
their running views, the page loads among them and their daemons kept
current as they change: the views-per-session limit costs O(1) and finding
a daemon to re-attach O(daemons of the user), so neither a server with
10,000 connected views nor a user with many views makes a VIEW message cost
more.
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


class _ViewsOfUser:
    """One user's views, kept current as they change, so counting them is O(1)."""

    __slots__ = ("awaiting", "daemons", "registered", "running")

    def __init__(self) -> None:
        self.registered: set[ViewRuntime] = set()
        self.running: set[ViewRuntime] = set()  # not stopped yet
        self.awaiting: set[ViewRuntime] = set()  # running, started by a page load, no window yet
        self.daemons: set[ViewRuntime] = set()

    def __bool__(self) -> bool:
        return bool(self.registered)


class RuntimeRegistry:
    def __init__(self) -> None:
        self._by_id: dict[str, ViewRuntime] = {}
        self._by_token: dict[str, ViewRuntime] = {}
        # started by page loads, no websocket attached yet: capped across all sessions
        self._page_loads: set[ViewRuntime] = set()
        # per user, so that limits and daemon lookups never walk other users' views
        self._by_user: dict[Any, _ViewsOfUser] = {}
        self.emptied: asyncio.Event | None = None  # set whenever the last view is gone
        # sync views whose handle_request runs, each in a thread of its own
        self.sync_views = 0

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def by_id(self) -> dict[str, ViewRuntime]:
        """The running views by id (read it, never change it)."""
        return self._by_id

    def __iter__(self) -> Iterator[ViewRuntime]:
        return iter(list(self._by_id.values()))

    def _views_of(self, runtime: ViewRuntime) -> _ViewsOfUser | None:
        return self._by_user.get(_user_key(runtime.user))

    def add(self, runtime: ViewRuntime) -> None:
        self._by_id[runtime.id] = runtime
        self._by_token[runtime.attach_token] = runtime
        views = self._by_user.setdefault(_user_key(runtime.user), _ViewsOfUser())
        views.registered.add(runtime)
        if runtime.stop_reason is None:
            views.running.add(runtime)
        if self.emptied is not None:
            self.emptied.clear()

    def remove(self, runtime: ViewRuntime) -> None:
        self._by_id.pop(runtime.id, None)
        self._by_token.pop(runtime.attach_token, None)
        self._page_loads.discard(runtime)
        key = _user_key(runtime.user)
        views = self._by_user.get(key)
        if views is not None:
            for group in (views.registered, views.running, views.awaiting, views.daemons):
                group.discard(runtime)
            if not views:
                del self._by_user[key]
        if not self._by_id and self.emptied is not None:
            self.emptied.set()

    def stopped(self, runtime: ViewRuntime) -> None:
        """A view stopped: it no longer counts against its user's limit."""
        views = self._views_of(runtime)
        if views is not None:
            views.running.discard(runtime)
            views.awaiting.discard(runtime)

    def running_views_of(self, user: Any, page_loads: bool = True) -> int:
        """How many views of ``user`` run (not stopped yet); with ``page_loads``
        also those that page loads started and no window shows yet."""
        key = _user_key(user)
        views = self._by_user.get(key)
        if views is None:
            return 0
        if key is _UNHASHABLE:  # users that are no dict keys share one bucket
            return sum(
                1
                for r in views.running
                if r.user == user and (page_loads or r not in views.awaiting)
            )
        return len(views.running) - (0 if page_loads else len(views.awaiting))

    @property
    def page_loads(self) -> int:
        """Views that page loads started and no websocket attached to yet."""
        return len(self._page_loads)

    def page_load_changed(self, runtime: ViewRuntime) -> None:
        views = self._views_of(runtime)
        if runtime.awaiting_window and runtime.id in self._by_id:
            self._page_loads.add(runtime)
            if views is not None and runtime in views.running:
                views.awaiting.add(runtime)
        else:
            self._page_loads.discard(runtime)
            if views is not None:
                views.awaiting.discard(runtime)

    def by_token(self, token: str) -> ViewRuntime | None:
        return self._by_token.get(token)

    def daemon_changed(self, runtime: ViewRuntime) -> None:
        views = self._views_of(runtime)
        if views is None:
            return
        if runtime.is_daemon and runtime.id in self._by_id:
            views.daemons.add(runtime)
        else:
            views.daemons.discard(runtime)

    def find_daemon(
        self, user: Any, route: Route, match_info: dict[str, str]
    ) -> ViewRuntime | None:
        """A daemon of this user on this route and match_info that takes new windows."""
        views = self._by_user.get(_user_key(user))
        if views is None:
            return None
        for runtime in views.daemons:
            if (
                runtime.route is route
                and runtime.match_info == match_info
                and runtime.user == user
                and runtime.accepts_windows()
            ):
                return runtime
        return None
