"""Facts about the machine and the software a run measured on."""

from __future__ import annotations

import os
import platform
import resource
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.environments import ROOT, package_version

__all__ = ["load_average", "machine_facts"]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return platform.processor() or "unknown"


def _memory() -> str:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    return "unknown"


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()

    changed = [
        line for line in git("status", "--porcelain").splitlines() if "RESULTS.md" not in line
    ]
    return git("rev-parse", "--short", "HEAD") + (" with uncommitted changes" if changed else "")


def _chromium() -> str:
    from lona_conformance.browser import chromium_path

    path = chromium_path()
    if path is None:
        return "Playwright's own Chromium"
    version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
    return version.strip() or path


def machine_facts(
    our_python: Path, lona_python: Path, reactpy_python: Path | None
) -> list[tuple[str, str]]:
    soft_files, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    reactpy = package_version(reactpy_python, "reactpy") if reactpy_python else None
    return [
        ("date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPUs (nproc)", f"{len(os.sched_getaffinity(0))} x {_cpu_model()}"),
        ("memory", _memory()),
        ("kernel", f"{platform.system()} {platform.release()}"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("lona-live", _commit()),
        ("Lona", f"{package_version(lona_python, 'lona')} (PyPI, own virtual environment)"),
        (
            "aiohttp",
            f"{package_version(our_python, 'aiohttp')} (ours), "
            f"{package_version(lona_python, 'aiohttp')} (Lona's)",
        ),
        (
            "tornado, flask, flask-sock",
            ", ".join(
                str(package_version(our_python, name))
                for name in ("tornado", "flask", "flask-sock")
            ),
        ),
        ("ReactPy", f"{reactpy} (PyPI, own virtual environment)" if reactpy else "not set up"),
        ("browser", _chromium()),
        ("open files limit", str(soft_files)),
    ]
