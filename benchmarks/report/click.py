"""The click round trip tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.report.format import failed_row, markdown_table, number, paragraph, ratio
from benchmarks.scenarios.click import ClickResult, ClickSeries

__all__ = ["EXPLANATION", "click_tables"]


@dataclass(frozen=True)
class Metric:
    name: str
    value: Callable[[ClickResult], float]
    digits: int


METRICS = [
    Metric("events/s", lambda r: r.events_per_second, 0),
    Metric("p50 ms", lambda r: r.p50_ms, 2),
    Metric("p99 ms", lambda r: r.p99_ms, 2),
    Metric("server CPU ms/event", lambda r: r.server_cpu_ms_per_event, 3),
]


def _series(series: list[ClickSeries], role: str, adapter: str | None = None) -> ClickSeries | None:
    return next(
        (
            s
            for s in series
            if s.target.role == role and (adapter is None or s.target.adapter == adapter)
        ),
        None,
    )


def _value(series: ClickSeries | None, clients: int, metric: Metric) -> float | None:
    result = series.at(clients) if series else None
    return metric.value(result) if result else None


def _comparison(series: list[ClickSeries], adapters: list[str], levels: list[int]) -> str:
    lona, reactpy = _series(series, "lona"), _series(series, "reactpy")
    rows = []
    for adapter in adapters:
        ours, echo = _series(series, "ours", adapter), _series(series, "echo", adapter)
        for clients in levels:
            for metric in METRICS:
                mine = _value(ours, clients, metric)
                theirs, peer = _value(lona, clients, metric), _value(reactpy, clients, metric)
                rows.append(
                    [
                        adapter,
                        str(clients),
                        metric.name,
                        number(mine, metric.digits) if ours else "skipped",
                        number(theirs, metric.digits),
                        ratio(mine, theirs),
                        number(peer, metric.digits) if reactpy else "not measured",
                        ratio(mine, peer),
                        number(_value(echo, clients, metric), metric.digits),
                    ]
                )
    headers = [
        "adapter",
        "clients",
        "metric",
        "lona-live",
        "Lona",
        "÷ Lona",
        "ReactPy (Tornado)",
        "÷ ReactPy",
        "raw echo, same framework (ceiling)",
    ]
    return markdown_table(headers, rows)


def _details(series: list[ClickSeries]) -> str:
    rows = []
    for one in series:
        for r in one.results:
            if r.error:
                rows.append(failed_row([r.server, str(r.clients)], r.error, 10))
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
    return _comparison(series, adapters, levels) + "\n\nAll figures:\n\n" + _details(series)


EXPLANATION = paragraph(
    """
All servers run at once and take turns in short rounds, so that the background load of the
shared machine falls on all of them alike. Each client is a closed loop over its own websocket:
it clicks the counter's button, waits for the server's reply to exactly that click (lona-live:
the PATCH carrying the event id; Lona: the DATA after its INPUT_EVENT_ACK; ReactPy: the layout
update of the re-rendered component), checks that the reply carries the new count, and clicks
again. Latency runs from send to reply. Server CPU is utime + stime of the server process from
/proc over the measured rounds, divided by the clicks answered in them; server threads is the
most seen at the end of a round. The raw echo servers answer each frame with itself: no view, no
JSON; they show what the transport costs on its own. Ratios are lona-live ÷ Lona (or ÷ ReactPy):
above 1 is better for events/s, below 1 is better for latency and CPU. Lona has only an aiohttp
server and ReactPy runs on Tornado, so every adapter is compared with the same Lona and ReactPy
figures.
"""
)
