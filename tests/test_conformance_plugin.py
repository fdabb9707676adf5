"""The conformance plugin never shrinks the adapter matrix silently: an
adapter that is missing or fails to import fails the run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lona_conformance import plugin
from tests.child_process import run_child

ROOT = Path(__file__).parents[1]


def run_suite(adapter: str) -> subprocess.CompletedProcess[str]:
    """One protocol test of the suite, as CI runs it, in a child pytest."""
    return run_child(
        [
            sys.executable,
            *("-m", "pytest", "--pyargs", "lona_conformance", "-q", "-p", "no:cacheprovider"),
            *("-m", "not browser", "-k", "test_counter_counts_clicks"),
            *("--adapter", adapter),
        ],
        cwd=ROOT,
        timeout=120,
    )


def test_an_installed_adapter_passes():
    result = run_suite("aiohttp")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("1 passed")


@pytest.mark.parametrize(
    ("adapter", "reason"),
    [
        ("nope", "there is no adapter 'nope'"),
        ("tests.fixtures.broken_adapter:Adapter", "No module named 'lona_no_such_framework'"),
    ],
    ids=["missing", "import-fails"],
)
def test_a_missing_or_broken_adapter_fails_the_run(adapter, reason):
    result = run_suite(adapter)
    summary = result.stdout.strip().splitlines()[-1]
    assert result.returncode != 0, result.stdout
    assert "error" in summary and "skipped" not in summary and "passed" not in summary
    assert reason in result.stdout


def test_no_installed_adapter_is_a_usage_error_not_a_skip(monkeypatch):
    monkeypatch.setattr("lona.adapter.available_adapters", dict)

    class Config:
        def getoption(self, name):
            return []

    with pytest.raises(pytest.UsageError, match="no lona adapter is installed"):
        plugin.selected_adapters(Config())


def test_a_registered_adapter_without_its_framework_names_the_extra(monkeypatch):
    from importlib.metadata import EntryPoint

    from lona.adapter import AdapterNotFound, load_adapter

    ghost = EntryPoint("ghost", "lona_no_such_framework:Adapter", "lona.adapters")
    monkeypatch.setattr("lona.adapter.entry_points", lambda group: [ghost])
    with pytest.raises(AdapterNotFound, match=r"pip install 'lona-live\[ghost\]'"):
        load_adapter("ghost")
