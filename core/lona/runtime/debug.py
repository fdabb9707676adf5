"""Debug mode (``DEBUG = True``, ``--debug``): errors of view code shown in the page.

Without it an exception in an input event handler ends the view and shows the
500 view, as in Lona.  With it the exception is logged as always, and

* the page shows it over its content with the traceback (a DEBUG message,
  ``client/debug.js``), and the view keeps running with its state: fix the
  code, and live reload brings the change;
* a ``handle_request`` that raises leaves what the view showed in place (the
  500 view only when it showed nothing yet), and every window that attaches
  to it later gets the report too (the page load of a crashing view);
* a non-interactive view that raises answers 500 with the traceback
  (``lona/debug-error.html``).

Debug mode hands tracebacks (code, paths, values) to whoever loads a page:
it is off by default and for development only; the server says so when it
starts with it.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

__all__ = ["debug_enabled", "error_report"]

LONA_PACKAGE = str(Path(__file__).resolve().parents[1])


def debug_enabled(settings: Any) -> bool:
    return bool(settings.get("DEBUG"))


def error_report(error: BaseException, where: str) -> dict[str, str]:
    """What the page shows of ``error``: a title, where it happened, the traceback."""
    return {
        "title": "".join(traceback.format_exception_only(error)).strip(),
        "where": where,
        "traceback": "".join(_own_frames(error).format()).rstrip(),
    }


def _own_frames(error: BaseException) -> traceback.TracebackException:
    """The traceback without the framework's frames that called the view's code:
    it starts where the app's code does."""
    summary = traceback.TracebackException.from_exception(error)
    frames = list(summary.stack)
    while len(frames) > 1 and frames[0].filename.startswith(LONA_PACKAGE):
        frames.pop(0)
    summary.stack = traceback.StackSummary.from_list(frames)
    return summary
