"""The resume benchmark runs in CI at a small size, so it keeps working
(behaviour only: the replay really replays; the figures are the benchmark's)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_resume_benchmark_replays_what_a_dropped_tab_missed(tmp_path):
    output = tmp_path / "resume.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "resume.py")]
    options = ["--adapters", "aiohttp", "--views", "10", "--missed", "50"]
    subprocess.run([*command, *options, "--json", str(output)], check=True, timeout=300)
    figures = json.loads(output.read_text())["aiohttp"]
    assert figures["views"] == 10
    assert figures["replay 50"]["missed messages"] >= 50
