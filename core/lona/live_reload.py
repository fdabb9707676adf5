"""``--live-reload``: restart the server process whenever a project file changes.

The parent process only watches files (watchfiles) and restarts the child,
which serves the app; open pages reconnect and reload by themselves because
the restarted server announces a new ``server_id``.
"""

from __future__ import annotations

import logging
import os
import shlex
import signal
import sys

__all__ = ["run_with_live_reload"]

logger = logging.getLogger("lona.live_reload")


def run_with_live_reload(project_root: str) -> None:
    try:
        from watchfiles import run_process
    except ImportError as error:
        raise SystemExit("--live-reload needs watchfiles: pip install watchfiles") from error
    os.environ["LONA_LIVE_RELOAD_CHILD"] = "1"
    os.environ["LONA_LIVE_RELOAD"] = "1"
    command = " ".join(shlex.quote(part) for part in [sys.executable, *sys.argv])

    def stop(signum: int, frame: object) -> None:
        # watchfiles stops its child cleanly on KeyboardInterrupt; without this a
        # SIGTERM would end the watcher and leave the server running
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    run_process(
        project_root,
        target=command,
        target_type="command",
        callback=lambda changes: logger.info("%d files changed, restarting", len(changes)),
    )
