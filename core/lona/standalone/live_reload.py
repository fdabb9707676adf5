"""``--live-reload``: restart the server process whenever the app's code changes.

This process only watches files and runs the server as a child process
(the same command line, with ``LONA_LIVE_RELOAD_CHILD=1``).  When a watched
file changes (``lona.standalone.live_reload_files`` says which count) the log names the
files and the child restarts; open pages reconnect and reload by themselves,
because the restarted server announces a new ``server_id``.

When the child exits with an error (a syntax error after a change, a failing
import), its error stays on the app's address until the next change
(``lona.standalone.reload_error_server``): open pages show it over their content, and a
page loaded meanwhile shows it instead of "connection refused".
"""

from __future__ import annotations

import collections
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable
from typing import IO, Any

__all__ = ["run_with_live_reload"]

logger = logging.getLogger("lona.live_reload")

STOP_TIMEOUT = 10.0  # seconds a child gets to stop before it is killed
OUTPUT_LINES = 400  # of the child's stderr, kept to find its last error in


class _Child:
    """The server process; its stderr goes on to ours, and its tail is kept."""

    def __init__(self, command: list[str]) -> None:
        environment = {**os.environ, "LONA_LIVE_RELOAD_CHILD": "1", "LONA_LIVE_RELOAD": "1"}
        self.process = subprocess.Popen(command, stderr=subprocess.PIPE, env=environment)
        self.tail: collections.deque[str] = collections.deque(maxlen=OUTPUT_LINES)
        assert self.process.stderr is not None
        self._reader = threading.Thread(
            target=self._forward, args=(self.process.stderr,), daemon=True
        )
        self._reader.start()

    def _forward(self, stream: IO[bytes]) -> None:
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace")
            sys.stderr.write(line)
            sys.stderr.flush()
            self.tail.append(line.rstrip("\n"))

    def exited(self) -> int | None:
        return self.process.poll()

    def output(self) -> str:
        self._reader.join(timeout=2)  # the last lines of a process that just ended
        return "\n".join(self.tail)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                logger.warning("the server did not stop within %.0fs; killing it", STOP_TIMEOUT)
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=2)


class _Reloader:
    def __init__(self, project_root: str, host: str, port: int, command: list[str]) -> None:
        self.project_root = project_root
        self.host = host
        self.port = port
        self.command = command
        self.child: _Child | None = None
        self.error_server: Any = None
        self.failed = False  # the child exited with an error: waiting for a change

    def start(self) -> None:
        self.child = _Child(self.command)

    def restart(self, changes: str) -> None:
        logger.info("changed: %s; restarting", changes)
        self._stop_error_server()
        if self.child is not None:
            self.child.stop()
        self.failed = False
        self.start()

    def check_child(self) -> None:
        """Notice a child that ended by itself, and show its error."""
        if self.child is None or self.failed:
            return
        code = self.child.exited()
        if code is None:
            return
        self.failed = True
        if code == 0:
            logger.info("the server stopped; it starts again when a file changes")
            return
        from lona.standalone.reload_error_server import ReloadErrorServer, error_text

        logger.error(
            "the server exited with code %d; fix the error and save: it restarts then", code
        )
        try:
            self.error_server = ReloadErrorServer(
                self.host, self.port, error_text(self.child.output())
            )
        except OSError as error:  # the address is taken: the error stays in the terminal
            logger.debug("can not show the error on %s:%d: %s", self.host, self.port, error)

    def _stop_error_server(self) -> None:
        if self.error_server is not None:
            self.error_server.stop()
            self.error_server = None

    def close(self) -> None:
        self._stop_error_server()
        if self.child is not None:
            self.child.stop()


def run_with_live_reload(
    project_root: str,
    host: str,
    port: int,
    settings: Any,
    settings_files: Iterable[str] = (),
) -> None:
    """Run this very command line as a child; restart it on changes, until stopped."""
    try:
        from watchfiles import watch
    except ImportError as error:
        raise SystemExit(
            "lona: --live-reload needs watchfiles: pip install 'lona-live[live-reload]'"
        ) from error
    from lona.standalone.live_reload_files import CodeFilter, describe_changes, watched_roots
    from lona.standalone.serving import check_port

    check_port(host, port)  # a port in use is one line, not a child's traceback
    files = list(settings_files)
    roots = watched_roots(project_root, settings, files)
    code_filter = CodeFilter(project_root, settings, files)
    reloader = _Reloader(project_root, host, port, [sys.executable, *sys.argv])

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    logger.info(
        "live reload: watching the Python files, templates and static files of %s",
        ", ".join(str(root) for root in roots),
    )
    reloader.start()
    try:
        for changes in watch(
            *roots,
            watch_filter=code_filter,
            yield_on_timeout=True,
            rust_timeout=300,
            debounce=400,
        ):
            if changes:
                reloader.restart(describe_changes(changes, project_root))
            else:
                reloader.check_child()
    except KeyboardInterrupt:
        pass
    finally:
        reloader.close()
