"""The analyst's LLM answers garbage: the incident fails cleanly, with a reason, in bounded tries.

No OpenCode here: every case stops at the analysis step, before an agent session would start.
"""

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
    MAX_TRIES,
    drain_within,
    only_incident,
    receiver,
    stack_settings,
)
from tests.support.flow import send_alert


@pytest.fixture
def stack() -> Iterator[Stack]:
    with ExitStack() as exits:
        yield start_stack("memory_leak", exits)


async def run_with_analyst_fault(
    stack: Stack, redis_url: str, tmp_path: Path, fault: Fault
) -> None:
    settings = stack_settings(stack, redis_url, tmp_path)
    stack.llm.standin.add_fault(fault)
    async with receiver(settings) as http:
        assert (await send_alert(http, stack)).status_code == 202
    await drain_within(settings, 60)


async def test_off_schema_answers_get_one_repair_then_fail(
    stack: Stack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    fault = Fault(kind="off_schema", times=10, only=RequestKind.ANALYST)
    await run_with_analyst_fault(stack, redis_url, tmp_path, fault)

    incident = await only_incident(redis)
    assert incident.state is State.FAILED
    assert incident.error is not None
    assert "unusable after one repair" in incident.error
    # The first answer and the one repair; an invalid answer is not worth a retry of the job.
    assert len(stack.llm.standin.requests_of(RequestKind.ANALYST)) == 2
    assert stack.llm.standin.requests_of(RequestKind.AGENT) == []
    assert stack.github.control.pulls(stack.repo) == []


async def test_a_body_that_is_not_json_is_retried_then_fails(
    stack: Stack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    fault = Fault(kind="not_json", times=100, only=RequestKind.ANALYST)
    await run_with_analyst_fault(stack, redis_url, tmp_path, fault)

    incident = await only_incident(redis)
    assert incident.state is State.FAILED
    assert incident.error is not None
    assert "not JSON" in incident.error, incident.error
    assert "LLM" in incident.error, incident.error
    # A garbled body is a gateway's hiccup: each job try asks once, and the tries are bounded.
    assert len(stack.llm.standin.requests_of(RequestKind.ANALYST)) == MAX_TRIES
    assert stack.github.control.pulls(stack.repo) == []


async def test_one_garbled_body_is_only_a_retry(
    stack: Stack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    """The retry reaches the analysis, and the run goes on from there (stopped before the agent)."""
    fault = Fault(kind="not_json", times=1, only=RequestKind.ANALYST)
    # Stop the run cheaply after the analysis: the analyst decides to report only.
    script = stack.script.model_copy(
        update={
            "analyst": [
                rule.model_copy(
                    update={
                        "answer": {**rule.answer, "decision": "report_only"}  # type: ignore[dict-item]  # the script's answer is an object
                    }
                )
                for rule in stack.script.analyst
            ]
        }
    )
    stack.llm.standin.use_script(script)
    await run_with_analyst_fault(stack, redis_url, tmp_path, fault)

    incident = await only_incident(redis)
    assert incident.state is State.REPORTED, (incident.state, incident.error)
    assert len(stack.llm.standin.requests_of(RequestKind.ANALYST)) == 2
