"""What a view runtime needs of the server it runs in, as a type.

``lona.runtime`` sits below the server: it never imports ``lona.server``.
The server hands itself to each runtime as a ``RuntimeHost``; ``Server``
satisfies this protocol structurally (mypy checks it where the server
creates a runtime, ``lona.runtime.factory``).  Only what runtimes use is
here: their settings, the core loop and the pool, the registry of running
views, middlewares, templates, channels and a few calls back.

The host is generic in the runtime it hands calls back (``R_contra``): the
server takes its ``ViewRuntime`` back, and this module needs no runtime type.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from lona.view import ViewServer

if TYPE_CHECKING:
    from lona.concurrency.loop import CoreLoop
    from lona.concurrency.threads import ElasticThreadPool
    from lona.middleware_controller import MiddlewareController
    from lona.request import Request
    from lona.responses import AnyRedirect
    from lona.settings import Settings
    from lona.ws.connection import Connection

__all__ = ["ChannelService", "FirstContentSink", "RuntimeHost", "RuntimeIndex", "Templates"]

# the runtime type a host takes back (the server's: ``ViewRuntime``)
R_contra = TypeVar("R_contra", contravariant=True)


class Templates(Protocol):
    def render(
        self,
        template: str | None,
        template_string: str | None = None,
        context: dict[str, Any] | None = None,
    ) -> str: ...


class ChannelService(Protocol):
    @property
    def stopping(self) -> bool: ...


class RuntimeIndex(Protocol[R_contra]):
    """The server's registry of running views as runtimes report to it
    (``lona.runtime.registry.RuntimeRegistry`` is one)."""

    sync_views: int  # sync views holding a pool thread for handle_request

    def stopped(self, runtime: R_contra) -> None: ...

    def page_load_changed(self, runtime: R_contra) -> None: ...

    def daemon_changed(self, runtime: R_contra) -> None: ...


class RuntimeHost(ViewServer, Protocol[R_contra]):
    """The server's services a ``ViewRuntime`` uses; its views see it as a ``ViewServer``."""

    @property
    def settings(self) -> Settings: ...

    @property
    def core_loop(self) -> CoreLoop: ...

    @property
    def loop(self) -> asyncio.AbstractEventLoop: ...

    @property
    def executor(self) -> ElasticThreadPool: ...

    @property
    def registry(self) -> RuntimeIndex[R_contra]: ...

    @property
    def middlewares(self) -> MiddlewareController: ...

    @property
    def templating(self) -> Templates: ...

    @property
    def channels(self) -> ChannelService: ...

    @property
    def resume_buffer_size(self) -> int: ...

    def next_view_id(self) -> str: ...

    def spawn(
        self, coroutine: Coroutine[Any, Any, Any], name: str | None = None
    ) -> asyncio.Task[Any]: ...

    def connections(self) -> Sequence[Connection]: ...

    def forget_runtime(self, runtime: R_contra) -> None: ...

    def render_error(self, error: BaseException, request: Request, interactive: bool) -> Any:
        """The 403/404/500 view's output for ``error`` (a node tree or HTML)."""
        ...


class FirstContentSink(Protocol):
    """A page load waiting for what its view shows first (``lona.http.first_content``)."""

    def ready(self, redirect: AnyRedirect | None = None) -> None: ...
