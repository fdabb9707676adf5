"""The browser client's unit tests (tests/client_js/, Node's built-in test runner).

Node is part of the test system (scripts/_setup.sh installs Debian's
``nodejs``): without it this test fails, it is not skipped.  The hydration
cases the client must adopt are rendered here, by the server's own code, so
the client and ``lona.html.hydration`` are checked against each other.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from lona.html import HTML1, Div, Node, P, RawHTML, Span, TextArea, Widget
from lona.html.hydration import render_adoptable

TESTS = Path(__file__).parent / "client_js"
CLIENT = Path(__file__).parents[1] / "client"
# --import with module.register (the client's files as ES modules), --test-reporter
MINIMUM_NODE = (18, 19)


class _LegacyWidget(Widget):
    def __init__(self) -> None:
        self.nodes = [Span("in the widget"), "text"]


def _hydration_cases() -> list[dict[str, Any]]:
    texts = Span()
    for text in ("a", "", "b"):
        texts.append(text)
    trees = {
        "texts, empty ones too": Div(Span("one"), texts),
        "raw HTML and a textarea": Div(RawHTML("<b>raw</b>"), TextArea(value="x")),
        "a widget and escaped text": Div(Node(widget="Chart", widget_data={"p": 1}), P("<&>")),
        "a legacy widget at the root": _LegacyWidget(),
        "a legacy widget inside": Div(_LegacyWidget(), P("after")),
        "Lona's HTML1": HTML1(Div("one"), "two"),
    }
    cases = []
    for name, tree in trees.items():
        rendered = render_adoptable(tree)
        assert rendered.adoptable, name
        cases.append({"name": name, "html": rendered.html, "signature": rendered.signature})
    return cases


def _node() -> str:
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is missing: scripts/_setup.sh installs Debian's nodejs"
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True)
    found = tuple(int(part) for part in version.stdout.strip().lstrip("v").split(".")[:2])
    assert found >= MINIMUM_NODE, f"Node {version.stdout.strip()} is too old for these tests"
    return node


@pytest.mark.timeout(300)  # a few seconds of CPU; generous for a machine under load
def test_the_client_unit_tests_pass(tmp_path: Path) -> None:
    fixtures = tmp_path / "hydration.json"
    fixtures.write_text(json.dumps(_hydration_cases()))
    report = tmp_path / "report.tap"
    files = sorted(str(path) for path in TESTS.glob("*.test.mjs"))
    reporters = ["--test-reporter=spec", "--test-reporter-destination=stdout"]
    reporters += ["--test-reporter=tap", f"--test-reporter-destination={report}"]
    result = subprocess.run(
        [_node(), "--import", str(TESTS / "register.mjs"), "--test", *reporters, *files],
        capture_output=True,
        text=True,
        timeout=280,
        env={**os.environ, "LONA_HYDRATION_FIXTURES": str(fixtures), "NO_COLOR": "1"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    counts = dict(re.findall(r"^# (\w+) (\d+)$", report.read_text(), re.M))
    assert int(counts["pass"]) > 0 and counts["fail"] == "0", output
    assert counts.get("skipped", "0") == "0" and counts.get("todo", "0") == "0", output


def test_every_client_module_has_unit_tests() -> None:
    """Each test file names the modules it tests in its first line."""
    covered = set()
    for path in TESTS.glob("*.test.mjs"):
        covered.update(re.findall(r"[\w.]+\.js\b", path.read_text().splitlines()[0]))
    assert sorted(path.name for path in CLIENT.glob("*.js") if path.name not in covered) == []
