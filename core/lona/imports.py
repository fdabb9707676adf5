"""Import strings: ``'package.module.Name'`` or ``'path/to/file.py::Name'``."""

from __future__ import annotations

import importlib
import runpy
from pathlib import Path
from typing import Any

__all__ = ["acquire"]


def acquire(import_string: str, project_root: str | Path = ".") -> Any:
    if "::" in import_string:
        path, _, name = import_string.partition("::")
        file = Path(project_root, path)
        namespace = runpy.run_path(str(file))
        try:
            return namespace[name]
        except KeyError:
            raise ImportError(f"{file} defines no {name!r}") from None
    module_name, _, name = import_string.rpartition(".")
    if not module_name:
        raise ImportError(f"not an import string: {import_string!r}")
    return getattr(importlib.import_module(module_name), name)
