"""The command line: ``python app.py [options]`` and the ``lona`` command
(``lona run app.py``, ``lona collect-static app.py DESTINATION``).

Precedence for host, port and adapter: built-in default < environment
(``LONA_DEFAULT_HOST``/``_PORT``/``_ADAPTER``) < ``app.run(...)`` arguments <
command line.
"""

from __future__ import annotations

import argparse
import logging
import os
import runpy
import sys
from dataclasses import dataclass
from typing import Any

__all__ = ["RunOptions", "main", "resolve_run_options", "setup_logging"]

DEFAULT_HOST = "localhost"
DEFAULT_PORT = 8080
DEFAULT_ADAPTER = "aiohttp"


@dataclass
class RunOptions:
    host: str
    port: int
    adapter: str
    log_level: str
    live_reload: bool
    settings_overrides: dict[str, Any]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(add_help=True)
    parser.add_argument("--host", help=f"address to bind (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, help=f"port to bind (default {DEFAULT_PORT})")
    parser.add_argument("--adapter", help=f"web framework adapter (default {DEFAULT_ADAPTER})")
    parser.add_argument(
        "--log-level", "-l", default=None, choices=["debug", "info", "warning", "error", "critical"]
    )
    parser.add_argument(
        "--live-reload", action="store_true", help="restart the server when a file changes"
    )
    parser.add_argument(
        "-o",
        dest="override",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a setting (value is a Python literal or a string)",
    )
    parser.add_argument(
        "-O",
        dest="post_override",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="like -o, applied after every -o",
    )
    return parser


def _literal(value: str) -> Any:
    import ast

    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


def resolve_run_options(
    argv: list[str] | None,
    *,
    host: str | None = None,
    port: int | None = None,
    adapter: str | None = None,
    log_level: str | None = None,
    live_reload: bool = False,
) -> RunOptions:
    arguments = _parser().parse_args(argv if argv is not None else [])
    overrides = {}
    for item in [*arguments.override, *arguments.post_override]:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise SystemExit(f"-o/-O expect NAME=VALUE, got {item!r}")
        overrides[name.strip()] = _literal(value)
    env_port = os.environ.get("LONA_DEFAULT_PORT")
    return RunOptions(
        host=arguments.host or host or os.environ.get("LONA_DEFAULT_HOST") or DEFAULT_HOST,
        port=arguments.port or port or (int(env_port) if env_port else DEFAULT_PORT),
        adapter=(
            arguments.adapter
            or adapter
            or os.environ.get("LONA_DEFAULT_ADAPTER")
            or DEFAULT_ADAPTER
        ),
        log_level=arguments.log_level or log_level or "info",
        live_reload=arguments.live_reload or live_reload,
        settings_overrides=overrides,
    )


def setup_logging(level: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
    )


USAGE = """usage: lona run SCRIPT [--host H] [--port P] [--adapter NAME] ...
       lona collect-static SCRIPT DESTINATION [--clean] [--dry-run] [--silent]"""


def main(argv: list[str] | None = None) -> None:
    """``lona run script.py [options]`` runs a script as ``python script.py`` would;
    ``lona collect-static script.py DESTINATION`` copies its static files."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["collect-static"]:
        from lona.collect_static import main as collect_static

        collect_static(argv[1:])
        return
    if len(argv) < 2 or argv[0] != "run":
        print(USAGE, file=sys.stderr)
        raise SystemExit(2)
    script = argv[1]
    sys.argv = [script, *argv[2:]]
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    runpy.run_path(script, run_name="__main__")
