"""The options every project command takes (``--project-root``, ``-s``), and the project they name.

``lona run-server`` and ``lona collect-static`` share them.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from lona.standalone.run_options import (
    add_settings_arguments,
    add_version_argument,
    parse_overrides,
)

if TYPE_CHECKING:
    from lona.app import App

__all__ = ["project_of", "project_parser"]


def project_parser(prog: str) -> argparse.ArgumentParser:
    """The options every project command takes: where the project is, its settings."""
    parser = argparse.ArgumentParser(prog=prog)
    add_version_argument(parser)
    parser.add_argument("--project-root", default=os.getcwd(), help="(default: here)")
    parser.add_argument(
        "-s",
        "--settings",
        action="extend",
        nargs="+",
        default=[],
        metavar="FILE",
        help="settings files, relative to the project root, run in order",
    )
    add_settings_arguments(parser)
    return parser


def project_of(arguments: argparse.Namespace, command: str) -> App:
    """The project that ``project_parser``'s arguments name; a clear exit when broken."""
    from lona.cli.project import load_project  # imports the app: only when it is needed

    try:
        return load_project(
            arguments.project_root,
            arguments.settings,
            parse_overrides(arguments.override),
            parse_overrides(arguments.post_override),
        )
    except (ValueError, RuntimeError, ImportError) as error:
        raise SystemExit(f"lona {command}: {error}") from error
