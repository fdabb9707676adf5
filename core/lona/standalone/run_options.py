"""How to run a server: host, port, adapter, logging, settings overrides.

The same options come from three places, in this order of precedence:
built-in default < environment (``LONA_DEFAULT_HOST``/``_PORT``/``_ADAPTER``)
< ``app.run(...)`` keywords < command line.  Both Lona's keywords and
command-line flags are accepted; those that mean nothing here (the Lona shell,
syslog priorities) are logged and ignored, never an error.

``-o``/``-O NAME=VALUE`` set settings; the value is read as a Jinja2
expression as in Lona (``True``, ``8080``, ``'text'``, ``[1, 2]``), and a
value that is no valid expression is taken as plain text (``redis://x:1/0``).
"""

from __future__ import annotations

import argparse
import logging
import os
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, StrictUndefined, TemplateSyntaxError, Undefined, UndefinedError

from lona.adapter import default_adapter

__all__ = [
    "IGNORED_OPTIONS",
    "RunOptions",
    "add_logging_arguments",
    "add_server_arguments",
    "add_settings_arguments",
    "add_version_argument",
    "parse_overrides",
    "resolve_run_options",
]

logger = logging.getLogger("lona")

DEFAULT_HOST = "localhost"
DEFAULT_PORT = 8080
LOG_LEVELS = ["debug", "info", "warn", "warning", "error", "critical"]
DEBUG_MODES = ["messages", "views", "input-events", "view-events"]
# Lona's options with no meaning here: accepted, logged, ignored
IGNORED_OPTIONS = ("shell", "shell_server_url", "syslog_priorities")


@dataclass
class RunOptions:
    host: str
    port: int
    adapter: str
    log_level: str
    live_reload: bool
    settings_overrides: dict[str, Any]
    settings_pre_overrides: dict[str, Any] = field(default_factory=dict)
    settings_post_overrides: dict[str, Any] = field(default_factory=dict)
    shutdown_timeout: float | None = None
    loggers: list[str] = field(default_factory=list)
    debug_mode: str = ""  # Lona's: one area logged at debug level
    debug: bool = False  # debug mode: errors shown in the page (the DEBUG setting)


# the command line #############################################################


def add_logging_arguments(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    parser.add_argument("-l", "--log-level", choices=LOG_LEVELS, default=default)
    parser.add_argument(
        "--loggers",
        nargs="+",
        default=[],
        metavar="NAME",
        help="only these loggers ('+name'); '_name' hides one",
    )
    parser.add_argument(
        "--debug-mode",
        choices=DEBUG_MODES,
        default="",
        help="log one area at debug level (Lona's option; for errors in the page see --debug)",
    )
    parser.add_argument("--syslog-priorities", choices=["no", "auto", "always"], help="(ignored)")


def add_settings_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--settings-pre-overrides",
        dest="override",
        action="extend",
        nargs="+",
        default=[],
        metavar="NAME=VALUE",
        help="set a setting (the value is a Python-like expression, else text)",
    )
    parser.add_argument(
        "-O",
        "--settings-post-overrides",
        dest="post_override",
        action="extend",
        nargs="+",
        default=[],
        metavar="NAME=VALUE",
        help="like -o, applied after everything else",
    )


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help=f"address to bind (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, help=f"port to bind (default {DEFAULT_PORT})")
    parser.add_argument(
        "--adapter",
        help="web framework adapter: aiohttp, tornado, flask or module:Class "
        "(default: aiohttp, or the only one installed)",
    )
    parser.add_argument(
        "--live-reload",
        action="store_true",
        help="restart the server when a Python file, template or static file changes",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="debug mode, for development only: errors show in the page with their traceback",
    )
    parser.add_argument(
        "--shutdown-timeout",
        type=float,
        help="seconds running views get to finish when the server stops",
    )
    parser.add_argument("--shell", action="store_true", help="(ignored: no Lona shell here)")
    parser.add_argument("--shell-server-url", help="(ignored: no Lona shell here)")


def add_version_argument(parser: argparse.ArgumentParser) -> None:
    from lona._distribution import LONA_LIVE_VERSION, VERSION_STRING

    parser.add_argument(
        "--version",
        action="version",
        version=f"lona-live {LONA_LIVE_VERSION} (the Lona {VERSION_STRING} API)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        add_help=True,
        description="Serve this lona app until Ctrl+C (or SIGTERM).",
        epilog="The options also work as keywords of app.run(...); the command line wins.",
    )
    add_version_argument(parser)
    add_server_arguments(parser)
    add_logging_arguments(parser)
    add_settings_arguments(parser)
    return parser


# overrides ####################################################################

_EXPRESSIONS = Environment(undefined=StrictUndefined)


def _value(text: str) -> Any:
    try:
        value = _EXPRESSIONS.compile_expression(text, undefined_to_none=False)()
    except (TemplateSyntaxError, UndefinedError, TypeError, ValueError):
        return text
    return text if isinstance(value, Undefined) else value


def parse_overrides(items: list[str] | dict[str, Any] | None) -> dict[str, Any]:
    """``['NAME=VALUE', ...]`` as a dict of settings (a dict passes through)."""
    if isinstance(items, dict):
        return dict(items)
    overrides: dict[str, Any] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise SystemExit(f"settings overrides are NAME=VALUE, got {item!r}")
        overrides[name.strip()] = _value(value)
    return overrides


# resolving ####################################################################


def _ignored(values: dict[str, Any]) -> None:
    for name in IGNORED_OPTIONS:
        if values.get(name):
            logger.warning("%s=%r has no meaning in lona-live and is ignored", name, values[name])


def resolve_run_options(
    argv: list[str] | None,
    *,
    host: str | None = None,
    port: int | str | None = None,
    adapter: str | None = None,
    log_level: str | None = None,
    live_reload: bool = False,
    shutdown_timeout: float | None = None,
    loggers: list[str] | None = None,
    debug_mode: str = "",
    debug: bool = False,
    settings_pre_overrides: dict[str, Any] | None = None,
    settings_post_overrides: dict[str, Any] | None = None,
    **lona_options: Any,
) -> RunOptions:
    """The options: the command line ``argv`` over the keywords over the environment."""
    arguments = _parser().parse_args(argv if argv is not None else [])
    given = {name: value for name, value in vars(arguments).items() if value}
    _ignored({**lona_options, **given})
    unknown = set(lona_options) - set(IGNORED_OPTIONS)
    if unknown:
        logger.warning("unknown run options ignored: %s", ", ".join(sorted(unknown)))
    pre = {**parse_overrides(settings_pre_overrides), **parse_overrides(arguments.override)}
    post = {**parse_overrides(settings_post_overrides), **parse_overrides(arguments.post_override)}
    env_port = os.environ.get("LONA_DEFAULT_PORT")
    return RunOptions(
        host=arguments.host or host or os.environ.get("LONA_DEFAULT_HOST") or DEFAULT_HOST,
        port=int(arguments.port or port or env_port or DEFAULT_PORT),
        adapter=(
            arguments.adapter
            or adapter
            or os.environ.get("LONA_DEFAULT_ADAPTER")
            or default_adapter()
        ),
        log_level=arguments.log_level or log_level or "info",
        live_reload=arguments.live_reload or bool(live_reload),
        settings_overrides={**pre, **post},
        settings_pre_overrides=pre,
        settings_post_overrides=post,
        shutdown_timeout=(
            arguments.shutdown_timeout
            if arguments.shutdown_timeout is not None
            else shutdown_timeout
        ),
        loggers=list(arguments.loggers or loggers or []),
        debug_mode=arguments.debug_mode or debug_mode or "",
        debug=arguments.debug or bool(debug),
    )
