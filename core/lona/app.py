"""``App``: routes, settings and hooks of an application, and ``app.run()``."""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lona.routing import Route
from lona.settings import Settings

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
        self.server: Any = None

    # routes and hooks #######################################################

    def route(
        self,
        raw_pattern: str | int,
        name: str = "",
        interactive: bool = True,
        http_pass_through: bool = False,
        frontend_view: Any = None,
    ) -> Callable[[T], T]:
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

    def _error_view(self, status: int, view: Any = None) -> Any:
        def register(view_class: T) -> T:
            self.error_views[status] = view_class
            return view_class

        return register(view) if view is not None else register

    def error_403_view(self, view: Any = None) -> Any:
        return self._error_view(403, view)

    def error_404_view(self, view: Any = None) -> Any:
        return self._error_view(404, view)

    def error_500_view(self, view: Any = None) -> Any:
        return self._error_view(500, view)

    def _generated_dir(self, kind: str) -> Path:
        if self._generated is None:
            self._generated = tempfile.TemporaryDirectory(prefix="lona-app-")
            self.template_dirs.insert(0, Path(self._generated.name, "templates"))
            self.static_dirs.insert(0, Path(self._generated.name, "static"))
        directory = Path(self._generated.name, kind)
        directory.mkdir(parents=True, exist_ok=True)
        return directory

    def add_template(self, name: str, string: str = "", path: str = "") -> None:
        target = self._generated_dir("templates") / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(string if not path else Path(self.project_root, path).read_text())

    def add_static_file(self, name: str, string: str = "", path: str = "") -> None:
        target = self._generated_dir("static") / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(string if not path else Path(self.project_root, path).read_text())

    # running ################################################################

    def create_server(self, url_prefix: str = "") -> Any:
        from lona.server import Server

        return Server(self, url_prefix=url_prefix)

    def run(
        self,
        host: str | None = None,
        port: int | None = None,
        adapter: str | None = None,
        parse_command_line: bool = True,
        log_level: str | None = None,
        live_reload: bool = False,
    ) -> None:
        """Serve the app until SIGINT/SIGTERM; views get ``on_stop(ServerStop)``."""
        from lona.adapter import load_adapter
        from lona.cli import resolve_run_options, setup_logging

        options = resolve_run_options(
            sys.argv[1:] if parse_command_line else [],
            host=host,
            port=port,
            adapter=adapter,
            log_level=log_level,
            live_reload=live_reload,
        )
        setup_logging(options.log_level)
        self.settings.update(options.settings_overrides)
        if options.live_reload and os.environ.get("LONA_LIVE_RELOAD_CHILD") != "1":
            from lona.live_reload import run_with_live_reload

            run_with_live_reload(self.project_root)
            return
        adapter_instance = load_adapter(options.adapter)
        server = self.create_server()
        self.server = server
        _install_stop_signals(server)
        _freeze_startup_objects()
        logger.info(
            "serving on http://%s:%d/ with the %s adapter",
            options.host,
            options.port,
            options.adapter,
        )
        adapter_instance.serve(server, options.host, options.port)
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
