"""The time-to-content table."""

from __future__ import annotations

from benchmarks.report.format import failed_row, markdown_table, measured, number, paragraph, ratio
from benchmarks.scenarios.first_content import ContentResult

__all__ = ["EXPLANATION", "content_table"]


def content_table(results: list[ContentResult]) -> str:
    lona = measured(results, "lona")
    rows = []
    for r in results:
        if r.error:
            rows.append(failed_row([r.label], r.error, 7))
            continue
        rows.append(
            [
                r.label,
                f"{number(r.cold_median, 0)} / {number(r.cold_p90, 0)}",
                f"{number(r.warm_median, 0)} / {number(r.warm_p90, 0)}",
                ratio(r.cold_median, lona.cold_median) if lona else "—",
                ratio(r.warm_median, lona.warm_median) if lona else "—",
                str(len(r.cold_ms)),
            ]
        )
    headers = [
        "server",
        "cold ms, median / p90",
        "warm ms, median / p90",
        "cold ÷ Lona",
        "warm ÷ Lona",
        "loads each",
    ]
    return markdown_table(headers, rows)


EXPLANATION = paragraph(
    """
Headless Chromium (Playwright) opens each server's counter page; a script injected before the
page's own records `performance.now()` at the first animation frame in which `#count` shows `0`:
the time from the start of the navigation to the frame that paints the content. Cold: a new
browser context for every load (no cache, no cookie, no open connection); warm: the page loaded
again and again in one context. lona-live answers the page load with the view's content (first
content); Lona answers an empty page and renders once its websocket round trip is done; ReactPy
renders once its client script and websocket are up. The static page is the counter's markup as
a plain HTML file from the raw aiohttp server: the floor. The servers take turns in 5 rounds.
"""
)
