"""Lona's third-party packages and Lona's own frontend templates, fetched at test time.

The packages come from PyPI, pinned by version and hash, installed with
``--no-deps`` (so that the real Lona is not pulled in) into a folder of
their own, which the apps under test get on their ``PYTHONPATH``.  Lona's
templates are read from Lona's wheel (never installed, never copied into
this repository).  Both are kept beside the virtual environment, so a
session downloads them once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from lona_conformance.server_process import ServerProcess

# name==version and the sha256 of the file PyPI serves
PACKAGES = {
    "lona-picocss==0.4.4": "8d640dbe393a650f3e90b9339dff0b4cae4087fc9e2ba917386d6f51d92071a1",
    "lona-bootstrap-5==0.3": "4d75ac3a51bfc4e244f73a1a835cfe7b78d5a021256a9ff0a57c98968bfabaaf",
    "lona-chartjs==0.2.1": "f0164fddfdfad0cda99665456251f2a548f1675bf49f5ad5f6ac4daa82547ba6",
    "lona-dropzone==0.1": "6df0ba3b7697ceecef597253a49ad80747cee15a192b86d62594243628c56854",
}
LONA_WHEEL = ("lona==1.16.2", "8440fa28779ac1645fb4cfd8c763a17f34fbcde08262f9f6eb9533014c095837")

CACHE = Path(sys.prefix) / "lona-test-downloads"
APPS = Path(__file__).parent / "apps"


def _pip(*args: str, requirements: dict[str, str], cwd: Path) -> None:
    cwd.mkdir(parents=True, exist_ok=True)
    pinned = cwd / "requirements.txt"
    lines = [f"{name} --hash=sha256:{digest}\n" for name, digest in requirements.items()]
    pinned.write_text("".join(lines))
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    subprocess.run([*command, "--require-hashes", "-r", str(pinned)], check=True, cwd=cwd)


@pytest.fixture(scope="session")
def lona_packages() -> Path:
    """A folder holding the four packages (installed once per environment)."""
    target = CACHE / "packages"
    done = target / ".installed"
    if not done.is_file() or done.read_text() != repr(PACKAGES):
        _pip(
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            "--upgrade",
            requirements=PACKAGES,
            cwd=CACHE,
        )
        done.write_text(repr(PACKAGES))
    return target


@pytest.fixture(scope="session")
def lona_templates() -> Path:
    """Lona 1.16.2's own templates (``lona/frontend.html`` ...), from its wheel."""
    target = CACHE / "lona-templates"
    if not (target / "lona" / "frontend.html").is_file():
        wheels = CACHE / "wheels"
        _pip(
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "-d",
            str(wheels),
            requirements=dict([LONA_WHEEL]),
            cwd=CACHE,
        )
        (wheel,) = wheels.glob("lona-1.16.2-*.whl")
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                if name.startswith("lona/templates/lona/"):
                    path = target / "lona" / Path(name).name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(archive.read(name))
    return target


def package_env(lona_packages: Path, **extra: str) -> dict[str, str]:
    paths = [str(lona_packages), os.environ.get("PYTHONPATH", "")]
    return {"PYTHONPATH": os.pathsep.join(p for p in paths if p), **extra}


def serve(adapter_name: str, script: Path, env: dict[str, str]) -> Iterator[ServerProcess]:
    with ServerProcess(adapter_name, script=script, env=env) as server:
        yield server
