"""Wire cost of "rebuild the whole tree and show it", beside the real Lona.

A view shows a freshly built tree of about 10,000 nodes that differs from
the tree on screen in one place.  lona-live sends the differences (a PATCH);
Lona 1.16 sends the whole new tree.  Both sides build the same tree with
their own classes and encode the message the way their server does.

    python benchmarks/tree_diff.py [--lona-python PATH]

``--lona-python`` (or ``LONA_PYTHON``) names a Python with ``lona==1.16.x``
installed; without it only lona-live is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Any

ROWS = 3333  # 3 nodes a row (li, span, text) plus the frame: 10,003 nodes

# Runs under Lona's Python: builds the same trees with Lona's classes.
LONA_SCRIPT = """
import json, sys, time
from lona._json import dumps
from lona.html import H1, Div, Li, Span, Ul

def tree(rows, changed=None, extra=0):
    items = [Li(Span("changed" if i == changed else f"row {i}"), _class="row") for i in range(rows)]
    items += [Li(Span(f"extra {i}"), _class="row") for i in range(extra)]
    return Div(H1("Report"), Ul(*items))

results = {}
for name, kwargs in json.loads(sys.argv[2]).items():
    started = time.perf_counter()
    root = tree(int(sys.argv[1]), **kwargs)
    message = "lona:" + dumps([1, "1", 203, ["title", [502, root._serialize()]]])
    results[name] = [len(message.encode()), time.perf_counter() - started]
print(json.dumps(results))
"""

SCENARIOS: dict[str, dict[str, Any]] = {
    "one text changed": {"changed": 1234},
    "one row appended": {"extra": 1},
}


def _tree(rows: int, changed: int | None = None, extra: int = 0) -> Any:
    from lona.html import H1, Div, Li, Span, Ul

    items = [Li(Span("changed" if i == changed else f"row {i}"), _class="row") for i in range(rows)]
    items += [Li(Span(f"extra {i}"), _class="row") for i in range(extra)]
    return Div(H1("Report"), Ul(*items))


def measure_lona_live(rows: int) -> dict[str, tuple[int, float, float]]:
    from lona.html.document import Document
    from lona.protocol import ServerMessage, dumps

    results = {}
    for name, kwargs in SCENARIOS.items():
        document = Document()
        document.set_root(_tree(rows))
        started = time.perf_counter()
        new_root = _tree(rows, **kwargs)  # building counts: Lona's side builds too
        built = time.perf_counter()
        ops = document.replace_root(new_root)
        assert ops is not None
        message = dumps([int(ServerMessage.PATCH), 1, "1", ops])
        done = time.perf_counter()
        results[name] = (len(message.encode()), done - started, done - built)
    return results


def measure_lona(python: str, rows: int) -> dict[str, tuple[int, float]]:
    output = subprocess.run(
        [python, "-c", LONA_SCRIPT, str(rows), json.dumps(SCENARIOS)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {name: (size, seconds) for name, (size, seconds) in json.loads(output).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lona-python", default=os.environ.get("LONA_PYTHON"))
    parser.add_argument("--rows", type=int, default=ROWS)
    args = parser.parse_args()
    ours = measure_lona_live(args.rows)
    theirs = measure_lona(args.lona_python, args.rows) if args.lona_python else {}
    print(f"tree of {3 * args.rows + 4} nodes, built and shown again (ms: build + encode)")
    print(f"{'':<20} {'lona-live':>28} {'Lona 1.16':>20}")
    print(f"{'scenario':<20} {'bytes':>10} {'ms':>8} {'diff ms':>8} {'bytes':>10} {'ms':>8}")
    for name, (size, seconds, diff_seconds) in ours.items():
        lona = "         -        -"
        if name in theirs:
            lona_size, lona_seconds = theirs[name]
            lona = f"{lona_size:>10} {lona_seconds * 1000:>8.1f}"
        print(f"{name:<20} {size:>10} {seconds * 1000:>8.1f} {diff_seconds * 1000:>8.1f} {lona}")


if __name__ == "__main__":
    sys.exit(main())
