"""The benchmark run: options, the scenarios in turn, the report."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.apps._rlimit import raise_nofile_limit
from benchmarks.environments import (
    ROOT,
    ensure_lona_python,
    ensure_our_python,
    ensure_reactpy_python,
)
from benchmarks.machine import load_average, machine_facts
from benchmarks.redis_process import redis_server
from benchmarks.report import (
    RunReport,
    click_tables,
    content_table,
    fanout_table,
    idle_tables,
    tree_table,
)
from benchmarks.report.goals import goal_summary
from benchmarks.scenarios.click import ClickTiming, run_click_scenario
from benchmarks.scenarios.fanout import FanoutTiming, run_fanout_scenario
from benchmarks.scenarios.first_content import ContentTiming, run_first_content_scenario
from benchmarks.scenarios.idle import IdleTiming, run_idle_variant
from benchmarks.scenarios.tree import run_tree_scenario
from benchmarks.servers import Launcher
from benchmarks.targets import FRAMEWORKS, Targets, build_targets, fanout_targets

__all__ = ["main"]

LOG_DIR = ROOT / "benchmarks" / ".work"
SCENARIOS = ("click", "idle", "tree", "first-content", "fanout")


@dataclass(frozen=True)
class Options:
    adapters: list[str]
    scenarios: list[str]
    levels: list[int]
    click: ClickTiming
    idle: IdleTiming
    content: ContentTiming
    fanout: FanoutTiming
    output: Path | None


def _names(text: str, allowed: Sequence[str], what: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in allowed]
    if unknown:
        raise SystemExit(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(allowed)})")
    return names


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="Measure lona-live beside Lona 1.16 and ReactPy 1.1 and print ratios.",
    )
    parser.add_argument("--quick", action="store_true", help="small numbers, short windows")
    parser.add_argument(
        "--adapters",
        default=",".join(FRAMEWORKS),
        help="lona-live adapters and raw echo servers to measure (default: %(default)s)",
    )
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="default: %(default)s")
    parser.add_argument("--clients", default="1,10,100", help="concurrency levels of the clicks")
    parser.add_argument("--views", type=int, help="idle views (default 10000, --quick 200)")
    parser.add_argument("--duration", type=float, help="seconds per click window (10, quick 3)")
    parser.add_argument("--loads", type=int, help="page loads per kind (default 20, quick 5)")
    parser.add_argument("--subscribers", type=int, help="fan-out views (default 1000)")
    parser.add_argument(
        "--output",
        default=str(ROOT / "benchmarks" / "RESULTS.md"),
        help="where the results go; '' writes nothing (default: %(default)s)",
    )
    return parser


def parse_options(argv: list[str]) -> Options:
    arguments = _parser().parse_args(argv)
    quick = arguments.quick
    views = arguments.views or (200 if quick else 10_000)
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
        content=ContentTiming(loads=arguments.loads or (5 if quick else 20)),
        fanout=FanoutTiming(
            subscribers=arguments.subscribers or (200 if quick else 1000),
            messages=20,
            rounds=2 if quick else 5,
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
        "wire bytes and tree cost: a 10,006-node tree; first show 5 times, one text change "
        "20 times, 1,000 changes and a rebuilt tree 5 times each",
        f"time to visible content: {options.content.loads} cold and {options.content.loads} warm "
        "page loads per server in headless Chromium",
        f"channel fan-out: {options.fanout.subscribers} subscribed views, "
        f"{options.fanout.messages} messages per round, {options.fanout.rounds} rounds",
    ]


def _fanout(options: Options, launcher: Launcher, ours: Path, lona: Path) -> Any:
    try:
        with redis_server() as url:
            return run_fanout_scenario(fanout_targets(ours, lona, url), options.fanout, launcher)
    except RuntimeError as error:  # no redis-server: the in-process figures still count
        launcher.note(f"channel fan-out through Redis not measured: {error}")
        return run_fanout_scenario(fanout_targets(ours, lona, None), options.fanout, launcher)


def _run(
    name: str, options: Options, targets: Targets, launcher: Launcher, pythons: tuple[Path, Path]
) -> Any:
    print(f"\n{name}", flush=True)
    if name == "click":
        return run_click_scenario(targets.click, options.levels, options.click, launcher)
    if name == "idle":
        return [run_idle_variant(variant, options.idle, launcher) for variant in targets.idle]
    if name == "tree":
        return run_tree_scenario(targets.tree, launcher)
    if name == "first-content":
        return run_first_content_scenario(targets.content, options.content, launcher)
    return _fanout(options, launcher, *pythons)


def _tables(name: str, results: Any, options: Options) -> str:
    if name == "click":
        return click_tables(results, options.adapters, options.levels)
    if name == "idle":
        return idle_tables(results)
    if name == "tree":
        return tree_table(results)
    if name == "first-content":
        return content_table(results)
    return fanout_table(results)


def main(argv: list[str]) -> int:
    options = parse_options(argv)
    raise_nofile_limit()
    our_python, lona_python = ensure_our_python(), ensure_lona_python()
    reactpy_python = ensure_reactpy_python()
    targets = build_targets(
        options.adapters, our_python, lona_python, reactpy_python, options.idle.views
    )
    for old_log in LOG_DIR.glob("*.log"):  # the servers' output of the last run
        old_log.unlink()
    launcher = Launcher(LOG_DIR)
    for note in targets.notes:
        launcher.note(note)
    load_before = load_average()
    results = {
        name: _run(name, options, targets, launcher, (our_python, lona_python))
        for name in options.scenarios
    }
    report = RunReport(
        command=os.environ.get("LONA_BENCHMARK_COMMAND") or shlex.join(sys.orig_argv),
        facts=machine_facts(our_python, lona_python, reactpy_python),
        load_before=load_before,
        load_after=load_average(),
        tables={name: _tables(name, result, options) for name, result in results.items()},
        notes=launcher.notes,
        settings=_settings(options),
        summary=goal_summary(
            results.get("click"),
            results.get("idle"),
            results.get("tree"),
            results.get("first-content"),
        ),
    )
    text = report.markdown()
    print("\n" + text)
    if options.output is not None:
        options.output.write_text(text)
        print(f"written to {options.output}")
    return 0
