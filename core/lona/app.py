"""``App``: routes, settings and hooks of an application, and ``app.run()``.

``app.run(**options)`` takes Lona's keywords (``host``, ``port``,
``shutdown_timeout``, ``log_level``, ``loggers``, ``debug_mode``,
``live_reload``, ``settings_pre_overrides``, ``settings_post_overrides``, ...)
and this project's ``adapter``; ``lona.standalone.run_options`` says how they combine
with the command line.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from lona.routing import Route
from lona.settings import Settings

if TYPE_CHECKING:
    from lona.server import Server
    from lona.standalone.run_options import RunOptions

__all__ = ["App"]

logger = logging.getLogger("lona")
T = TypeVar("T")


class App:
    """``app = App(__file__)``: the project root is the script's directory."""

    def __init__(self, script_path: str) -> None:
        self.script_path = os.path.abspath(script_path)
        self.project_root = os.path.dirname(self.script_path)
        self.settings = Settings()
        self.routes: list[Route] = []
        self.error_views: dict[int, Any] = {}
        self.middlewares: list[Any] = []
        self.template_dirs: list[Path] = []
        self.static_dirs: list[Path] = []
        self._generated: tempfile.TemporaryDirectory[str] | None = None
        self.server: Server | None = None
        self.ran = False  # app.run() was called (``lona run`` tells a script that never does)

    def resolve_path(self, path: str) -> str:
        """``path`` relative to the project root (absolute paths stay as they are)."""
        if path.startswith("/"):
            return path
        return os.path.normpath(os.path.join(self.project_root, path))

    # routes and hooks #######################################################

    def route(
        self,
        raw_pattern: str | int,
        name: str = "",
        interactive: bool = True,
        http_pass_through: bool = False,
        frontend_view: Any = None,
    ) -> Callable[[T], T]:
        """``@app.route("/users/<name>")``: the decorated view serves URLs of
        this pattern (``interactive=False``: plain HTTP; ``http_pass_through``:
        the framework's own request; ``name``: for ``server.reverse``)."""

        def register(view: T) -> T:
            self.routes.append(
                Route(
                    raw_pattern,
                    view,
                    name=name,
                    interactive=interactive,
                    http_pass_through=http_pass_through,
                    frontend_view=frontend_view,
                )
            )
            return view

        return register

    def middleware(self, middleware: Any = None) -> Any:
        """``@app.middleware`` (with or without call) adds a middleware class."""

        def register(cls: T) -> T:
            self.middlewares.append(cls)
            return cls

        return register(middleware) if middleware is not None else register

    def frontend_view(self, view: Any = None) -> Any:
        """``@app.frontend_view`` (with or without call): the view that renders
        the page interactive views start in (``FRONTEND_VIEW``)."""

        def register(view_class: T) -> T:
            self.settings.FRONTEND_VIEW = view_class
            return view_class

        return register(view) if view is not None else register

    def _error_view(self, status: int, view: Any = None) -> Any:
        def register(view_class: T) -> T:
            self.error_views[status] = view_class
            return view_class

        return register(view) if view is not None else register

    def error_403_view(self, view: Any = None) -> Any:
        """``@app.error_403_view``: the view shown for ``ForbiddenError``."""
        return self._error_view(403, view)

    def error_404_view(self, view: Any = None) -> Any:
        """``@app.error_404_view``: the view shown when no route matches."""
        return self._error_view(404, view)

    def error_500_view(self, view: Any = None) -> Any:
        """``@app.error_500_view``: the view shown when view code raises."""
        return self._error_view(500, view)

    def _generated_dir(self, kind: str) -> Path:
        if self._generated is None:
            self._generated = tempfile.TemporaryDirectory(prefix="lona-app-")
            self.template_dirs.insert(0, Path(self._generated.name, "templates"))
            self.static_dirs.insert(0, Path(self._generated.name, "static"))
        directory = Path(self._generated.name, kind)
        directory.mkdir(parents=True, exist_ok=True)
        return directory

    def _add_file(self, kind: str, name: str, string: str, path: str) -> None:
        if not string and not path:
            raise ValueError("either string or path have to be set")
        target = self._generated_dir(kind) / name.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        if path:
            source = Path(self.resolve_path(path))
            if not source.exists():
                raise FileNotFoundError(path)
            target.write_bytes(source.read_bytes())
        else:
            target.write_text(string)

    def add_template(self, name: str, string: str = "", path: str = "") -> None:
        """A template named ``name``, from ``string`` or the file at ``path``."""
        self._add_file("templates", name, string, path)

    def add_static_file(self, name: str, string: str = "", path: str = "") -> None:
        """A static file at ``STATIC_URL_PREFIX + name``, from ``string`` or ``path``."""
        self._add_file("static", name, string, path)

    # running ################################################################

    def create_server(self, url_prefix: str = "", settings: Settings | None = None) -> Server:
        """A server for this app (adapters call it); it becomes ``app.server``."""
        from lona.server import Server

        self.server = Server(self, url_prefix=url_prefix, settings=settings)
        return self.server

    def setup_server(
        self,
        loop: Any = None,
        settings_pre_overrides: dict[str, Any] | None = None,
        settings_post_overrides: dict[str, Any] | None = None,
    ) -> Server:
        """Lona's way to make ``app.server``: the app's settings with the
        overrides applied (pre-overrides first, then post-overrides).

        ``loop`` is accepted for Lona's sake; the server runs on the loop of the
        adapter that serves it."""
        if loop is not None:
            logger.debug("setup_server(loop=...) ignored: the adapter's loop is used")
        settings = self.settings.copy(deep=False)
        settings.update(settings_pre_overrides or {})
        settings.update(settings_post_overrides or {})
        return self.create_server(settings=settings)

    def run(self, loop: Any = None, parse_command_line: bool = True, **options: Any) -> None:
        """Serve the app until SIGINT/SIGTERM; views get ``on_stop(ServerStop)``.

        Takes Lona's keywords and this project's ``adapter``; the command line
        (when ``parse_command_line``) wins over them."""
        from lona.standalone.logging_options import setup_logging
        from lona.standalone.run_options import resolve_run_options

        if loop is not None:
            logger.debug("app.run(loop=...) ignored: the adapter runs its own loop")
        self.ran = True
        resolved = resolve_run_options(sys.argv[1:] if parse_command_line else [], **options)
        setup_logging(resolved.log_level, resolved.loggers, resolved.debug_mode)
        if resolved.live_reload and os.environ.get("LONA_LIVE_RELOAD_CHILD") != "1":
            from lona.standalone.live_reload import run_with_live_reload

            run_with_live_reload(self.project_root, resolved.host, resolved.port, self.settings)
            return
        self.serve(resolved)

    def serve(self, options: RunOptions) -> None:
        """Serve with resolved options (``run`` and ``lona run-server`` end here).

        What keeps the server from starting (no such adapter, the port in use)
        ends the process with one line and exit code 1."""
        from lona.adapter import AdapterNotFound, load_adapter
        from lona.standalone.serving import ServeError, check_port, log_debug_mode

        self.ran = True
        try:
            adapter_instance = load_adapter(options.adapter)
        except AdapterNotFound as error:
            raise ServeError(str(error)) from None
        check_port(options.host, options.port)
        server = self.setup_server(
            settings_pre_overrides=options.settings_pre_overrides,
            settings_post_overrides=options.settings_post_overrides,
        )
        if options.shutdown_timeout is not None:
            server.settings.SHUTDOWN_TIMEOUT = options.shutdown_timeout
        if options.debug:
            server.settings.DEBUG = True
        server.standalone = True  # its requests go to the access log (ACCESS_LOG)
        _install_stop_signals(server)
        _freeze_startup_objects()
        logger.info(
            "serving on http://%s:%d/ with the %s adapter",
            options.host,
            options.port,
            options.adapter,
        )
        log_debug_mode(server.settings, options.host)
        try:
            adapter_instance.serve(server, options.host, options.port)
        except OSError as error:  # the port was taken after the check
            raise ServeError(f"can not serve on {options.host}:{options.port}: {error}") from None
        logger.info("server stopped")


def _freeze_startup_objects() -> None:
    """Keep what exists at startup out of all later garbage collections.

    Modules, classes, routes and settings live as long as the process.  A full
    collection walks every tracked object and pauses every view meanwhile (tens
    of milliseconds at a few hundred thousand objects); frozen, they are never
    walked again.  ``gc.freeze`` is process-wide, so only ``app.run()`` (a
    process of its own) does it; an application that embeds the server may
    call ``gc.freeze()`` itself once it has started.
    """
    gc.collect()
    gc.freeze()


def _install_stop_signals(server: Any) -> None:
    def stop(signum: int, frame: Any) -> None:
        logger.info("received %s, shutting down", signal.Signals(signum).name)
        server.request_stop()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
