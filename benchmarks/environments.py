"""The two Python environments of a run, created on first use.

* ours: the project's ``.venv`` (``scripts/_setup.sh``, or ``$LONA_VENV``),
  with this checkout installed editable; it also runs the load generator and
  the raw echo servers;
* Lona's: ``benchmarks/.venvs/lona`` with ``lona==1.16.2`` from PyPI;
* ReactPy's: ``benchmarks/.venvs/reactpy`` with ``reactpy==1.1.0`` and Tornado
  (the leanest Python peer, measured where it can be).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

__all__ = [
    "LONA_REQUIREMENT",
    "ROOT",
    "ensure_lona_python",
    "ensure_our_python",
    "ensure_reactpy_python",
    "lona_version",
    "missing_module",
    "package_version",
]

ROOT = Path(__file__).resolve().parent.parent
LONA_REQUIREMENT = "lona==1.16.2"
LONA_VENV = ROOT / "benchmarks" / ".venvs" / "lona"
REACTPY_REQUIREMENTS = ("reactpy==1.1.0", "tornado>=6.3")
REACTPY_VENV = ROOT / "benchmarks" / ".venvs" / "reactpy"
OUR_EXTRAS = "aiohttp,tornado,flask"


def our_venv() -> Path:
    return Path(os.environ.get("LONA_VENV") or ROOT / ".venv")


def _probe(python: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True)


def _output(python: Path, code: str) -> str | None:
    """What ``python -c code`` prints, or None when it fails or does not exist."""
    if not python.exists():
        return None
    probe = _probe(python, code)
    return probe.stdout.strip() if probe.returncode == 0 else None


def _imports_this_checkout(python: Path) -> bool:
    path = _output(python, "import aiohttp, lona; print(lona.__file__)")
    return path is not None and Path(path) == ROOT / "core/lona/__init__.py"


def ensure_our_python() -> Path:
    """The project's virtual environment's interpreter, set up if needed."""
    python = our_venv() / "bin" / "python"
    if not _imports_this_checkout(python):
        print(f"setting up {our_venv()} (scripts/_setup.sh) ...", flush=True)
        setup = ROOT / "scripts" / "_setup.sh"
        subprocess.run(
            ["bash", "-c", f'source "{setup}" && ensure_venv "{OUR_EXTRAS}"'],
            check=True,
            env={**os.environ, "PYTHON": sys.executable},
        )
    return python


def ensure_lona_python() -> Path:
    """Lona's own virtual environment's interpreter, created with venv + pip if needed."""
    python = LONA_VENV / "bin" / "python"
    if lona_version(python) != LONA_REQUIREMENT.split("==")[1]:
        print(f"creating {LONA_VENV} with {LONA_REQUIREMENT} ...", flush=True)
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(LONA_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", LONA_REQUIREMENT], check=True
        )
    return python


def ensure_reactpy_python() -> Path | None:
    """ReactPy's own virtual environment's interpreter; None when it can not be set up."""
    python = REACTPY_VENV / "bin" / "python"
    wanted = REACTPY_REQUIREMENTS[0].split("==")[1]
    if _output(python, "import reactpy, tornado; print(reactpy.__version__)") == wanted:
        return python
    print(f"creating {REACTPY_VENV} with {', '.join(REACTPY_REQUIREMENTS)} ...", flush=True)
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(REACTPY_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", *REACTPY_REQUIREMENTS], check=True
        )
    except subprocess.CalledProcessError as error:
        print(f"ReactPy could not be installed: {error}", flush=True)
        return None
    return python


def lona_version(python: Path) -> str | None:
    """The version of the ``lona`` that ``python`` imports, if any."""
    return _output(python, "import lona; print(lona.VERSION_STRING)")


def missing_module(python: Path, module: str) -> str | None:
    """Why ``python -c 'import module'`` fails, or None when it works."""
    probe = _probe(python, f"import {module}")
    if probe.returncode == 0:
        return None
    lines = probe.stderr.strip().splitlines()
    return lines[-1] if lines else f"exit status {probe.returncode}"


def package_version(python: Path, distribution: str) -> str | None:
    """The installed version of ``distribution`` in ``python``'s environment."""
    return _output(
        python, f"from importlib.metadata import version; print(version({distribution!r}))"
    )
