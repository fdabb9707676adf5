"""lona.pytest, used by a small example project's own tests, on every adapter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_TESTS = Path(__file__).parents[1] / "examples" / "project" / "tests"


@pytest.mark.browser
def test_the_example_projects_tests_pass_with_the_plugin(adapter_name):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(PROJECT_TESTS),
            "-q",
            "-p",
            "no:cacheprovider",
            "--adapter",
            adapter_name,
            "--rootdir",
            str(PROJECT_TESTS.parent),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "3 passed" in result.stdout
