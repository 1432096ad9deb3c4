"""Railway misbehaves during confirmation: bounded retries, then one cleanly failed incident.

Every GraphQL request fails the same way for the whole test, so the only way out is giving up:
the incident must end failed with a reason naming Railway, nothing downstream may run, and a
redelivered alert must not open a second incident.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from arq.connections import ArqRedis

from pipeline.incidents.states import State
from standins.railway.faults import Fault
from standins.stack import Stack, start_stack
from tests.adversarial.harness import (
    MAX_TRIES,
    drain_within,
    incidents,
    only_incident,
    receiver,
    stack_settings,
)
from tests.support.flow import send_alert

RETRY_AFTER = 1.0
RAILWAY_MAX_ATTEMPTS = 2


@pytest.fixture
def stack() -> Iterator[Stack]:
    with ExitStack() as exits:
        yield start_stack("memory_leak", exits)


@pytest.mark.parametrize(
    ("fault", "wording", "attempts"),
    [
        # Retry-After is longer than RAILWAY_MAX_WAIT_SECONDS: the client hands the wait over.
        (Fault(kind="rate_limit", times=None, seconds=RETRY_AFTER), "rate limited (HTTP 429)", 1),
        (Fault(kind="server_error", times=None, status=502), "HTTP 502", RAILWAY_MAX_ATTEMPTS),
        (Fault(kind="hang", times=None, seconds=3), "timed out", RAILWAY_MAX_ATTEMPTS),
    ],
    ids=["429-retry-after", "502", "timeout"],
)
async def test_railway_failing_every_call_fails_the_incident_cleanly(
    stack: Stack,
    redis_url: str,
    redis: ArqRedis,
    tmp_path: Path,
    fault: Fault,
    wording: str,
    attempts: int,
) -> None:
    settings = stack_settings(
        stack,
        redis_url,
        tmp_path,
        RAILWAY_TIMEOUT_SECONDS="0.5",
        RAILWAY_MAX_ATTEMPTS=str(RAILWAY_MAX_ATTEMPTS),
    )
    railway = stack.railway.state
    railway.faults.add(fault)
    started = time.monotonic()
    async with receiver(settings) as http:
        assert (await send_alert(http, stack)).status_code == 202
        await drain_within(settings, 60)
        elapsed = time.monotonic() - started

        incident = await only_incident(redis)
        assert incident.state is State.FAILED
        assert incident.error is not None
        assert "Railway" in incident.error, incident.error
        assert wording in incident.error, incident.error
        assert incident.evidence is None, "confirmed without Railway's metrics"

        # Each job try reads the deployments once, with the client's own attempts; no more.
        # The confirm step reads five things at once, and the try ends when the first of them
        # gives up: a try's deployments read may still be between its attempts then.
        if fault.kind != "hang":  # a hanging request is only recorded once the stand-in answers
            reads = [r for r in railway.requests if r.operation == "RecentDeployments"]
            assert MAX_TRIES <= len(reads) <= MAX_TRIES * attempts
        if fault.kind == "rate_limit":
            # Railway said when to come back; no job try came back sooner.
            assert elapsed >= (MAX_TRIES - 1) * RETRY_AFTER
            assert {r.status for r in railway.requests} == {429}

        # Nothing after confirmation ran, and a redelivered alert changes nothing.
        assert stack.llm.standin.requests == []
        assert stack.github.control.pulls(stack.repo) == []
        again = await send_alert(http, stack)
        assert again.json()["status"] == "duplicate"
        await drain_within(settings, 30)
    await asyncio.sleep(0.2)
    assert len(await incidents(redis)) == 1
    assert (await only_incident(redis)).state is State.FAILED
