"""Import strings: ``'package.module.Name'``, ``'package.module'`` or ``'path/to/file.py::Name'``.

A file named by path is loaded once, as a module whose name is the file's
absolute path (Lona runs such files with that name too), registered in
``sys.modules``: classes defined there have a source file, so their
``STATIC_FILES`` resolve relative to it, and a view class named twice is the
same class.  ``ignore_import_cache=True`` loads the file (or the module's
file) again.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

__all__ = ["acquire", "get_file"]


def acquire(
    import_string: str,
    ignore_import_cache: bool = False,
    project_root: str | Path | None = None,
) -> Any:
    """The object an import string names; file paths are relative to ``project_root``
    (the working directory when None)."""
    if "::" in import_string:
        path, _, name = import_string.partition("::")
        file = Path(project_root or ".", path).resolve()
        module = _load_file(file, ignore_import_cache)
        if not hasattr(module, name):
            raise ImportError(f"script '{file}' has no attribute '{name}'")
        return getattr(module, name)
    if "." not in import_string:
        return importlib.import_module(import_string)
    module_name, _, name = import_string.rpartition(".")
    module = importlib.import_module(module_name)
    if ignore_import_cache:
        return acquire(f"{inspect.getfile(module)}::{name}", ignore_import_cache=True)
    if not hasattr(module, name):
        raise ImportError(f"module '{module_name}' has no attribute '{name}'")
    return getattr(module, name)


def _load_file(file: Path, reload: bool) -> ModuleType:
    name = str(file)
    module = sys.modules.get(name)
    if module is not None and not reload:
        return module
    if not file.is_file():
        raise ImportError(f"no such script: '{file}'")
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise ImportError(f"'{file}' can not be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def get_file(obj: Any) -> str:
    """The source file of a class or function (also of one loaded by path)."""
    module_name = getattr(obj, "__module__", "") or ""
    if module_name.endswith(".py"):
        return str(module_name)
    return inspect.getfile(obj)
