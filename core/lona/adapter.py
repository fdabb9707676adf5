"""The contract between the core and a web framework adapter.

An adapter provides exactly two things:

* ``Transport``: one open websocket.  The core calls ``send`` and ``close``,
  always on the core's event loop, one call at a time per websocket (the core
  keeps its own queue per connection).
* ``Adapter``: ``serve(server, host, port)`` runs a standalone server until
  ``server`` asks to stop.

and uses four entry points of ``lona.server.Server``:

* ``await server.start()`` on a running asyncio loop, or ``server.start_in_thread()``;
* ``await server.handle_http(request)`` / ``server.handle_http_sync(request)``;
* ``server.open_websocket(request, transport)`` -> a connection whose
  ``receive(text)`` and ``closed()`` may be called from any thread;
* ``await server.stop()`` / ``server.stop_in_thread()``.

``docs/adapters.md`` walks through writing one.

This is the only core module an adapter imports (an import-linter contract
checks it): what adapters need from elsewhere in the core is re-exported
here: the request and response shapes, reading bodies, close codes, the
thread pool, the environment variable of the signing key, and the types
``Server`` and ``Connection``.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
from abc import ABC, abstractmethod
from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any, ClassVar

from lona.concurrency.threads import ElasticThreadPool
from lona.http import Headers, HttpRequest, HttpResponse
from lona.http.input import HttpError, announces_body, read_body
from lona.protocol import CloseCode
from lona.security.trust import ENVIRONMENT_VARIABLE as SECRET_KEY_VARIABLE

if TYPE_CHECKING:
    # lona.server and lona.ws.connection import this module: at run time
    # these two load on first use (__getattr__ below)
    from lona.server import Server as Server
    from lona.ws.connection import Connection as Connection

__all__ = [
    "HEAD_LIMIT",
    "SECRET_KEY_VARIABLE",
    "Adapter",
    "AdapterNotFound",
    "CloseCode",
    "ElasticThreadPool",
    "GetUser",
    "Headers",
    "HostLayout",
    "HttpError",
    "HttpRequest",
    "HttpResponse",
    "Transport",
    "announces_body",
    "available_adapters",
    "default_adapter",
    "header_timeout",
    "http_body_limit",
    "load_adapter",
    "loadable_adapters",
    "mount_prefix",
    "read_body",
    "set_host_layout",
    "set_host_layout_sync",
    "user_of",
]


def __getattr__(name: str) -> Any:
    """``Server`` and ``Connection``, imported when an adapter first asks for them."""
    if name == "Server":
        from lona.server import Server

        return Server
    if name == "Connection":
        from lona.ws.connection import Connection

        return Connection
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


ENTRY_POINT_GROUP = "lona.adapters"
# the default among several adapters that can run: the first of these that can,
# then the others by name (aiohttp first: it needs no thread per open page)
PREFERRED_ADAPTERS = ("aiohttp", "tornado", "flask")


class Transport(ABC):
    """One open websocket of an adapter; the core writes to it on its loop."""

    @abstractmethod
    async def send(self, text: str) -> None:
        """Send one text frame.  May wait while a slow client drains its buffer."""

    @abstractmethod
    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Close the websocket with this close code; must not raise if already closed."""


class Adapter(ABC):
    """A web framework plugged into the core, registered under ``lona.adapters``."""

    name: ClassVar[str] = ""

    @abstractmethod
    def serve(self, server: Server, host: str, port: int) -> None:
        """Serve ``server`` on host:port; block until ``server.stop_requested``
        is set (by a signal or a call to ``server.request_stop()``), then shut
        down gracefully: stop accepting, ``server.stop()``, release the port."""


class AdapterNotFound(LookupError):
    pass


def available_adapters() -> dict[str, str]:
    """Registered adapter names and the objects they point to (whether or not
    their frameworks are installed: see ``loadable_adapters``)."""
    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _by_preference(names: list[str]) -> list[str]:
    def rank(name: str) -> tuple[int, str]:
        preferred = name in PREFERRED_ADAPTERS
        return (PREFERRED_ADAPTERS.index(name) if preferred else len(PREFERRED_ADAPTERS), name)

    return sorted(names, key=rank)


def _loads(name: str) -> bool:
    """Whether the adapter registered as ``name`` imports (its framework is installed)."""
    for entry_point in _registered(name):
        try:
            entry_point.load()
        except Exception:
            return False
        return True
    return False


def _registered(name: str) -> list[EntryPoint]:
    return [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == name]


def loadable_adapters() -> list[str]:
    """The registered adapters that can run here, the preferred one first."""
    return [name for name in _by_preference(list(available_adapters())) if _loads(name)]


def default_adapter() -> str:
    """The adapter to use when none is named: aiohttp when it can run here,
    else the first that can (with one adapter installed, that one)."""
    for name in _by_preference(list(available_adapters())):
        if _loads(name):
            return name
    return PREFERRED_ADAPTERS[0]  # none can run: loading it says what to install


def _what_runs(exclude: str = "") -> str:
    names = [name for name in loadable_adapters() if name != exclude]
    if not names:
        return "no adapter can run here: install one, e.g. pip install 'lona-live[aiohttp]'"
    return "adapters that can run here: " + ", ".join(names)


def load_adapter(name: str) -> Adapter:
    """An adapter by entry point name (``aiohttp``) or import path (``pkg.mod:Class``).

    ``AdapterNotFound`` says in one line what is wrong, and names only the
    adapters that can actually run here."""
    if ":" in name:
        module_name, _, attribute = name.partition(":")
        try:
            target = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as error:
            raise AdapterNotFound(f"can not load the adapter {name!r}: {error}") from error
    else:
        matches = _registered(name)
        if not matches:
            close = difflib.get_close_matches(name, loadable_adapters(), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise AdapterNotFound(f"there is no adapter {name!r}{hint}; {_what_runs()}")
        try:
            target = matches[0].load()
        except ImportError as error:
            missing = getattr(error, "name", None) or str(error)
            raise AdapterNotFound(
                f"the {name} adapter needs {missing}, which is not installed "
                f"(pip install 'lona-live[{name}]'); {_what_runs(name)}"
            ) from error
    adapter = target() if isinstance(target, type) else target
    if not isinstance(adapter, Adapter):
        raise AdapterNotFound(f"{name!r} is not a lona.adapter.Adapter")
    return adapter


# helpers every adapter needs, so that they all decide alike ##################

HEAD_LIMIT = 64 * 1024
"""What a server library should accept of a request line or a header line, so
that URLs and headers up to the core's limits (``MAX_URL_LENGTH``,
``MAX_HEADER_SIZE``) reach the core, which answers larger ones alike."""

GetUser = Callable[[Any], Any]
"""``get_user(native_request) -> user``: the host application's logged-in user."""


def mount_prefix(prefix: str) -> str:
    """Check an embedding's URL prefix: ``""`` or ``"/live"`` (a trailing ``/`` is dropped).

    A prefix the browser could not use as a path start is refused at once,
    instead of serving pages whose websocket URL never matches.
    """
    if not isinstance(prefix, str):
        raise TypeError(f"the URL prefix must be a string, got {prefix!r}")
    prefix = prefix.rstrip("/")
    if prefix and (not prefix.startswith("/") or any(c in prefix for c in "?#\\ ")):
        raise ValueError(f"the URL prefix must be empty or a path like '/live', got {prefix!r}")
    return prefix


def http_body_limit(server: Server) -> int:
    """The body limit for the framework's own body reading (pass-through views).

    The core reads every other body through ``HttpRequest.body_reader`` and
    checks the limits itself, so uploads to buckets are not cut at this size.
    """
    limit: int = server.settings.MAX_HTTP_BODY_SIZE
    return limit


def header_timeout(server: Server) -> float:
    """Seconds a standalone server gives a client to send a request's head
    (``HTTP_HEADER_TIMEOUT``; 0 means an hour), so slow clients can not hold
    connections open without end."""
    timeout = float(server.settings.HTTP_HEADER_TIMEOUT or 0)
    return timeout if timeout > 0 else 3600.0


async def user_of(get_user: GetUser | None, native: Any) -> Any:
    """``get_user(native)``, awaited when it returns an awaitable; None without it."""
    if get_user is None:
        return None
    user = get_user(native)
    if inspect.isawaitable(user):
        user = await user
    return user


HostLayout = Callable[[Any], Any]
"""``layout(native_request) -> str``: the host's own page around a live view,
with the marks of ``lona.layout.LAYOUT`` (sync, or async where the framework is)."""


def _layout_text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


async def set_host_layout(
    server: Server, layout: HostLayout | None, request: HttpRequest, native: Any
) -> None:
    """Render the host's layout for a page load of a live view (``lona.layout``)."""
    from lona.layout import is_page_load

    if layout is None or not is_page_load(server, request):
        return
    value = layout(native)
    if inspect.isawaitable(value):
        value = await value
    request.layout = _layout_text(value)


def set_host_layout_sync(
    server: Server, layout: HostLayout | None, request: HttpRequest, native: Any
) -> None:
    """``set_host_layout`` for frameworks without a loop (Flask): in the request's thread."""
    from lona.layout import is_page_load

    if layout is not None and is_page_load(server, request):
        request.layout = _layout_text(layout(native))
