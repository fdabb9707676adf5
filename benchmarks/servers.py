"""Servers under test, each a child process on a free loopback port.

Every server is started with a real interpreter (a virtual environment's
``bin/python``, never a shim script), so the PID we read /proc of is the
server itself; ``start`` checks that.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.procstats import ProcessSample, sample
from lona.testing.ports import free_port

__all__ = ["Launcher", "ServerProcess", "ServerSpec", "free_port"]

HOST = "127.0.0.1"


@dataclass(frozen=True)
class ServerSpec:
    """How to start one server; ``--host`` and ``--port`` are appended."""

    label: str  # as printed in the tables, e.g. "lona-live aiohttp"
    python: Path
    script: Path
    args: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    ready_path: str = "/"  # answers 200 once the server is up

    def command(self, port: int) -> list[str]:
        return [str(self.python), str(self.script), *self.args, "--host", HOST, "--port", str(port)]


@dataclass
class Launcher:
    """Makes server processes: where their output goes, and notes on how they ended."""

    log_dir: Path
    notes: list[str] = field(default_factory=list)

    def process(self, spec: ServerSpec) -> ServerProcess:
        return ServerProcess(spec, self.log_dir, self.notes)

    def note(self, text: str) -> None:
        print(f"NOTE: {text}", flush=True)
        self.notes.append(text)


class ServerProcess:
    def __init__(self, spec: ServerSpec, log_dir: Path, notes: list[str] | None = None) -> None:
        self.spec = spec
        self.port = free_port()
        self.log_path = log_dir / f"{_slug(spec.label)}-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.notes = notes if notes is not None else []

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None, "not started"
        return self.process.pid

    def sample(self) -> ProcessSample:
        return sample(self.pid)

    def start(self, timeout: float = 60) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.spec.command(self.port),
                cwd=self.spec.script.parent,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1", **self.spec.env},
            )
        self._wait_ready(timeout)
        self._check_is_python()

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.spec.label} exited: {self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + self.spec.ready_path, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"{self.spec.label} did not answer in {timeout}s: {self.log_tail()}")

    def _check_is_python(self) -> None:
        executable = os.readlink(f"/proc/{self.pid}/exe")
        if "python" not in Path(executable).name:
            raise RuntimeError(f"PID {self.pid} runs {executable}, not the Python server")

    def stop(self, timeout: float = 20) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            self._note(f"{self.spec.label} did not exit within {timeout:g} s of SIGTERM; killed")
            return
        if process.returncode not in (0, -signal.SIGTERM):  # the echo servers just die
            self._note(
                f"{self.spec.label} exited with {process.returncode} after SIGTERM "
                f"({time.monotonic() - started:.1f} s)"
            )

    def _note(self, text: str) -> None:
        print(f"NOTE: {text}; its output: {self.log_path}", flush=True)
        self.notes.append(text)

    def log_tail(self, lines: int = 20) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def __enter__(self) -> ServerProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _slug(label: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in label.lower()).strip("-")
