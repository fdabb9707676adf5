"""The adapter interface is complete and docs/adapters.md is enough: a fourth
adapter written from that page (tests/fixtures/ws_adapter.py, on the
``websockets`` library) passes the whole conformance suite, browser included,
selected by import path as a third-party adapter would be; all but the tests
that send request bodies, which that library can not read."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from tests.child_process import run_child

ROOT = Path(__file__).parents[1]
ADAPTER = "tests.fixtures.ws_adapter:WebsocketsAdapter"


@pytest.mark.timeout(960)  # a loaded machine needs over 10 minutes
def test_the_minimal_websockets_adapter_passes_the_whole_conformance_suite():
    result = run_child(
        [
            sys.executable,
            *("-m", "pytest", "--pyargs", "lona_conformance", "-q", "-p", "no:cacheprovider"),
            *("--adapter", ADAPTER),
            # websockets reads no request bodies (its docstring says why)
            *("-m", "not request_body"),
        ],
        cwd=ROOT,  # the import path is relative to the project, as for `python -m`
        # the bundled adapters get the full 10,000 fuzz cases; this fixture proves the docs
        env={**os.environ, "LONA_FUZZ_EXAMPLES": "1000"},
        timeout=900,
    )
    summary = result.stdout.strip().splitlines()[-1]
    assert result.returncode == 0, result.stdout[-5000:]
    # nothing skipped or failed; only the request_body tests deselected
    assert re.fullmatch(r"\d+ passed, \d+ deselected in [\d.]+s( \(.*\))?", summary), summary
