"""Duplicates arriving at the same moment, with a worker running: one incident, one PR, one rerun.

Railway may fire the same alert more than once and re-fire it while the problem lasts; GitHub
redelivers. Here the same Railway alert arrives three times at once together with three
re-fired alerts (new timestamps) for the same problem, and later the same signed `/autofix
rerun` delivery arrives three times at once.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from arq.connections import ArqRedis

from pipeline.incidents.states import State
from standins.llm.kinds import RequestKind
from standins.stack import Stack, start_stack
from tests.adversarial.harness import (
    incidents,
    only_incident,
    reach,
    receiver,
    refired,
    sessions,
    stack_settings,
)
from tests.support.flow import comment_delivery, eventually, live_worker, post
from tests.support.opencode import needs_opencode

pytestmark = [pytest.mark.slow, needs_opencode]


@pytest.fixture
def stack() -> Iterator[Stack]:
    with ExitStack() as exits:
        yield start_stack("memory_leak", exits)


async def test_concurrent_duplicates_make_one_incident_one_pr_one_rerun(
    stack: Stack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    settings = stack_settings(stack, redis_url, tmp_path)
    alert = stack.alert_payload()
    path = f"/webhooks/railway/{stack.webhook_token}"

    async def send(payload: dict[str, Any], http: httpx.AsyncClient) -> httpx.Response:
        return await http.post(path, content=json.dumps(payload))

    async with receiver(settings) as http, live_worker(settings):
        bodies = [alert, alert, alert, refired(alert, 60), refired(alert, 120), refired(alert, 180)]
        answers = await asyncio.gather(*(send(body, http) for body in bodies))
        assert [a.status_code for a in answers] == [202] * 6
        same = sorted(a.json()["status"] for a in answers[:3])
        assert same == ["duplicate", "duplicate", "queued"]
        assert [a.json()["status"] for a in answers[3:]] == ["queued"] * 3

        incident = await reach(redis, State.PR_OPEN, within=120)
        assert len(incident.alerts) == 4, "each distinct alert is attached to the one incident"
        assert incident.pull_request is not None
        number = incident.pull_request.number

        sent = comment_delivery(stack, number, "/autofix rerun keep at most 5000 sessions")
        reruns = await asyncio.gather(*(post(http, sent) for _ in range(3)))
        statuses = sorted(r.json()["status"] for r in reruns)
        assert statuses == ["duplicate", "duplicate", "queued"]

        async def second_attempt_open() -> bool:
            found = await incidents(redis)
            return found[0].attempt == 2 and found[0].state is State.PR_OPEN

        await eventually(second_attempt_open, within=120, what="attempt 2's PR update")
        await asyncio.sleep(1)  # a duplicate that slipped through would be running by now

    incident = await only_incident(redis)
    assert incident.attempt == 2
    assert len(stack.github.control.pulls(stack.repo)) == 1
    assert len(stack.llm.standin.requests_of(RequestKind.ANALYST)) == 2
    assert sessions(stack) == 2
