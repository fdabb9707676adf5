"""The view runtime's lifecycle table (lona.runtime.lifecycle)."""

from __future__ import annotations

import pytest

from lona.runtime.lifecycle import TRANSITIONS, Lifecycle, LifecycleError, Step, ViewState


def _walk(*steps: Step) -> tuple[Lifecycle, list[bool]]:
    lifecycle = Lifecycle()
    return lifecycle, [lifecycle.advance(step) for step in steps]


def test_a_view_that_runs_and_then_loses_its_window_is_cleaned_once():
    lifecycle, due = _walk(Step.START, Step.END, Step.CLEANUP, Step.CLEANUP)
    assert lifecycle.state is ViewState.CLEANED
    assert due == [False, False, True, False]
    assert lifecycle.ended and not lifecycle.running


def test_cleanup_asked_for_while_handle_request_runs_waits_for_its_end():
    lifecycle, due = _walk(Step.START, Step.CLEANUP)
    assert lifecycle.state is ViewState.CLEANUP_DUE
    assert lifecycle.running and due == [False, False]
    assert lifecycle.advance(Step.CLEANUP) is False  # asked twice: still once
    assert lifecycle.advance(Step.END) is True  # now it runs
    assert lifecycle.state is ViewState.CLEANED and lifecycle.ended


def test_a_view_that_never_started_is_discarded_without_having_ended():
    lifecycle, due = _walk(Step.CLEANUP)
    assert lifecycle.state is ViewState.DISCARDED
    assert due == [True]
    assert not lifecycle.ended and not lifecycle.running


@pytest.mark.parametrize(
    ("steps", "illegal"),
    [
        ((), Step.END),  # ended before it started
        ((Step.START,), Step.START),  # started twice
        ((Step.START, Step.END), Step.END),  # ended twice
        ((Step.START, Step.END), Step.START),  # restarted
        ((Step.CLEANUP,), Step.START),  # started after its cleanup
        ((Step.START, Step.END, Step.CLEANUP), Step.START),
    ],
)
def test_an_illegal_step_raises_at_once_and_changes_nothing(steps, illegal):
    lifecycle, _ = _walk(*steps)
    before = lifecycle.state
    with pytest.raises(LifecycleError, match=illegal.value):
        lifecycle.advance(illegal)
    assert lifecycle.state is before


def test_the_table_covers_every_state_and_cleanup_is_always_allowed():
    assert set(TRANSITIONS) == set(ViewState)
    for state, steps in TRANSITIONS.items():
        assert Step.CLEANUP in steps, state
    reachable = {ViewState.NEW}
    frontier = [ViewState.NEW]
    while frontier:
        for target in TRANSITIONS[frontier.pop()].values():
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert reachable == set(ViewState)
