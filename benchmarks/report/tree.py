"""The wire bytes and tree cost table."""

from __future__ import annotations

from benchmarks.report.format import markdown_table, measured, number, paragraph, ratio
from benchmarks.scenarios.tree import ACTIONS, ActionFigures, TreeResult

__all__ = ["EXPLANATION", "tree_table"]


def _cells(figures: ActionFigures | None) -> list[str]:
    if figures is None:
        return ["—", "—", "—"]
    return [
        number(figures.median_bytes, 0),
        number(figures.median_ms, 1),
        number(figures.cpu_ms, 1),
    ]


GOALS = {
    "first show": "time at most 1/5 of Lona's",
    "one text change": "at most 100 bytes",
    "1,000 changes of one node": "one patch",
    "rebuilt tree": "under 1 KB",
}


def tree_table(results: list[TreeResult]) -> str:
    ours = measured(results, "ours")
    lona = measured(results, "lona")
    rows = []
    for action in ACTIONS:
        mine = ours.actions.get(action) if ours else None
        theirs = lona.actions.get(action) if lona else None

        rows.append(
            [
                action,
                *_cells(mine),
                *_cells(theirs),
                ratio(mine.median_bytes if mine else None, theirs.median_bytes if theirs else None),
                ratio(mine.median_ms if mine else None, theirs.median_ms if theirs else None),
                GOALS[action],
            ]
        )
    headers = [
        "action",
        "lona-live bytes",
        "ms",
        "server CPU ms",
        "Lona bytes",
        "ms",
        "server CPU ms",
        "bytes ÷ Lona",
        "time ÷ Lona",
        "goal",
    ]
    failures = [f"- {r.label} failed: {r.error}" for r in results if r.error]
    return "\n".join([markdown_table(headers, rows), *failures])


EXPLANATION = paragraph(
    """
One view of a report of 10,006 nodes (a list of 3,333 rows of `li`, `span`, text; the same view
file for both servers, Lona's API). First show: from asking for the view until its whole tree has
arrived, building the tree in `handle_request` included (median of 5 fresh views). Then clicks on
one view: one text change (median of 20), a handler that changes one text 1,000 times before the
flush (5), and a handler that builds the whole tree again with one text changed and shows it (5).
Bytes are everything the server sent in reply (lona-live: up to the message acknowledging the
click; Lona: its INPUT_EVENT_ACK and the DATA after it); ms runs until that reply arrived; server
CPU is the server process's CPU time per action (/proc counts in 10 ms steps, so small actions
read as 0 or one step spread over the repetitions).
"""
)
