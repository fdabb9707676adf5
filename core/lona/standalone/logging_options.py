"""Logging as Lona's command line sets it up: a level, and which loggers show.

``loggers``: names to show only those (``'+name'`` or ``'name'``), or to hide
(``'_name'``); ``debug_mode`` shows one area at debug level (``messages``:
the websocket traffic, ``views``, ``input-events``, ``view-events``).  The
``lona`` logger itself (startup errors) always shows.
"""

from __future__ import annotations

import logging

__all__ = ["LoggerFilter", "setup_logging"]

LEVELS = {"warn": "WARNING"}
DEBUG_MODE_LOGGERS = {
    "messages": "lona.connection",
    "views": "lona.view_runtime",
    "input-events": "lona.events",
    "view-events": "lona.events",
}
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class LoggerFilter(logging.Filter):
    """Shows only the included loggers (and their children), never the excluded ones."""

    def __init__(self, included: list[str], excluded: list[str]) -> None:
        super().__init__()
        self.included = included
        self.excluded = excluded

    @staticmethod
    def _within(name: str, names: list[str]) -> bool:
        return any(name == other or name.startswith(other + ".") for other in names)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "lona":
            return True
        if self._within(record.name, self.excluded):
            return False
        return not self.included or self._within(record.name, self.included)


def setup_logging(
    level: str = "info", loggers: list[str] | None = None, debug_mode: str = ""
) -> None:
    name = LEVELS.get(level.lower(), level.upper())
    logging.basicConfig(
        level=logging.DEBUG if debug_mode else getattr(logging, name, logging.INFO), format=FORMAT
    )
    included: list[str] = []
    excluded: list[str] = []
    if debug_mode:
        included.append(DEBUG_MODE_LOGGERS.get(debug_mode, "lona"))
    for logger_name in loggers or []:
        if logger_name.startswith("_"):
            excluded.append(logger_name[1:])
        else:
            included.append(logger_name.removeprefix("+"))
    if included or excluded:
        log_filter = LoggerFilter(included, excluded)
        for handler in logging.getLogger().handlers:
            handler.addFilter(log_filter)
