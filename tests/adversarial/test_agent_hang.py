"""The LLM hangs under OpenCode: each session is aborted at its deadline, retried a bounded
number of times, then the incident fails with the reason; no repeated analysis, nothing pushed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from arq.connections import ArqRedis

from pipeline.incidents.states import State
from standins.llm.faults import Fault
from standins.llm.kinds import RequestKind
from standins.stack import Stack, start_stack
from tests.adversarial.harness import (
    drain_within,
    only_incident,
    receiver,
    stack_settings,
    steps_of,
)
from tests.support.flow import send_alert
from tests.support.opencode import needs_opencode

pytestmark = [pytest.mark.slow, needs_opencode]

# OpenCode takes 2-10 s (more on a loaded machine) from the prompt to its first LLM call; the
# deadline is well past that, so that sessions are caught waiting for the hanging LLM.
DEADLINE = 15.0
TRIES = 2
# Aborting a session may take up to ABORT_SECONDS (10 s) in pipeline.opencode.agent_run.
ABORT_ALLOWANCE = 10.0


@pytest.fixture
def stack() -> Iterator[Stack]:
    with ExitStack() as exits:
        yield start_stack("memory_leak", exits)


async def test_hanging_agent_is_aborted_at_the_deadline_then_fails(
    stack: Stack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    settings = stack_settings(
        stack,
        redis_url,
        tmp_path,
        AUTOFIX_AGENT_DEADLINE_SECONDS=str(DEADLINE),
        AUTOFIX_JOB_MAX_TRIES=str(TRIES),
    )
    stack.llm.standin.add_fault(Fault(kind="hang", times=100, only=RequestKind.AGENT))
    try:
        async with receiver(settings) as http:
            assert (await send_alert(http, stack)).status_code == 202
        await drain_within(settings, 120)
    finally:
        stack.llm.standin.release()

    incident = await only_incident(redis)
    assert incident.state is State.FAILED
    assert incident.error is not None
    assert "AgentDeadlineExceeded" in incident.error, incident.error
    assert f"{DEADLINE:g} s deadline and was aborted" in incident.error, incident.error

    agent_steps = [e for e in await steps_of(redis, incident) if e.step == "agent"]
    failed = [e for e in agent_steps if e.status == "failed"]
    assert len(failed) == TRIES
    assert [e.attempt for e in failed] == list(range(1, TRIES + 1))
    for event in failed:
        # The duration includes starting OpenCode, so only the upper bound is tight.
        assert event.duration_s is not None
        assert event.duration_s >= DEADLINE
        assert event.duration_s < DEADLINE + ABORT_ALLOWANCE + settings.opencode_startup_seconds
    assert not any(e.status == "succeeded" for e in agent_steps)

    agent_calls = stack.llm.standin.requests_of(RequestKind.AGENT)
    assert all(r.fault == "hang" for r in agent_calls), "an agent LLM call was answered"
    # At most one call per session (each waits forever); a session still starting when the
    # deadline struck never made its call, so only "at least one" is certain.
    assert 1 <= len(agent_calls) <= TRIES
    assert len(stack.llm.standin.requests_of(RequestKind.ANALYST)) == 1
    assert stack.github.control.pulls(stack.repo) == []
    assert stack.github.control.branch_sha(stack.repo, f"autofix/{incident.id}") is None
    assert processes_in(tmp_path) == [], "an OpenCode server or its shell outlived the run"


def processes_in(folder: Path) -> list[int]:
    """Processes whose working directory is inside ``folder``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd = (entry / "cwd").readlink()
        except OSError:  # gone, or not ours to read
            continue
        if cwd.is_relative_to(folder):
            found.append(int(entry.name))
    return found
