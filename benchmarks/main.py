"""The benchmark run: options, the scenarios in turn, the report."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.apps._rlimit import raise_nofile_limit
from benchmarks.environments import ROOT, ensure_lona_python, ensure_our_python
from benchmarks.machine import load_average, machine_facts
from benchmarks.report import RunReport, click_tables, idle_tables
from benchmarks.scenarios.click import ClickSeries, ClickTiming, run_click_scenario
from benchmarks.scenarios.idle import IdleResult, IdleTiming, run_idle_variant
from benchmarks.servers import Launcher
from benchmarks.targets import FRAMEWORKS, Targets, build_targets

__all__ = ["main"]

LOG_DIR = ROOT / "benchmarks" / ".work"
SCENARIOS = ("click", "idle")


@dataclass(frozen=True)
class Options:
    adapters: list[str]
    scenarios: list[str]
    levels: list[int]
    click: ClickTiming
    idle: IdleTiming
    output: Path | None


def _names(text: str, allowed: Sequence[str], what: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in allowed]
    if unknown:
        raise SystemExit(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(allowed)})")
    return names


def parse_options(argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="Measure lona-live and the real Lona 1.16 side by side and print ratios.",
    )
    parser.add_argument("--quick", action="store_true", help="200 views, short windows")
    parser.add_argument(
        "--adapters",
        default=",".join(FRAMEWORKS),
        help="lona-live adapters and raw echo servers to measure (default: %(default)s)",
    )
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="default: %(default)s")
    parser.add_argument("--clients", default="1,10,100", help="concurrency levels of the clicks")
    parser.add_argument("--views", type=int, help="idle views (default 1000, --quick 200)")
    parser.add_argument("--duration", type=float, help="seconds per click window (10, quick 3)")
    parser.add_argument(
        "--output",
        default=str(ROOT / "benchmarks" / "RESULTS.md"),
        help="where the results go; '' writes nothing (default: %(default)s)",
    )
    arguments = parser.parse_args(argv)
    quick = arguments.quick
    views = arguments.views or (200 if quick else 1000)
    return Options(
        adapters=_names(arguments.adapters, list(FRAMEWORKS), "adapter"),
        scenarios=_names(arguments.scenarios, SCENARIOS, "scenario"),
        levels=[int(level) for level in arguments.clients.split(",")],
        click=ClickTiming(
            warmup=1.0 if quick else 2.0,
            duration=arguments.duration or (3.0 if quick else 10.0),
            rounds=3 if quick else 5,
        ),
        idle=IdleTiming(
            views=views, stall=5.0 if quick else 15.0, click_seconds=2.0 if quick else 5.0
        ),
        output=Path(arguments.output) if arguments.output else None,
    )


def _settings(options: Options) -> list[str]:
    return [
        f"click round trip: {', '.join(map(str, options.levels))} concurrent clients; per "
        f"level each server gets {options.click.warmup:g} s of warm-up, then the servers take "
        f"turns in {options.click.rounds} rounds until each was measured for "
        f"{options.click.duration:g} s",
        f"idle views: {options.idle.views} views per variant on a fresh server; waiting for "
        f"content ends after {options.idle.stall:g} s without progress; the extra client clicks "
        f"for {options.idle.click_seconds:g} s",
    ]


def _run_click(targets: Targets, options: Options, launcher: Launcher) -> list[ClickSeries]:
    print("\nclick round trip", flush=True)
    return run_click_scenario(targets.click, options.levels, options.click, launcher)


def _run_idle(targets: Targets, options: Options, launcher: Launcher) -> list[IdleResult]:
    print(f"\nidle views ({options.idle.views} per variant)", flush=True)
    return [run_idle_variant(variant, options.idle, launcher) for variant in targets.idle]


def main(argv: list[str]) -> int:
    options = parse_options(argv)
    raise_nofile_limit()
    our_python, lona_python = ensure_our_python(), ensure_lona_python()
    targets = build_targets(options.adapters, our_python, lona_python, options.idle.views)
    for old_log in LOG_DIR.glob("*.log"):  # the servers' output of the last run
        old_log.unlink()
    launcher = Launcher(LOG_DIR)
    for note in targets.notes:
        launcher.note(note)
    load_before = load_average()
    click = _run_click(targets, options, launcher) if "click" in options.scenarios else None
    idle = _run_idle(targets, options, launcher) if "idle" in options.scenarios else None
    report = RunReport(
        command=os.environ.get("LONA_BENCHMARK_COMMAND") or shlex.join(sys.orig_argv),
        facts=machine_facts(our_python, lona_python),
        load_before=load_before,
        load_after=load_average(),
        click=click_tables(click, options.adapters, options.levels) if click is not None else None,
        idle=idle_tables(idle) if idle is not None else None,
        notes=launcher.notes,
        settings=_settings(options),
    )
    text = report.markdown()
    print("\n" + text)
    if options.output is not None:
        options.output.write_text(text)
        print(f"written to {options.output}")
    return 0
