"""Issue 8's goals, checked against this run's figures."""

from __future__ import annotations

import math

from benchmarks.report.format import measured, number
from benchmarks.scenarios.click import ClickSeries
from benchmarks.scenarios.first_content import ContentResult
from benchmarks.scenarios.idle import IdleResult
from benchmarks.scenarios.tree import TreeResult

__all__ = ["goal_summary"]

LEVEL = 100  # the concurrency the click goals name
KB = 1000 / 1024  # KiB per KB


def _verdict(value: float | None, limit: float, below: bool) -> str:
    if value is None or math.isnan(value):
        return "not measured"
    met = value <= limit if below else value >= limit
    return "**met**" if met else "**not met**"


def _click_lines(series: list[ClickSeries]) -> list[str]:
    ours = next(
        (s for s in series if s.target.role == "ours" and s.target.adapter == "aiohttp"), None
    )
    lona = next((s for s in series if s.target.role == "lona"), None)
    mine, theirs = (ours.at(LEVEL) if ours else None), (lona.at(LEVEL) if lona else None)
    if mine is None or theirs is None:
        return ["- Goal 1 (aiohttp, 100 clients): not measured"]
    checks = [
        (
            "server CPU per event",
            mine.server_cpu_ms_per_event / theirs.server_cpu_ms_per_event,
            1 / 3,
            True,
        ),
        ("events/s", mine.events_per_second / theirs.events_per_second, 2.5, False),
        ("p99 latency", mine.p99_ms / theirs.p99_ms, 1 / 3, True),
    ]
    return [
        f"- Goal 1 (aiohttp, {LEVEL} clients), {name}: {value:.2f}x Lona's "
        f"(goal {'≤' if below else '≥'} {limit:.2f}x): {_verdict(value, limit, below)}"
        for name, value, limit, below in checks
    ]


def _idle_lines(results: list[IdleResult]) -> list[str]:
    lines = []
    for r in results:
        if r.role != "ours" or r.error:
            continue
        per_view_kb = r.rss_per_view_kib / KB
        if ", sync " in r.label:  # reported beside the others: a thread each, as in Lona
            lines.append(
                f"- Goal 2 (beside), {r.label}: {r.shown}/{r.views} views showing, "
                f"{number(per_view_kb, 1)} KB RSS per view, {r.threads} threads, extra click "
                f"p99 {number(r.click_p99_ms, 2)} ms"
            )
            continue
        every_view = r.shown == r.views
        lines.append(
            f"- Goal 2, {r.label}: {r.shown}/{r.views} views showing, "
            f"{number(per_view_kb, 1)} KB RSS per view (goal < 50: "
            f"{_verdict(per_view_kb if every_view else math.nan, 50, True)}), {r.threads} "
            f"threads, extra click p99 {number(r.click_p99_ms, 2)} ms (goal < 50: "
            f"{_verdict(r.click_p99_ms, 50, True)}){_transport_cost(r, results)}"
        )
    return lines


def _transport_cost(ours: IdleResult, results: list[IdleResult]) -> str:
    """What an idle socket of the same framework costs with no view at all."""
    adapter = ours.label.split(",")[0].split()[-1]  # "lona-live flask, callback"
    echo = next(
        (r for r in results if r.role == "echo" and not r.error and f" {adapter} " in r.label),
        None,
    )
    if echo is None:
        return ""
    return (
        f"; the raw {adapter} echo alone: {number(echo.rss_per_view_kib / KB, 1)} KB and "
        f"{echo.threads} threads for {echo.views} idle sockets"
    )


def _tree_lines(results: list[TreeResult]) -> list[str]:
    ours = measured(results, "ours")
    lona = measured(results, "lona")
    if ours is None:
        return ["- Goal 4: not measured"]
    one = ours.actions["one text change"].median_bytes
    many = ours.actions["1,000 changes of one node"].median_bytes
    rebuilt = ours.actions["rebuilt tree"].median_bytes
    first = ours.actions["first show"].median_ms
    lines = [
        f"- Goal 4, one text change in a 10,000-node tree: {number(one, 0)} bytes "
        f"(goal ≤ 100: {_verdict(one, 100, True)})",
        f"- Goal 4, 1,000 changes of one node before a flush: {number(many, 0)} bytes, one patch "
        f"({_verdict(many, 100, True)})",
        f"- Goal 4, a rebuilt tree differing in one node: {number(rebuilt, 0)} bytes "
        f"(goal < 1 KB: {_verdict(rebuilt, 999, True)})",
    ]
    if lona is not None:
        share = first / lona.actions["first show"].median_ms
        lines.append(
            f"- Goal 4, building and first showing the tree: {number(first, 0)} ms, {share:.2f}x "
            f"Lona's (goal ≤ 0.20x: {_verdict(share, 0.2, True)})"
        )
    return lines


def _content_lines(results: list[ContentResult]) -> list[str]:
    lona = measured(results, "lona")
    static = measured(results, "static")
    lines = []
    if static is not None and lona is not None:
        # the floor: a goal below it can not be met by any server on this machine
        lines.append(
            f"- Goal 5, the floor: a static page with the same markup, cold "
            f"{number(static.cold_median, 0)} ms = {static.cold_median / lona.cold_median:.2f}x "
            f"Lona's, warm {number(static.warm_median, 0)} ms = "
            f"{static.warm_median / lona.warm_median:.2f}x"
        )
    for r in results:
        if r.role != "ours" or r.error or lona is None:
            continue
        cold, warm = r.cold_median / lona.cold_median, r.warm_median / lona.warm_median
        lines.append(
            f"- Goal 5, {r.label}: cold {number(r.cold_median, 0)} ms = {cold:.2f}x Lona's, warm "
            f"{number(r.warm_median, 0)} ms = {warm:.2f}x (goal ≤ 0.5x: cold "
            f"{_verdict(cold, 0.5, True)}, warm {_verdict(warm, 0.5, True)})"
        )
    return lines or ["- Goal 5: not measured"]


def goal_summary(
    click: list[ClickSeries] | None,
    idle: list[IdleResult] | None,
    tree: list[TreeResult] | None,
    content: list[ContentResult] | None,
) -> str:
    lines: list[str] = []
    if click is not None:
        lines += _click_lines(click)
    if idle is not None:
        lines += _idle_lines(idle)
    if tree is not None:
        lines += _tree_lines(tree)
    if content is not None:
        lines += _content_lines(content)
    return "\n".join(lines)
