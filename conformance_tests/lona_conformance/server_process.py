"""A server in a child process, on a free loopback port, always stopped.

The conformance suite runs every adapter exactly as a user would
(``python -m lona_conformance.app --adapter NAME``), so the command line,
signal handling and shutdown are under test too.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from lona.testing.ports import free_port

__all__ = ["ServerProcess", "free_port"]


class ServerProcess:
    def __init__(
        self,
        adapter: str | None,
        module: str = "lona_conformance.app",
        env: dict[str, str] | None = None,
        args: list[str] | None = None,
        script: str | Path | None = None,
    ) -> None:
        """Run ``python -m module`` (or ``python script``) with ``--adapter``
        (when given), ``--host`` and ``--port``."""
        self.adapter = adapter
        self.module = module
        self.script = script
        self.extra_env = env or {}
        self.args = args or []
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._directory = tempfile.TemporaryDirectory(prefix="lona-conformance-")
        self.event_log = Path(self._directory.name, "events.jsonl")
        self.output = Path(self._directory.name, "server.log")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_lona/ws"

    def command(self) -> list[str]:
        """What runs; subclasses may start other servers (gunicorn) on ``self.port``."""
        target = [str(self.script)] if self.script else ["-m", self.module]
        adapter = ["--adapter", self.adapter] if self.adapter else []
        return [
            sys.executable,
            *target,
            *adapter,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            *self.args,
        ]

    def start(self, timeout: float = 30) -> None:
        env = {**os.environ, "LONA_CONFORMANCE_LOG": str(self.event_log), **self.extra_env}
        with open(self.output, "ab") as output:
            self.process = subprocess.Popen(
                self.command(), stdout=output, stderr=subprocess.STDOUT, env=env
            )
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the {self.adapter} server exited with {self.process.returncode}:\n"
                    + self.log_text()
                )
            try:
                # the client's script, not a page: a page load would start a view
                ready_url = self.url + "/static/_lona/client/lona.js"
                with urllib.request.urlopen(ready_url, timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # an answer all the same (static files may be off)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.02)
        self.kill()
        raise RuntimeError(
            f"the {self.adapter} server did not answer within {timeout}s:\n" + self.log_text()
        )

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15) -> int | None:
        """Stop the process (SIGTERM by default); its exit code."""
        if self.process is None:
            return None
        process, self.process = self.process, None
        if process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return process.returncode

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    def restart(self) -> None:
        self.stop()
        self.start()

    def log_text(self) -> str:
        return self.output.read_text(errors="replace") if self.output.exists() else ""

    def events(self) -> list[dict[str, Any]]:
        if not self.event_log.exists():
            return []
        return [json.loads(line) for line in self.event_log.read_text().splitlines() if line]

    def close(self) -> None:
        self.stop()
        self._directory.cleanup()

    def __enter__(self) -> ServerProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
