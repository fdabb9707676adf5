"""The ``lona`` command (also ``python -m lona``).

* ``lona run app.py [options]`` runs a script as ``python app.py`` would.
* ``lona run-server [--project-root DIR] [-s settings.py ...] [options]``
  serves a Lona project (``lona.cli.project``), as Lona's command of that name.
* ``lona collect-static DESTINATION [--project-root DIR] [-s ...]`` (a project)
  or ``lona collect-static app.py DESTINATION`` (a script) copies the static
  files.

* ``lona --help``, ``lona --version``.

Options: ``--host``, ``--port``, ``--adapter``, ``--shutdown-timeout``,
``--live-reload``, ``--debug``, ``-l/--log-level``, ``--loggers``,
``--debug-mode``, ``-o``/``-O NAME=VALUE`` (``lona.standalone.run_options``).  A
command line that is wrong exits with 2, a server that can not start with 1,
each with one line that says why.
"""

from __future__ import annotations

import os
import runpy
import sys
from typing import TYPE_CHECKING, NoReturn

from lona.cli.project_arguments import project_of, project_parser
from lona.standalone.logging_options import setup_logging
from lona.standalone.run_options import (
    RunOptions,
    add_logging_arguments,
    add_server_arguments,
    resolve_run_options,
)

if TYPE_CHECKING:
    pass

__all__ = ["RunOptions", "main", "resolve_run_options", "run_server", "setup_logging"]

USAGE = """usage: lona run SCRIPT [--host H] [--port P] [--adapter NAME] [--debug] ...
       lona run-server [--project-root DIR] [-s SETTINGS.py ...] [--host H] [--port P] ...
       lona collect-static DESTINATION [--project-root DIR] [-s SETTINGS.py ...]
       lona collect-static SCRIPT DESTINATION [--clean] [--dry-run] [--silent]
       lona --help | --version"""

HELP = f"""{USAGE}

commands:
  run             serve the app of a script, as `python SCRIPT [options]` does
  run-server      serve a Lona project: a folder and its settings files
  collect-static  copy every static file into a folder, for a web server in front

`lona COMMAND --help` lists a command's options."""

RUN_HELP = """usage: lona run SCRIPT [options]

Runs SCRIPT as `python SCRIPT [options]` would; its app.run() reads the options:
  --host H, --port P, --adapter NAME, --live-reload, --debug, -l LEVEL,
  -o NAME=VALUE (a setting) ... (`lona run SCRIPT --help` lists them all)"""

USAGE_ERROR = 2  # as argparse: the command line is wrong


def _fail(message: str, code: int = 1) -> NoReturn:
    print(message, file=sys.stderr)
    raise SystemExit(code)


def run_server(argv: list[str]) -> None:
    """``lona run-server``: serve the project until SIGINT/SIGTERM."""
    parser = project_parser("lona run-server")
    add_server_arguments(parser)
    add_logging_arguments(parser, default="info")
    arguments = parser.parse_args(argv)
    options = resolve_run_options(
        [],
        host=arguments.host,
        port=arguments.port,
        adapter=arguments.adapter,
        log_level=arguments.log_level,
        live_reload=arguments.live_reload,
        shutdown_timeout=arguments.shutdown_timeout,
        loggers=arguments.loggers,
        debug_mode=arguments.debug_mode,
        shell=arguments.shell,
        shell_server_url=arguments.shell_server_url,
        syslog_priorities=arguments.syslog_priorities,
        debug=arguments.debug,
    )
    setup_logging(options.log_level, options.loggers, options.debug_mode)
    app = project_of(arguments, "run-server")
    if options.live_reload and os.environ.get("LONA_LIVE_RELOAD_CHILD") != "1":
        from lona.standalone.live_reload import run_with_live_reload

        settings_files = [os.path.join(arguments.project_root, f) for f in arguments.settings]
        run_with_live_reload(
            app.project_root, options.host, options.port, app.settings, settings_files
        )
        return
    app.serve(options)


def run_script(argv: list[str]) -> None:
    """``lona run app.py [options]``: as ``python app.py [options]``.

    A missing script, and a script that never calls ``app.run()``, end with
    one line and a non-zero exit code."""
    if not argv:
        _fail(RUN_HELP, USAGE_ERROR)
    if argv[0] in ("-h", "--help"):
        print(RUN_HELP)
        return
    script = argv[0]
    if not os.path.isfile(script):
        _fail(f"lona run: no such file: {script}", USAGE_ERROR)
    sys.argv = [script, *argv[1:]]
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    namespace = runpy.run_path(script, run_name="__main__")
    _check_served(script, namespace)


def _check_served(script: str, namespace: dict[str, object]) -> None:
    from lona.app import App

    apps = [value for value in namespace.values() if isinstance(value, App)]
    if any(app.ran for app in apps):
        return
    if not apps:
        _fail(f"lona run: {script} defines no lona App (app = App(__file__))")
    _fail(
        f"lona run: {script} ended without calling app.run() "
        "(end it with: if __name__ == '__main__': app.run())"
    )


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command in ("-h", "--help", "help"):
        print(HELP)
    elif command == "--version":
        from lona._distribution import LONA_LIVE_VERSION, VERSION_STRING

        print(f"lona-live {LONA_LIVE_VERSION} (the Lona {VERSION_STRING} API)")
    elif command == "collect-static":
        from lona.cli.collect_static import main as collect_static

        collect_static(rest)
    elif command == "run-server":
        run_server(rest)
    elif command == "run":
        run_script(rest)
    elif not command:
        _fail(USAGE, USAGE_ERROR)
    else:
        _fail(f"lona: no command {command!r}\n{USAGE}", USAGE_ERROR)
