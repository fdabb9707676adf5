"""The contract between the core and a web framework adapter.

An adapter provides exactly two things (``lona.adapter.contract``):

* a ``Transport``: one open websocket.  The core calls ``send`` and ``close``,
  always on the core's event loop, one call at a time per websocket (the core
  keeps its own queue per connection).
* an ``Adapter``: ``serve(server, host, port)`` runs a standalone server until
  ``server`` asks to stop.

and calls the ``Server`` protocol: ``start`` (or ``start_in_thread``),
``handle_http`` (or ``handle_http_sync``), ``open_websocket`` -> a
``Connection`` whose ``receive(text)`` and ``closed()`` may be called from any
thread, and ``stop`` (or ``stop_in_thread``).  ``docs/adapters.md`` walks
through writing one.

This is the only core package an adapter imports (an import-linter contract
checks it): what adapters need from elsewhere in the core is re-exported
here (the request and response shapes, reading bodies, close codes, the
thread pool, the environment variable of the signing key), and so is the
framework-free code they share: ``host`` (limits, prefix, user, layout),
``streamed_body`` (bodies delivered by callback), ``blocking`` (blocking
websockets and bodies), ``header_gate`` and ``threaded`` (threaded servers).
"""

from __future__ import annotations

import difflib
import importlib
from importlib.metadata import EntryPoint, entry_points

from lona.adapter.contract import Adapter, Connection, Server, Transport, deliver
from lona.adapter.host import (
    HEAD_LIMIT,
    GetUser,
    HostLayout,
    MountedServer,
    header_timeout,
    http_body_limit,
    message_size_limit,
    mount_prefix,
    refuse_static_clash,
    refused_native,
    user_of,
)
from lona.concurrency.threads import ElasticThreadPool
from lona.http import Headers, HttpRequest, HttpResponse
from lona.http.input import HttpError, announces_body, read_body
from lona.protocol import CloseCode
from lona.security.trust import ENVIRONMENT_VARIABLE as SECRET_KEY_VARIABLE

__all__ = [
    "HEAD_LIMIT",
    "SECRET_KEY_VARIABLE",
    "Adapter",
    "AdapterNotFound",
    "CloseCode",
    "Connection",
    "ElasticThreadPool",
    "GetUser",
    "Headers",
    "HostLayout",
    "HttpError",
    "HttpRequest",
    "HttpResponse",
    "MountedServer",
    "Server",
    "Transport",
    "announces_body",
    "available_adapters",
    "default_adapter",
    "deliver",
    "header_timeout",
    "http_body_limit",
    "load_adapter",
    "loadable_adapters",
    "message_size_limit",
    "mount_prefix",
    "read_body",
    "refuse_static_clash",
    "refused_native",
    "user_of",
]


ENTRY_POINT_GROUP = "lona.adapters"
# the default among several adapters that can run: the first of these that can,
# then the others by name (aiohttp first: it needs no thread per open page)
PREFERRED_ADAPTERS = ("aiohttp", "tornado", "flask")


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
