"""A child run that times out takes the servers it started with it."""

from __future__ import annotations

import os
import sys

import pytest

from lona_conformance.helpers import eventually
from tests.child_process import run_child

# the child starts a grandchild (as a child pytest starts servers), says its
# pid, and then never finishes
CHILD = """
import subprocess, sys, time
grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
print(grandchild.pid, flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_timed_out_child_is_killed_with_everything_it_started(tmp_path):
    pid_file = tmp_path / "pid"
    script = CHILD.replace(
        "print(grandchild.pid, flush=True)",
        f"open({str(pid_file)!r}, 'w').write(str(grandchild.pid))",
    )
    with pytest.raises(AssertionError, match="did not finish within 5s"):
        run_child([sys.executable, "-c", script], timeout=5)
    grandchild = int(pid_file.read_text())
    eventually(lambda: not _alive(grandchild), timeout=10, what="the grandchild to be gone")


def test_a_finished_child_gives_its_output_and_exit_code():
    result = run_child([sys.executable, "-c", "print('out'); raise SystemExit(3)"], timeout=30)
    assert (result.returncode, result.stdout) == (3, "out\n")
