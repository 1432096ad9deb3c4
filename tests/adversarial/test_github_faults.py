"""GitHub answers 502 to "create the pull request": never two PRs; a clean failure if it lasts.

Full runs with the real OpenCode: the fault hits the last step, after an agent session and a push
that must not be repeated by the retries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from arq.connections import ArqRedis

from pipeline.incidents.states import State
from standins.github.records import FaultRecord
from standins.llm.kinds import RequestKind
from standins.stack import Stack, start_stack
from tests.adversarial.harness import (
    MAX_TRIES,
    drain_within,
    only_incident,
    receiver,
    sessions,
    stack_settings,
    steps_of,
)
from tests.support.flow import send_alert
from tests.support.opencode import needs_opencode

pytestmark = [pytest.mark.slow, needs_opencode]

CREATE_PR = r"^/repos/[^/]+/[^/]+/pulls$"


@pytest.fixture
def stack() -> Iterator[Stack]:
    with ExitStack() as exits:
        yield start_stack("memory_leak", exits)


async def run_once(stack: Stack, redis_url: str, tmp_path: Path) -> None:
    settings = stack_settings(stack, redis_url, tmp_path)
    async with receiver(settings) as http:
        assert (await send_alert(http, stack)).status_code == 202
    await drain_within(settings, 120)


def pr_creations(stack: Stack) -> list[int]:
    """Statuses GitHub answered to "create a pull request", in order."""
    return [
        e.status
        for e in stack.github.control.exchanges()
        if e.method == "POST" and e.path.endswith("/pulls")
    ]


def assert_ran_once_up_to_the_pr(stack: Stack, succeeded: Counter[str]) -> None:
    for step in ("target", "context", "analysis", "agent", "diff_check", "push"):
        assert succeeded[step] == 1, succeeded
    assert len(stack.llm.standin.requests_of(RequestKind.ANALYST)) == 1
    assert sessions(stack) == 1, "the agent ran more than one session"


async def test_pr_created_but_answer_lost_is_still_one_pr(
    stack: Stack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    stack.github.control.inject_fault(
        FaultRecord(method="POST", path=CREATE_PR, status=502, after_effect=True)
    )
    await run_once(stack, redis_url, tmp_path)

    incident = await only_incident(redis)
    assert incident.state is State.PR_OPEN, (incident.state, incident.error)
    [pr] = stack.github.control.pulls(stack.repo)
    assert incident.pull_request is not None
    assert incident.pull_request.number == pr.number
    assert pr_creations(stack) == [502]
    succeeded = Counter(e.step for e in await steps_of(redis, incident) if e.status == "succeeded")
    assert_ran_once_up_to_the_pr(stack, succeeded)


async def test_pr_creation_failing_every_time_fails_the_incident(
    stack: Stack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    stack.github.control.inject_fault(
        FaultRecord(method="POST", path=CREATE_PR, status=502, times=100)
    )
    await run_once(stack, redis_url, tmp_path)

    incident = await only_incident(redis)
    assert incident.state is State.FAILED
    assert incident.error is not None
    assert "pull request" in incident.error, incident.error
    assert "502" in incident.error, incident.error
    assert stack.github.control.pulls(stack.repo) == []
    assert pr_creations(stack) == [502] * MAX_TRIES
    events = await steps_of(redis, incident)
    succeeded = Counter(e.step for e in events if e.status == "succeeded")
    assert_ran_once_up_to_the_pr(stack, succeeded)
    assert Counter(e.step for e in events if e.status == "failed")["pull_request"] == MAX_TRIES
    # The branch was pushed once and is still there for a person (or `/autofix rerun`) to use.
    assert stack.github.control.branch_sha(stack.repo, f"autofix/{incident.id}") is not None
