"""The flood benchmark runs in CI at a small size: every flood of issue 16 is
cut off at its bound (behaviour only; the figures are the benchmark's)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.child_process import run_child

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("adapter", ["flask"])  # the one with a thread per connection
def test_every_flood_is_cut_off_at_its_bound(tmp_path, adapter):
    output = tmp_path / "floods.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "floods.py"), "--quick"]
    result = run_child([*command, "--adapters", adapter, "--json", str(output)], timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    floods = {
        name: figures[adapter] for name, figures in json.loads(output.read_text())["floods"].items()
    }
    assert floods["surrogate"]["bystander saw the message"] == "yes"
    assert floods["surrogate"]["later page load"] == 200
    assert floods["view-flood"]["flooder"] == "disconnected"
    assert floods["slow-readers"]["still connected at the end"] == 0
    assert floods["log-flood"]["log written (MiB)"] < 0.1 * floods["log-flood"]["bad input (MiB)"]
    assert floods["blocking"]["warning names the view"] == "yes"
    assert floods["slowloris"]["still held at the end"] == 0
    assert floods["slowloris"]["threads added (peak)"] < floods["slowloris"]["slow clients"]
    assert floods["sleeping-views"]["refused"] > 0
