"""The channel fan-out table."""

from __future__ import annotations

from benchmarks.report.format import failed_row, markdown_table, measured, number, paragraph, ratio
from benchmarks.scenarios.fanout import FanoutResult

__all__ = ["EXPLANATION", "fanout_table"]


def fanout_table(results: list[FanoutResult]) -> str:
    lona = measured(results, "lona")
    rows = []
    for r in results:
        if r.error:
            rows.append(failed_row([r.label], r.error, 7))
            continue
        rows.append(
            [
                r.label,
                str(r.subscribers),
                number(r.messages_per_second, 1),
                number(r.deliveries_per_second, 0),
                number(r.server_cpu_us_per_delivery, 0),
                number(r.generator_cpu_percent, 0),
                ratio(r.messages_per_second, lona.messages_per_second) if lona else "—",
            ]
        )
    headers = [
        "server",
        "subscribed views",
        "messages/s",
        "deliveries/s",
        "subscribers' server CPU µs/delivery",
        "load generator CPU %",
        "messages/s ÷ Lona",
    ]
    return markdown_table(headers, rows)


EXPLANATION = paragraph(
    """
N views (the table's subscribed views) subscribe to one channel topic (`View.subscribe`,
Lona's API) and show the last message they got, so every message changes every view and goes to
every browser. A publisher view sends M messages per click (`Channel(topic).send`); a round runs
from the click until all subscribers' websockets have received the round's last message.
Messages/s is messages sent ÷ time; deliveries/s is that times N. In one process the publisher is
a view of the subscribers' server; through Redis the publisher and the subscribers are two server
processes with `CHANNEL_BACKEND` on one redis-server (messages cross Redis). The load generator
reads every delivery; its CPU shows when it, not the server, sets the pace.
"""
)
