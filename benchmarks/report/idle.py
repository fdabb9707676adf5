"""The idle views tables."""

from __future__ import annotations

from benchmarks.report.format import failed_row, markdown_table, number, paragraph, ratio
from benchmarks.scenarios.idle import IdleResult

__all__ = ["EXPLANATION", "idle_tables"]


def _new_view(result: IdleResult) -> str:
    if result.new_view_ms is None:
        return "nothing within 10 s"
    return f"{result.new_view_ms:,.0f} ms"


def _details(results: list[IdleResult]) -> str:
    rows = []
    for r in results:
        if r.error:
            rows.append(failed_row([r.label, str(r.views)], r.error, 7))
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


def _comparison(results: list[IdleResult], role: str) -> str | None:
    reference = next((r for r in results if r.role == role and not r.error), None)
    if reference is None:
        return None
    rows = [
        [
            r.label,
            ratio(r.rss_per_view_kib, reference.rss_per_view_kib),
            ratio(r.threads, reference.threads),
            ratio(r.click_p99_ms, reference.click_p99_ms),
        ]
        for r in results
        if r.role == "ours" and not r.error
    ]
    headers = ["lona-live", "RSS/view ÷ theirs", "threads ÷ theirs", "click p99 ÷ theirs"]
    return f"Compared with {reference.label}:\n\n" + markdown_table(headers, rows)


def idle_tables(results: list[IdleResult]) -> str:
    parts = [_details(results)]
    for role in ("lona-raised", "reactpy"):
        comparison = _comparison(results, role)
        if comparison is not None:
            parts.append(comparison)
    return "\n\n".join(parts)


EXPLANATION = paragraph(
    """
N views connected at once, one websocket each, every view waiting for a click: lona-live's sync
views blocked in `self.await_click()` (a thread each, as in Lona, with lona-live's small thread
stack), async views parked in `await self.await_click()` and callback-style views whose
`handle_request` returned (no thread), Lona's sync view with its default settings
(MAX_RUNTIME_THREADS = 6: only 6 views run, the rest wait for a thread) and with
MAX_RUNTIME_THREADS raised to N + 16, so that every view gets its thread and the extra client's
page loads still find one, and ReactPy's counter page (a component with its state). RSS growth
per view is (VmRSS once every view shows its content - VmRSS after warm-up) ÷ N; where not all
views show content it is still divided by N. Server threads are counted once all views are
connected. One extra client, connected before the N views, clicks its counter while they are
all connected; then a new tab opens the counter and the time until its content arrives is
measured. The raw echo servers hold the same number of plain websockets, without any view: the
transport's share of the cost per view. lona-live's idle pool threads (started while the N views
opened, they retire after THREAD_IDLE_TIMEOUT = 10 s) are counted too. Flask is measured with at
most 2,000 views: flask-sock holds two threads per open websocket, and 10,000 sockets would take
more threads than the machine's pid_max (32,768) allows beside the rest.
"""
)
