"""Child processes of tests that start servers of their own (a child pytest,
a benchmark).  On a timeout the whole process group is killed: killing only
the child would orphan the servers it started, which then hold their ports
and CPU for the rest of the run."""

from __future__ import annotations

import os
import signal
import subprocess
from typing import Any


def run_child(
    command: list[str], timeout: float, **options: Any
) -> subprocess.CompletedProcess[str]:
    """``subprocess.run`` with text output captured, in a process group of its own."""
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # the child and everything it starts share one group
        **options,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            raise AssertionError(
                f"{command[:4]} did not finish within {timeout}s; its output so far:\n"
                f"{stdout[-5000:]}\n{stderr[-2000:]}"
            ) from None
        finally:
            if process.poll() is None:  # interrupted some other way
                os.killpg(process.pid, signal.SIGKILL)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
