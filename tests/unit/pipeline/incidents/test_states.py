from __future__ import annotations

import pytest

from pipeline.incidents.states import CLOSED, InvalidTransition, State, check_transition, is_open


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (State.RECEIVED, State.CONFIRMING),
        (State.CONFIRMING, State.DISMISSED),
        (State.CONFIRMING, State.CONFIRMED),
        (State.CONFIRMED, State.INVESTIGATING),
        (State.INVESTIGATING, State.FIXING),
        (State.INVESTIGATING, State.REPORTED),
        (State.FIXING, State.PR_OPEN),
        (State.PR_OPEN, State.VERIFYING),
        (State.PR_OPEN, State.REJECTED),
        (State.PR_OPEN, State.INVESTIGATING),
        (State.VERIFYING, State.RESOLVED),
        (State.VERIFYING, State.REOPENED),
        (State.FIXING, State.CANCELLED),
        (State.FAILED, State.INVESTIGATING),
    ],
)
def test_allowed(current: State, target: State) -> None:
    check_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (State.RECEIVED, State.PR_OPEN),
        (State.DISMISSED, State.CONFIRMED),
        (State.RESOLVED, State.INVESTIGATING),
        (State.CONFIRMING, State.FIXING),
        (State.CANCELLED, State.CONFIRMED),
    ],
)
def test_refused(current: State, target: State) -> None:
    with pytest.raises(InvalidTransition):
        check_transition(current, target)


def test_every_state_is_open_or_closed_and_closed_ones_free_the_slot() -> None:
    assert {s for s in State if not is_open(s)} == CLOSED
    assert is_open(State.PR_OPEN)
    assert not is_open(State.DISMISSED)
