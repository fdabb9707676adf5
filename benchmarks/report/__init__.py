"""The tables a run prints, and benchmarks/RESULTS.md."""

from __future__ import annotations

from dataclasses import dataclass, field

from benchmarks.report import click, fanout, first_content, idle, tree
from benchmarks.report.click import click_tables
from benchmarks.report.fanout import fanout_table
from benchmarks.report.first_content import content_table
from benchmarks.report.format import markdown_table
from benchmarks.report.idle import idle_tables
from benchmarks.report.tree import tree_table

__all__ = [
    "RunReport",
    "click_tables",
    "content_table",
    "fanout_table",
    "idle_tables",
    "markdown_table",
    "tree_table",
]

SECTIONS = {
    "click": ("Click round trip", click.EXPLANATION),
    "idle": ("Idle views", idle.EXPLANATION),
    "tree": ("Wire bytes and tree cost", tree.EXPLANATION),
    "first-content": ("Time to visible content", first_content.EXPLANATION),
    "fanout": ("Channel fan-out", fanout.EXPLANATION),
}


@dataclass
class RunReport:
    command: str
    facts: list[tuple[str, str]]
    load_before: str
    load_after: str
    tables: dict[str, str]  # scenario name -> its tables
    notes: list[str]
    settings: list[str]
    summary: str = ""
    extra: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        parts = [
            "# Benchmark results",
            "",
            f"Measured with `{self.command}`. lona-live, the real Lona and ReactPy run side by "
            "side in this one run, on the same machine, each server in its own process and the "
            "load generator (asyncio + aiohttp, and headless Chromium for the time to content) "
            "in another.",
            "",
            "**These figures come from a shared machine** (2 cores; see the load average), so "
            "absolute numbers are noisy: compare the ratios within one run, and rerun before "
            "drawing conclusions.",
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
        if self.summary:
            parts += ["", "## Goals", "", self.summary]
        for name, table in self.tables.items():
            title, explanation = SECTIONS[name]
            parts += ["", f"## {title}", "", explanation, "", table]
        if self.notes:
            parts += ["", "## Notes", "", *(f"- {note}" for note in self.notes)]
        return "\n".join(parts) + "\n"
