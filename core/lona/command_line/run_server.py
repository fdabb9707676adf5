"""``run_server(args)``: Lona's ``lona run-server`` as a function.

``args`` has Lona's attributes (``project_root``, ``settings``, the override
dicts, ``host``, ``port``, ``shutdown_timeout``, ``live_reload``,
``log_level``, ...) and optionally this project's ``adapter``.  ``server``
(a server Lona's ``App`` made) is accepted; its app is served then.
"""

from __future__ import annotations

import os
from typing import Any

from lona.cli.project import load_project
from lona.standalone.logging_options import setup_logging
from lona.standalone.run_options import parse_overrides, resolve_run_options

__all__ = ["run_server"]


def run_server(args: Any, server: Any = None) -> None:
    def option(name: str, default: Any = None) -> Any:
        return getattr(args, name, default)

    options = resolve_run_options(
        [],
        host=option("host"),
        port=option("port"),
        adapter=option("adapter"),
        log_level=option("log_level"),
        live_reload=bool(option("live_reload")),
        shutdown_timeout=option("shutdown_timeout") or None,
        loggers=option("loggers"),
        debug_mode=option("debug_mode") or "",
        debug=bool(option("debug")),
    )
    setup_logging(options.log_level, options.loggers, options.debug_mode)
    if server is not None:
        app = server.app
    else:
        app = load_project(
            option("project_root") or os.getcwd(),
            list(option("settings") or []),
            parse_overrides(option("settings_pre_overrides")),
            parse_overrides(option("settings_post_overrides")),
        )
    app.serve(options)
