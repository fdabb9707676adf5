"""``collect_static(args)``: Lona's ``lona collect-static`` as a function.

``args`` has Lona's attributes: ``project_root``, ``settings``,
``settings_pre_overrides``, ``settings_post_overrides`` (dicts),
``destination``, ``clean``, ``silent``, ``dry_run``.  As in Lona the
destination must exist and be a directory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from lona.cli.collect_static import collect_and_report
from lona.cli.project import load_project
from lona.standalone.run_options import parse_overrides

__all__ = ["collect_static"]


def collect_static(args: Any) -> None:
    destination = str(args.destination)
    if not os.path.exists(destination):
        raise SystemExit(f"'{destination}' does not exist")
    if not os.path.isdir(destination):
        raise SystemExit(f"'{destination}' is no directory")
    app = load_project(
        getattr(args, "project_root", None) or os.getcwd(),
        list(getattr(args, "settings", None) or []),
        parse_overrides(getattr(args, "settings_pre_overrides", None)),
        parse_overrides(getattr(args, "settings_post_overrides", None)),
    )
    collect_and_report(
        app.create_server(),
        Path(destination),
        clean=bool(getattr(args, "clean", False)),
        dry_run=bool(getattr(args, "dry_run", False)),
        silent=bool(getattr(args, "silent", False)),
    )
