"""``@background``: an input event handler that runs beside the view's other events.

By default a view handles its input events one at a time, in the order they
were sent: a slow handler (a database call, an export) delays the clicks
after it on the same page.  A handler marked ``@background`` is started and
the event acknowledged at once; it then runs on its own thread (or as its own
task, when it is a coroutine function) while the view goes on with its next
events.  Its changes are shown when it returns (and whenever it calls
``show()``); a returned redirect navigates; an exception shows the 500 view,
as for any handler.  See ``docs/events.md``.

    class Report(View):
        @background
        def export(self, input_event):
            ...  # takes a minute; the page keeps answering meanwhile
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from lona.concurrency.calling import Where, decide

__all__ = ["background", "is_background"]

F = TypeVar("F", bound=Callable[..., Any])

_MARK = "_lona_background"


def background(handler: F) -> F:
    """Mark an input event handler to run in the background (see the module docstring)."""
    if not callable(handler):
        raise TypeError(f"@background takes an input event handler, not {handler!r}")
    try:
        setattr(handler, _MARK, True)
        return handler
    except (AttributeError, TypeError):  # a bound method or a builtin: wrap it
        pass

    marked: Callable[..., Any]
    if decide(handler).where is Where.LOOP:  # the wrapper keeps the handler's kind

        async def marked(*args: Any, **kwargs: Any) -> Any:
            return await handler(*args, **kwargs)

    else:

        def marked(*args: Any, **kwargs: Any) -> Any:
            return handler(*args, **kwargs)

    functools.update_wrapper(marked, handler)
    setattr(marked, _MARK, True)
    return marked  # type: ignore[return-value]


def is_background(handler: Any) -> bool:
    """Whether ``handler`` (a function, a bound method of one, a callable) is marked."""
    return getattr(handler, _MARK, False) is True
