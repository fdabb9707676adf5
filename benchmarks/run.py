"""Run the benchmarks: ``python benchmarks/run.py [--quick] [--adapters aiohttp,tornado,flask]``.

Any Python 3.11+ may start it: it sets up (or finds) the project's ``.venv``
and re-executes itself there, so the servers, the load generator and the
``lona`` they import are this checkout's.  Lona 1.16.2 gets its own virtual
environment in ``benchmarks/.venvs/lona``.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    # import ``benchmarks.*`` from the root, not this folder's modules as top-level names
    if sys.path and Path(sys.path[0]).resolve() == ROOT / "benchmarks":
        sys.path.pop(0)
    sys.path.insert(0, str(ROOT))
    from benchmarks.environments import ensure_our_python, our_venv

    python = ensure_our_python()
    if Path(sys.prefix).resolve() != our_venv().resolve():
        os.environ.setdefault("LONA_BENCHMARK_COMMAND", shlex.join(sys.orig_argv))
        os.execv(python, [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])

    from benchmarks.main import main as run

    raise SystemExit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
