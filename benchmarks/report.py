"""The tables a run prints, and benchmarks/RESULTS.md."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from benchmarks.scenarios.click import ClickResult, ClickSeries
from benchmarks.scenarios.idle import IdleResult

__all__ = ["RunReport", "click_tables", "idle_tables", "markdown_table"]


@dataclass(frozen=True)
class Metric:
    name: str
    value: Callable[[ClickResult], float]
    digits: int


CLICK_METRICS = [
    Metric("events/s", lambda r: r.events_per_second, 0),
    Metric("p50 ms", lambda r: r.p50_ms, 2),
    Metric("p99 ms", lambda r: r.p99_ms, 2),
    Metric("server CPU ms/event", lambda r: r.server_cpu_ms_per_event, 3),
]


def number(value: float | None, digits: int) -> str:
    if value is None or math.isnan(value):
        return "—"
    return f"{value:,.{digits}f}"


def ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or theirs is None or math.isnan(ours) or math.isnan(theirs) or not theirs:
        return "—"
    value = ours / theirs
    return f"{value:.2f}x" if value >= 0.1 else f"{value:.3f}x"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    separator = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(headers), separator, *(line(row) for row in rows)])


# click round trip ###########################################################


def _series(series: list[ClickSeries], role: str, adapter: str) -> ClickSeries | None:
    return next((s for s in series if s.target.role == role and s.target.adapter == adapter), None)


def _value(series: ClickSeries | None, clients: int, metric: Metric) -> float | None:
    result = series.at(clients) if series else None
    return metric.value(result) if result else None


def click_comparison(series: list[ClickSeries], adapters: list[str], levels: list[int]) -> str:
    lona = _series(series, "lona", "aiohttp")
    rows = []
    for adapter in adapters:
        ours, echo = _series(series, "ours", adapter), _series(series, "echo", adapter)
        for clients in levels:
            for metric in CLICK_METRICS:
                mine = _value(ours, clients, metric)
                theirs = _value(lona, clients, metric)
                rows.append(
                    [
                        adapter,
                        str(clients),
                        metric.name,
                        number(mine, metric.digits) if ours else "skipped",
                        number(theirs, metric.digits),
                        ratio(mine, theirs),
                        number(_value(echo, clients, metric), metric.digits),
                    ]
                )
    headers = ["adapter", "clients", "metric", "lona-live", "Lona", "lona-live ÷ Lona"]
    return markdown_table([*headers, "raw echo, same framework (ceiling)"], rows)


def click_details(series: list[ClickSeries]) -> str:
    rows = []
    for one in series:
        for r in one.results:
            if r.error:
                rows.append([r.server, str(r.clients), f"failed: {r.error}", *[""] * 7])
                continue
            rows.append(
                [
                    r.server,
                    str(r.clients),
                    str(r.events),
                    number(r.events_per_second, 0),
                    number(r.p50_ms, 2),
                    number(r.p99_ms, 2),
                    number(r.server_cpu_ms_per_event, 3),
                    number(r.server_cpu_percent, 0),
                    number(r.generator_cpu_percent, 0),
                    str(r.threads),
                ]
            )
    headers = [
        "server",
        "clients",
        "events",
        "events/s",
        "p50 ms",
        "p99 ms",
        "server CPU ms/event",
        "server CPU %",
        "load generator CPU %",
        "server threads",
    ]
    return markdown_table(headers, rows)


def click_tables(series: list[ClickSeries], adapters: list[str], levels: list[int]) -> str:
    return (
        click_comparison(series, adapters, levels) + "\n\nAll figures:\n\n" + click_details(series)
    )


# idle views #################################################################


def _new_view(result: IdleResult) -> str:
    if result.new_view_ms is None:
        return "nothing within 10 s"
    return f"{result.new_view_ms:,.0f} ms"


def idle_details(results: list[IdleResult]) -> str:
    rows = []
    for r in results:
        if r.error:
            rows.append([r.label, str(r.views), f"failed: {r.error}", *[""] * 4])
            continue
        shown = f"{r.shown}" + (f" ({r.failed} failed)" if r.failed else "")
        rows.append(
            [
                r.label,
                str(r.views),
                shown,
                number(r.rss_per_view_kib, 1),
                str(r.threads),
                f"{number(r.click_p50_ms, 2)} / {number(r.click_p99_ms, 2)}",
                _new_view(r),
            ]
        )
    headers = [
        "server, view",
        "views",
        "showing content",
        "RSS growth KiB/view",
        "server threads",
        "extra client click p50 / p99 ms",
        "a new tab shows after",
    ]
    return markdown_table(headers, rows)


def idle_comparison(results: list[IdleResult]) -> str:
    lona = next((r for r in results if r.role == "lona-raised" and not r.error), None)
    rows = []
    for r in results:
        if r.role != "ours" or r.error:
            continue
        rows.append(
            [
                r.label,
                ratio(r.rss_per_view_kib, lona.rss_per_view_kib if lona else None),
                ratio(r.threads, lona.threads if lona else None),
                ratio(r.click_p99_ms, lona.click_p99_ms if lona else None),
            ]
        )
    reference = lona.label if lona else "Lona"
    headers = ["lona-live", "RSS/view ÷ Lona", "threads ÷ Lona", "click p99 ÷ Lona"]
    return f"Compared with {reference}:\n\n" + markdown_table(headers, rows)


def idle_tables(results: list[IdleResult]) -> str:
    return idle_details(results) + "\n\n" + idle_comparison(results)


@dataclass
class RunReport:
    command: str
    facts: list[tuple[str, str]]
    load_before: str
    load_after: str
    click: str | None
    idle: str | None
    notes: list[str]
    settings: list[str]

    def markdown(self) -> str:
        parts = [
            "# Benchmark results",
            "",
            f"Measured with `{self.command}`. lona-live and the real Lona run side by side in "
            "this one run, on the same machine, each server in its own process and the load "
            "generator (asyncio + aiohttp) in another.",
            "",
            "**These figures come from a shared machine** (2 cores, with colleagues' test runs "
            "beside it; see the load average), so absolute numbers are noisy: compare the ratios "
            "within one run, and rerun before drawing conclusions.",
            "",
            "## Machine",
            "",
            *(f"- {name}: {value}" for name, value in self.facts),
            f"- load average (1, 5, 15 min): {self.load_before} before, {self.load_after} after",
            "",
            "## Settings",
            "",
            *(f"- {line}" for line in self.settings),
        ]
        if self.click:
            parts += ["", "## Click round trip", "", CLICK_EXPLANATION, "", self.click]
        if self.idle:
            parts += ["", "## Idle views", "", IDLE_EXPLANATION, "", self.idle]
        if self.notes:
            parts += ["", "## Notes", "", *(f"- {note}" for note in self.notes)]
        return "\n".join(parts) + "\n"


def _paragraph(text: str) -> str:
    return " ".join(text.split())


CLICK_EXPLANATION = _paragraph(
    """
All servers run at once and take turns in short rounds, so that the background load of the
shared machine falls on all of them alike. Each client is a closed loop over its own websocket:
it clicks the counter's button, waits for the server's reply to exactly that click (lona-live:
the PATCH carrying the event id; Lona: the DATA after its INPUT_EVENT_ACK), checks that the
reply carries the new count, and clicks again. Latency runs from send to reply. Server CPU is
utime + stime of the server process from /proc over the measured rounds, divided by the clicks
answered in them; server threads is the most seen at the end of a round. The raw echo servers
answer each frame with itself: no view, no JSON; they show what the transport costs on its own.
Ratios are lona-live ÷ Lona: above 1 is better for events/s, below 1 is better for latency and
CPU. Lona has only an aiohttp server, so every adapter is compared with the same Lona figures.
"""
)

IDLE_EXPLANATION = _paragraph(
    """
N views connected at once, one websocket each, every view waiting for a click: lona-live's sync
views blocked in `self.await_click()` (a thread each, as in Lona), async views parked in `await
self.await_click()` and callback-style views whose `handle_request` returned (no thread), and
Lona's sync view, with its default settings (MAX_RUNTIME_THREADS = 6: only 6 views run, the rest
wait for a thread) and with MAX_RUNTIME_THREADS raised to N + 16, so that every view gets its
thread and the extra client's page loads still find one. RSS growth per view is (VmRSS once
every view shows its content - VmRSS after warm-up) ÷ N; where not all views show content it is
still divided by N. Server threads are counted once all views are connected. One extra client,
connected before the N views, clicks its counter while they are all connected; then a new tab
opens the counter and the time until its content arrives is measured. The raw echo servers hold
the same number of plain websockets, without any view: the transport's share of the cost per
view. lona-live's idle pool threads (started while the N views opened, they retire after
THREAD_IDLE_TIMEOUT = 30 s) are counted too.
"""
)
