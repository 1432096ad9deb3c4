"""The whole path with the real OpenCode binary: Railway alert → confirmation → context → analysis →
an agent session that edits the sample app → diff check → push → a draft PR with its evidence."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from arq.connections import ArqRedis

from pipeline.incidents.states import State
from pipeline.incidents.store import IncidentStore
from receiver.app import create_app
from receiver.local_server import serving
from standins.llm.kinds import RequestKind
from standins.stack import Stack, start_stack
from tests.conftest import make_settings
from tests.support.opencode import needs_opencode
from tests.support.worker import drain

pytestmark = [pytest.mark.slow, needs_opencode]


@pytest.fixture
def stack() -> Iterator[Stack]:
    with ExitStack() as exits:
        yield start_stack("memory_leak", exits)


async def test_memory_leak_becomes_a_draft_pr(
    stack: Stack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    settings = make_settings(
        redis_url, tmp_path, **stack.environ(), AUTOFIX_AGENT_DEADLINE_SECONDS="180"
    )
    async with serving(create_app(settings)) as base, httpx.AsyncClient(base_url=base) as http:
        answer = await http.post(
            f"/webhooks/railway/{stack.webhook_token}", content=json.dumps(stack.alert_payload())
        )
    assert answer.status_code == 202, answer.text

    await drain(settings)

    [incident] = await IncidentStore(redis, cooldown_seconds=0).list()
    assert incident.state == State.PR_OPEN, (incident.state, incident.error)
    [pr] = stack.github.control.pulls(stack.repo)
    assert pr.draft
    assert pr.head_ref == f"autofix/{incident.id}"
    assert f"<!-- autofix:incident={incident.id} -->" in (pr.body or "")
    assert "## Evidence" in (pr.body or "")
    assert "memory" in (pr.body or "").lower()
    assert "shop/recommendations.py" in (pr.body or "")
    fixed = stack.github.control.read_file(stack.repo, pr.head_ref, "shop/recommendations.py")
    assert fixed is not None
    assert b"MAX_SESSIONS = 10_000" in fixed
    assert incident.pull_request is not None
    assert incident.pull_request.number == pr.number

    requests = stack.llm.standin.requests
    analyst = [r for r in requests if r.kind is RequestKind.ANALYST]
    agent = [r for r in requests if r.kind is RequestKind.AGENT]
    assert len(analyst) == 1
    assert agent, "the agent never called the LLM"
    for secret in stack.world.scenario.planted_secrets:
        assert not any(r.contains(secret) for r in requests), "a planted secret reached the LLM"
    comments = stack.github.control.comments(stack.repo, pr.number)
    assert any("autofix" in c.body and incident.id in c.body for c in comments), "no status comment"
