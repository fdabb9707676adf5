"""What a server process costs, read from /proc/<pid>: CPU time, RSS, threads."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ProcessSample", "own_cpu_seconds", "sample"]

_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class ProcessSample:
    cpu_seconds: float  # utime + stime of all the process's threads
    rss_kib: int  # VmRSS
    threads: int


def _cpu_seconds(pid: int) -> float:
    text = Path(f"/proc/{pid}/stat").read_text()
    # the command name (field 2) may hold spaces; fields after it are plain numbers
    fields = text[text.rindex(")") + 2 :].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / _TICKS_PER_SECOND


def _status(pid: int) -> dict[str, str]:
    status = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        status[name] = value.strip()
    return status


def sample(pid: int) -> ProcessSample:
    status = _status(pid)
    return ProcessSample(
        cpu_seconds=_cpu_seconds(pid),
        rss_kib=int(status["VmRSS"].split()[0]),
        threads=int(status["Threads"]),
    )


def own_cpu_seconds() -> float:
    """CPU time of this (the load generator's) process."""
    times = os.times()
    return times.user + times.system
