"""A view runtime's life as data: its states, the steps between them, a table.

A runtime is created (``NEW``), runs ``handle_request`` (``RUNNING``), and
when that has ended and ``on_stop`` ran it is ``FINISHED``; it may still
serve its windows then.  Cleanup (``on_cleanup``, the server forgets it) is
asked for when its last window leaves or the server stops, from any thread
and any state; it runs once, and never while ``handle_request`` runs: asked
for then, it is due (``CLEANUP_DUE``) and runs when ``handle_request`` ends.

Every change goes through ``Lifecycle.advance``, which looks the step up in
``TRANSITIONS``; a step the table does not have for the current state is a
bug and raises ``LifecycleError`` at once (as h11's connection states do).
Whether a view crashed or was stopped is not part of this: that is what it
shows and why its waits fail (``ViewRuntime.crashed``, ``Waiting.stop``), not
where it is in its life.
"""

from __future__ import annotations

import enum
import threading

__all__ = ["TRANSITIONS", "Lifecycle", "LifecycleError", "Step", "ViewState"]


class ViewState(enum.Enum):
    NEW = "new"  # created; handle_request has not started
    RUNNING = "running"  # handle_request runs
    CLEANUP_DUE = "cleanup due"  # handle_request runs; cleanup runs when it ends
    FINISHED = "finished"  # handle_request ended and on_stop ran
    CLEANED = "cleaned"  # cleaned up after it ran (terminal)
    DISCARDED = "discarded"  # cleaned up without ever running (terminal)


class Step(enum.Enum):
    START = "start"  # handle_request starts
    END = "end"  # handle_request ended and on_stop ran
    CLEANUP = "cleanup"  # cleanup is asked for


S, E = ViewState, Step

TRANSITIONS: dict[ViewState, dict[Step, ViewState]] = {
    S.NEW: {E.START: S.RUNNING, E.CLEANUP: S.DISCARDED},
    S.RUNNING: {E.END: S.FINISHED, E.CLEANUP: S.CLEANUP_DUE},
    S.CLEANUP_DUE: {E.END: S.CLEANED, E.CLEANUP: S.CLEANUP_DUE},
    S.FINISHED: {E.CLEANUP: S.CLEANED},
    S.CLEANED: {E.CLEANUP: S.CLEANED},
    S.DISCARDED: {E.CLEANUP: S.DISCARDED},
}

RUNNING_STATES = frozenset({S.RUNNING, S.CLEANUP_DUE})
CLEANED_STATES = frozenset({S.CLEANED, S.DISCARDED})


class LifecycleError(RuntimeError):
    """A step the lifecycle does not allow in its current state."""


class Lifecycle:
    """The state of one runtime; thread-safe (steps come from the loop and pool threads)."""

    __slots__ = ("_lock", "_state")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = ViewState.NEW

    def __repr__(self) -> str:
        return f"<Lifecycle {self._state.value}>"

    @property
    def state(self) -> ViewState:
        return self._state

    def advance(self, step: Step) -> bool:
        """Take ``step``; True when it makes the cleanup due now (the caller runs it)."""
        with self._lock:
            before = self._state
            after = TRANSITIONS[before].get(step)
            if after is None:
                raise LifecycleError(f"a view runtime cannot {step.value} when {before.value}")
            self._state = after
        return after in CLEANED_STATES and before not in CLEANED_STATES

    @property
    def running(self) -> bool:
        """handle_request runs."""
        return self._state in RUNNING_STATES

    @property
    def ended(self) -> bool:
        """handle_request ran and ended (on_stop included)."""
        return self._state in (S.FINISHED, S.CLEANED)

    @property
    def cleanup_asked(self) -> bool:
        return self._state in (S.CLEANUP_DUE, *CLEANED_STATES)
