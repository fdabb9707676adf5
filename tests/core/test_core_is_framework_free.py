"""The core never imports a web framework (docs/architecture.md, "Layers").

import-linter checks the same statically (pyproject.toml); this checks what
importing every module really loads.
"""

from __future__ import annotations

import subprocess
import sys

FRAMEWORKS = ("aiohttp", "tornado", "flask", "flask_sock", "simple_websocket", "werkzeug")


def test_importing_every_core_module_imports_no_web_framework() -> None:
    script = f"""
import importlib, pkgutil, sys
import lona
for module in pkgutil.walk_packages(lona.__path__, "lona."):
    if module.name != "lona.__main__":
        importlib.import_module(module.name)
loaded = sorted(name for name in {FRAMEWORKS!r} if name in sys.modules)
print(",".join(loaded))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"the core imported: {result.stdout.strip()}"
