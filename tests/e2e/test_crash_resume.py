"""A real ``autofix worker`` SIGKILLed right after each step of a full run, in turn: the run still
ends with exactly one PR, one analysis call and one agent session, and no finished step re-runs."""

from __future__ import annotations

import asyncio
import os
import signal
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from arq.connections import ArqRedis

from pipeline import timeline
from pipeline.incidents.model import Incident
from pipeline.incidents.states import State
from pipeline.incidents.store import IncidentStore
from receiver.app import create_app
from receiver.local_server import serving
from standins.llm.kinds import RequestKind
from standins.stack import Stack, start_stack
from tests.conftest import make_settings
from tests.support.flow import eventually, send_alert
from tests.support.opencode import needs_opencode
from tests.support.processes import autofix, autofix_env

pytestmark = [pytest.mark.slow, needs_opencode]

BOUNDARIES = [
    "confirm",
    "target",
    "context",
    "analysis",
    "agent",
    "diff_check",
    "push",
    "pull_request",
]


@pytest.fixture
def stack() -> Iterator[Stack]:
    with ExitStack() as exits:
        yield start_stack("memory_leak", exits)


async def the_incident(redis: ArqRedis) -> Incident | None:
    found = await IncidentStore(redis, cooldown_seconds=0).list(limit=1)
    return found[0] if found else None


async def test_kill_after_every_step(
    stack: Stack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    overrides = {
        **stack.environ(),
        "AUTOFIX_JOB_LEASE_SECONDS": "3",
        "AUTOFIX_AGENT_DEADLINE_SECONDS": "120",
    }
    settings = make_settings(redis_url, tmp_path, **overrides)
    env = autofix_env(REDIS_URL=redis_url, AUTOFIX_DATA_DIR=str(tmp_path), **overrides)
    async with serving(create_app(settings)) as base, httpx.AsyncClient(base_url=base) as http:
        assert (await send_alert(http, stack)).status_code == 202

    for number, boundary in enumerate(BOUNDARIES):

        async def finished(step: str = boundary) -> bool:
            incident = await the_incident(redis)
            if incident is None:
                return False
            events = await timeline.read(redis, incident.run_id)
            return any(e.step == step and e.status == "succeeded" for e in events)

        with autofix("worker", env=env, log=tmp_path / f"worker{number}.log") as worker:
            await eventually(finished, within=120, what=f"step {boundary}")
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()

    async def pr_open() -> bool:
        incident = await the_incident(redis)
        return incident is not None and incident.state is State.PR_OPEN

    with autofix("worker", env=env, log=tmp_path / "worker-last.log"):
        await eventually(pr_open, within=120, what="the PR after the last crash")
        await asyncio.sleep(1)  # anything left to (wrongly) do again would happen now

    incident = await the_incident(redis)
    assert incident is not None
    events = await timeline.read(redis, incident.run_id)
    succeeded = Counter(e.step for e in events if e.status == "succeeded")
    assert all(succeeded[step] == 1 for step in BOUNDARIES), succeeded
    # A worker is killed once a step's success is seen, so it may already have begun the next
    # step: that unfinished step may run again. A finished step never calls the LLM again.
    done = {e.step: e.at.timestamp() for e in events if e.status == "succeeded"}
    requests = stack.llm.standin.requests
    analyses = [r.received_at for r in requests if r.kind is RequestKind.ANALYST]
    assert analyses
    assert [t for t in analyses if t > done["analysis"]] == [], "analysis asked again"
    sessions = [
        r.received_at
        for r in requests
        if r.kind is RequestKind.AGENT and r.request.tool_result_count() == 0
    ]
    assert sessions
    assert [t for t in sessions if t > done["agent"]] == [], "a session after the agent step"
    assert len(stack.github.control.pulls(stack.repo)) == 1
