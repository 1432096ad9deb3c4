"""The states an incident moves through, and which moves are allowed.

received → confirming → dismissed
                      → confirmed → investigating → fixing → pr_open → verifying → resolved
                                                                                 → reopened
                                  investigating → reported   (wait upstream / report only)
                                  investigating → pr_open    (rollback PR)
                                                  pr_open → rejected (closed unmerged)
any open state → failed | cancelled;  failed / reopened / pr_open / cancelled → investigating
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    """Where an incident stands."""

    RECEIVED = "received"
    CONFIRMING = "confirming"
    DISMISSED = "dismissed"
    CONFIRMED = "confirmed"
    INVESTIGATING = "investigating"
    FIXING = "fixing"
    PR_OPEN = "pr_open"
    VERIFYING = "verifying"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    REPORTED = "reported"
    REJECTED = "rejected"
    FAILED = "failed"
    CANCELLED = "cancelled"


CLOSED: frozenset[State] = frozenset(
    {
        State.DISMISSED,
        State.RESOLVED,
        State.REPORTED,
        State.REJECTED,
        State.FAILED,
        State.CANCELLED,
    }
)

_STOP = frozenset({State.FAILED, State.CANCELLED})

_NEXT: dict[State, frozenset[State]] = {
    State.RECEIVED: frozenset({State.CONFIRMING}) | _STOP,
    State.CONFIRMING: frozenset({State.DISMISSED, State.CONFIRMED}) | _STOP,
    State.CONFIRMED: frozenset({State.INVESTIGATING}) | _STOP,
    State.INVESTIGATING: frozenset({State.FIXING, State.REPORTED, State.PR_OPEN}) | _STOP,
    State.FIXING: frozenset({State.PR_OPEN, State.REPORTED}) | _STOP,
    State.PR_OPEN: frozenset({State.VERIFYING, State.REJECTED, State.INVESTIGATING}) | _STOP,
    State.VERIFYING: frozenset({State.RESOLVED, State.REOPENED}) | _STOP,
    State.REOPENED: frozenset({State.INVESTIGATING, State.RESOLVED}) | _STOP,
    State.FAILED: frozenset({State.CONFIRMING, State.INVESTIGATING, State.CANCELLED}),
    State.DISMISSED: frozenset(),
    State.RESOLVED: frozenset(),
    State.REPORTED: frozenset({State.INVESTIGATING}),
    State.REJECTED: frozenset(),
    # A person may take up a cancelled incident again (``/autofix rerun`` on its open PR).
    State.CANCELLED: frozenset({State.INVESTIGATING}),
}


class InvalidTransition(ValueError):
    """A move the state machine does not allow."""


def is_open(state: State) -> bool:
    """True while the incident still holds its (service, signature) slot."""
    return state not in CLOSED


def check_transition(current: State, target: State) -> None:
    """Raise :class:`InvalidTransition` unless ``current → target`` is allowed."""
    if target not in _NEXT[current]:
        raise InvalidTransition(f"an incident cannot go from {current} to {target}")
