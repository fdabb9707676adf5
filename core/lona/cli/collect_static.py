"""``lona collect-static app.py DESTINATION [--clean] [--dry-run]``.

Copies every static file the server would serve into DESTINATION, each at
its URL below ``STATIC_URL_PREFIX``: the browser client (``_lona/client/``),
the files of ``STATIC_DIRS`` and ``app.add_static_file``, and the enabled
``STATIC_FILES`` of node and view classes.  Where two sources have the same
URL, the one the server would serve wins.  A web server in front (nginx)
can then serve DESTINATION under ``STATIC_URL_PREFIX``, with
``STATIC_FILES_SERVE = False``.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lona.http.static_files import CLIENT_PREFIX, client_directory, versioned_client_prefix

if TYPE_CHECKING:
    from lona.app import App
    from lona.server import Server

__all__ = ["collect", "collect_and_report", "load_app", "main", "static_sources"]

SCRIPT_MODULE = "lona_collected_app"  # not __main__: the script's app.run() stays unrun


def load_app(script: str) -> App:
    """The ``App`` a script defines, without running it (``__name__`` is not ``__main__``)."""
    from lona.app import App

    path = os.path.abspath(script)
    sys.path.insert(0, os.path.dirname(path))
    # a module of its own (not runpy's throwaway namespace), so that classes
    # declaring STATIC_FILES find their source file as when the script runs
    spec = importlib.util.spec_from_file_location(SCRIPT_MODULE, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"can not load {script}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[SCRIPT_MODULE] = module
    spec.loader.exec_module(module)
    namespace = vars(module)
    app = namespace.get("app")
    if isinstance(app, App):
        return app
    apps = [value for value in namespace.values() if isinstance(value, App)]
    if len(apps) != 1:
        raise SystemExit(f"{script} defines {len(apps)} lona.App objects; name the one 'app'")
    return apps[0]


def _files_below(root: Path) -> dict[str, Path]:
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def static_sources(server: Server) -> dict[str, Path]:
    """URL below the static prefix -> the file the server serves there."""
    sources: dict[str, Path] = {}
    for root in reversed(server.http.static_dirs()):  # earlier directories win
        sources.update(_files_below(root))
    for declared in server.http.static_files.files():  # declared files win over directories
        if declared.path.is_file():
            sources[declared.url] = declared.path
    client: dict[str, Path] = {}
    client_files = _files_below(client_directory()).items()
    # at both of its URLs: the versioned one is what pages load
    for prefix in (CLIENT_PREFIX, versioned_client_prefix()):
        client.update({prefix + url: path for url, path in client_files})
    return {**sources, **client}  # the client's URLs are the client's


def _refuse_to_clean(destination: Path, server: Server) -> None:
    protected = [Path(server.project_root), *server.http.static_dirs(), client_directory()]
    for path in protected:
        resolved = path.resolve()
        if resolved == destination or destination in resolved.parents:
            raise SystemExit(f"refusing to clean {destination}: it holds {path}")
    if destination == Path(destination.anchor):
        raise SystemExit("refusing to clean a file system root")


def collect(
    server: Server, destination: Path, clean: bool = False, dry_run: bool = False
) -> list[tuple[str, Path]]:
    """Copy (or with ``dry_run`` only list) every static file; the (URL, source) pairs."""
    destination = destination.resolve()
    sources = sorted(static_sources(server).items())
    for url, source in sources:
        target = (destination / url).resolve()
        if destination not in target.parents:  # a STATIC_FILES url like "../x.css"
            raise SystemExit(f"the URL {url!r} of {source} would leave {destination}")
    if clean:
        _refuse_to_clean(destination, server)
    if dry_run:
        return sources
    if clean and destination.exists():
        shutil.rmtree(destination)
    for url, source in sources:
        target = destination / url
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return sources


def collect_and_report(
    server: Server, destination: Path, clean: bool, dry_run: bool, silent: bool
) -> None:
    copied = collect(server, destination, clean, dry_run)
    if silent:
        return
    for url, source in copied:
        print(f"{url} <- {source}")
    verb = "would copy" if dry_run else "copied"
    print(f"{verb} {len(copied)} files to {destination.resolve()}")


def main(argv: list[str]) -> None:
    """``lona collect-static SCRIPT DESTINATION`` or, for a Lona project,
    ``lona collect-static DESTINATION [--project-root DIR] [-s settings.py ...]``."""
    from lona.cli.project_arguments import project_of, project_parser
    from lona.standalone.logging_options import setup_logging
    from lona.standalone.run_options import add_logging_arguments, parse_overrides

    parser = project_parser("lona collect-static")
    parser.description = __doc__.split("\n")[0]
    parser.add_argument("paths", nargs="+", metavar="[SCRIPT] DESTINATION")
    parser.add_argument("--clean", action="store_true", help="empty DESTINATION first")
    parser.add_argument("--dry-run", action="store_true", help="list the files, copy nothing")
    parser.add_argument("--silent", action="store_true", help="print nothing but errors")
    add_logging_arguments(parser, default="warn")
    arguments = parser.parse_args(argv)
    setup_logging(arguments.log_level, arguments.loggers, arguments.debug_mode)
    if len(arguments.paths) > 2:
        parser.error("expected [SCRIPT] DESTINATION")
    if len(arguments.paths) == 2:
        app = load_app(arguments.paths[0])
        app.settings.update(parse_overrides(arguments.override))
        app.settings.update(parse_overrides(arguments.post_override))
    else:
        app = project_of(arguments, "collect-static")
    destination = Path(arguments.paths[-1])
    collect_and_report(
        app.create_server(), destination, arguments.clean, arguments.dry_run, arguments.silent
    )
