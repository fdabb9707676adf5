"""The floods of issue 16 against every adapter: ``python benchmarks/floods.py``.

    python benchmarks/floods.py                      # the issue's sizes (about 10 minutes)
    python benchmarks/floods.py --quick              # small floods (CI runs these)
    python benchmarks/floods.py --only view-flood,slowloris --adapters flask
    python benchmarks/floods.py --json after.json    # the figures, for a report
    python benchmarks/floods.py --report before.json after.json --output benchmarks/FLOODS.md

Each flood runs against a fresh conformance app (``lona_conformance.app``) in
its own process; ``flood_attacks`` says what each does and measures.  To
measure another version of the core (the code before a fix), put its
``core`` and ``adapters/*`` first on ``PYTHONPATH``: the servers import
whatever ``lona`` the path gives them, and the report prints which.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "benchmarks":
    sys.path[0] = str(ROOT)  # import benchmarks.* from the root

from benchmarks.flood_attacks import ATTACKS, Size  # noqa: E402
from lona_conformance.server_process import ServerProcess  # noqa: E402

ADAPTERS = ("aiohttp", "tornado", "flask")


def settings_for(attack: str, quick: bool) -> dict[str, Any]:
    """Settings a small run needs to show the bound at its size (none for the full run)."""
    if not quick:
        return {}
    return {
        "slowloris": {"HTTP_HEADER_TIMEOUT": 1.5},
        "sleeping-views": {"MAX_SYNC_VIEWS": 40},
        "slow-readers": {"MAX_PENDING_BYTES": 1024 * 1024},
    }.get(attack, {})


def run(adapters: list[str], attacks: list[str], quick: bool) -> dict[str, Any]:
    size = Size.quick() if quick else Size.full()
    results: dict[str, Any] = {}
    for adapter in adapters:
        for name in attacks:
            title, attack = ATTACKS[name]
            settings = settings_for(name, quick)
            env = {"LONA_CONFORMANCE_SETTINGS": json.dumps(settings)} if settings else {}
            print(f"{adapter}: {title} ...", flush=True)
            started = time.monotonic()
            with ServerProcess(adapter, env=env) as server:
                try:
                    figures = attack(server, size)
                except Exception as error:  # a server that broke down is a result too
                    figures = {"failed": f"{type(error).__name__}: {error}"}
            figures["settings"] = settings
            print(f"  {figures} ({time.monotonic() - started:.0f} s)", flush=True)
            results.setdefault(name, {})[adapter] = figures
    import lona

    return {"lona": str(Path(lona.__file__).parent), "quick": quick, "floods": results}


def report(before: dict[str, Any], after: dict[str, Any]) -> str:
    """A Markdown table per flood: each figure before and after, per adapter."""
    lines = [
        "# Floods of issue 16: before and after",
        "",
        "Written by `python benchmarks/floods.py --report before.json after.json`;",
        f"before: `{before['lona']}`, after: `{after['lona']}`"
        + (" (quick sizes)" if after.get("quick") else " (the issue's sizes)")
        + ".",
        "",
    ]
    for name, (title, _attack) in ATTACKS.items():
        if name not in after["floods"]:
            continue
        lines += [f"## {title}", ""]
        adapters = list(after["floods"][name])
        lines.append("| figure | " + " | ".join(f"{a} before | {a} after" for a in adapters) + " |")
        lines.append("|---|" + "---|---|" * len(adapters))
        figures: list[str] = []
        for adapter in adapters:
            for key in after["floods"][name][adapter]:
                if key not in figures and key != "settings":
                    figures.append(key)
        for key in figures:
            cells = []
            for adapter in adapters:
                old = before["floods"].get(name, {}).get(adapter, {}).get(key, "")
                new = after["floods"][name][adapter].get(key, "")
                cells += [str(old), str(new)]
            lines.append(f"| {key} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--adapters", default=",".join(ADAPTERS))
    parser.add_argument("--only", default=",".join(ATTACKS), help="floods to run, by name")
    parser.add_argument("--quick", action="store_true", help="small floods (as CI runs them)")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--report", nargs=2, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--output", help="with --report: write the Markdown here")
    options = parser.parse_args(argv)
    if options.report:
        before, after = (json.loads(Path(p).read_text()) for p in options.report)
        text = report(before, after)
        if options.output:
            Path(options.output).write_text(text + "\n")
        else:
            print(text)
        return 0
    names = [name for name in options.only.split(",") if name]
    unknown = [name for name in names if name not in ATTACKS]
    if unknown:
        parser.error(f"unknown floods {unknown}; known: {', '.join(ATTACKS)}")
    results = run([a for a in options.adapters.split(",") if a], names, options.quick)
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=2) + "\n")
    failed = [
        (name, adapter)
        for name, per_adapter in results["floods"].items()
        for adapter, figures in per_adapter.items()
        if "failed" in figures
    ]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
