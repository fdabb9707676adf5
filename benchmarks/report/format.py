"""Formatting figures: numbers, ratios, markdown tables, paragraphs."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, Protocol, TypeVar

__all__ = ["failed_row", "markdown_table", "measured", "number", "paragraph", "ratio"]


class _Result(Protocol):
    @property
    def role(self) -> str: ...
    @property
    def error(self) -> str | None: ...


R = TypeVar("R", bound=_Result)


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


def paragraph(text: str) -> str:
    """Text written over several source lines, as one line."""
    return " ".join(text.split())


def measured(results: Iterable[R], role: str) -> R | None:
    """The first result of ``role`` ("ours", "lona", "static", ...) that did not fail."""
    return next((r for r in results if r.role == role and not r.error), None)


def failed_row(leading: Sequence[str], error: Any, columns: int) -> list[str]:
    """A table row for a failed measurement: its leading cells, the error, blanks."""
    cells = [*leading, f"failed: {error}"]
    return cells + [""] * (columns - len(cells))
