"""After the PR: comment commands from signed GitHub webhooks, who may give them, cancel, and
checking production once the fix is merged (recovered, and not recovered)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from arq.connections import ArqRedis

from config.settings import Settings
from pipeline.incidents.model import Incident
from pipeline.incidents.states import State
from pipeline.incidents.store import IncidentStore
from receiver.app import create_app
from receiver.local_server import serving
from standins.llm.faults import Fault
from standins.llm.kinds import RequestKind
from standins.railway.scenario import Commit
from standins.stack import OUTSIDER, Stack, start_stack
from tests.conftest import make_settings
from tests.support.flow import (
    close_pr,
    comment,
    comment_delivery,
    eventually,
    live_worker,
    post,
    send_alert,
)
from tests.support.opencode import needs_opencode

pytestmark = [pytest.mark.slow, needs_opencode]


@pytest.fixture
def stack() -> Iterator[Stack]:
    with ExitStack() as exits:
        yield start_stack("memory_leak", exits)


@pytest.fixture
def settings(stack: Stack, redis_url: str, redis: ArqRedis, tmp_path: Path) -> Settings:
    return make_settings(
        redis_url,
        tmp_path,
        **stack.environ(),
        AUTOFIX_AGENT_DEADLINE_SECONDS="120",
        AUTOFIX_VERIFY_WINDOW_MINUTES="5",
        AUTOFIX_VERIFY_POLL_SECONDS="1",
    )


@pytest.fixture
async def http(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with serving(create_app(settings)) as base, httpx.AsyncClient(base_url=base) as client:
        yield client


async def incident_of(redis: ArqRedis) -> Incident:
    [incident] = await IncidentStore(redis, cooldown_seconds=0).list()
    return incident


async def open_pr(http: httpx.AsyncClient, stack: Stack, redis: ArqRedis) -> Incident:
    assert (await send_alert(http, stack)).status_code == 202

    async def pr_open() -> bool:
        return (
            (await incident_of(redis)).state is State.PR_OPEN
            if await redis.exists("autofix:incidents")
            else False
        )

    await eventually(pr_open, within=120, what="the draft PR")
    return await incident_of(redis)


def reactions(stack: Stack, comment_id: int) -> set[str]:
    return {
        r.content for r in stack.github.control.reactions(stack.repo) if r.comment_id == comment_id
    }


async def test_commands_and_who_may_give_them(
    stack: Stack, settings: Settings, http: httpx.AsyncClient, redis: ArqRedis
) -> None:
    async with live_worker(settings):
        incident = await open_pr(http, stack, redis)
        assert incident.pull_request is not None
        number = incident.pull_request.number
        analyst_calls = len(stack.llm.standin.requests_of(RequestKind.ANALYST))

        # An outsider gets one polite reply and nothing happens.
        answer = await comment(http, stack, number, "/autofix rerun", login=OUTSIDER)
        assert answer.status_code == 202
        await eventually(
            lambda: _has_comment(stack, number, "only takes commands"), what="the refusal"
        )
        assert (await incident_of(redis)).attempt == 1

        # The same delivery three times acts once.
        sent = comment_delivery(stack, number, "/autofix status")
        answers = [await post(http, sent) for _ in range(3)]
        assert [a.json()["status"] for a in answers] == ["queued", "duplicate", "duplicate"]
        status = next(
            c
            for c in stack.github.control.comments(stack.repo, number)
            if c.body == "/autofix status"
        )
        await eventually(lambda: _reacted(stack, status.id, {"eyes", "rocket"}), what="reactions")

        # A rerun with a hint: a new attempt, fresh context, the hint reaches the analyst, same PR.
        await comment(http, stack, number, "/autofix rerun keep at most 5000 sessions")
        await eventually(lambda: _attempt_open(redis, 2), within=120, what="attempt 2's PR update")
        analyst = stack.llm.standin.requests_of(RequestKind.ANALYST)
        assert len(analyst) == analyst_calls + 1
        assert analyst[-1].contains("keep at most 5000 sessions")
        assert len(stack.github.control.pulls(stack.repo)) == 1

        # Unknown subcommands answer with the help text.
        await comment(http, stack, number, "/autofix dance")
        await eventually(
            lambda: _has_comment(stack, number, "`dance` is not one of them"), what="help"
        )


async def test_cancel_stops_a_running_session(
    stack: Stack, settings: Settings, http: httpx.AsyncClient, redis: ArqRedis
) -> None:
    async with live_worker(settings):
        incident = await open_pr(http, stack, redis)
        assert incident.pull_request is not None
        stack.llm.standin.add_fault(Fault(kind="hang", times=100, only=RequestKind.AGENT))
        await comment(http, stack, incident.pull_request.number, "/autofix rerun")

        async def agent_waiting() -> bool:
            return any(r.fault == "hang" for r in stack.llm.standin.requests_of(RequestKind.AGENT))

        await eventually(agent_waiting, within=60, what="the hanging agent session")
        started = time.monotonic()
        await comment(http, stack, incident.pull_request.number, "/autofix cancel")
        await eventually(lambda: _state_is(redis, State.CANCELLED), within=60, what="cancelled")
        assert time.monotonic() - started < 45
        stack.llm.standin.release()
    assert not await redis.exists(f"autofix:active:{incident.id}")


@pytest.mark.parametrize(
    ("healthy", "expected", "wording"),
    [(True, State.RESOLVED, "Recovered"), (False, State.REOPENED, "Not recovered")],
)
async def test_merged_fix_is_verified_in_production(
    stack: Stack,
    settings: Settings,
    http: httpx.AsyncClient,
    redis: ArqRedis,
    healthy: bool,
    expected: State,
    wording: str,
) -> None:
    async with live_worker(settings):
        incident = await open_pr(http, stack, redis)
        assert incident.pull_request is not None
        sha = await close_pr(http, stack, incident.pull_request.number, merge=True)
        assert sha is not None
        await eventually(lambda: _state_is(redis, State.VERIFYING), what="verifying")
        # Railway deploys the merge commit; the stand-in backdates it so the watch window is over.
        world = stack.railway.state.world
        commit = Commit(hash=sha, message="Merge autofix", author="dana")
        world.deploy(
            world.scenario.expected.service_id,
            commit,
            "healthy" if healthy else "incident",
            at=time.time() - 15 * 60,
        )
        await eventually(lambda: _state_is(redis, expected), within=60, what=expected.value)
    assert _has_comment_sync(stack, incident.pull_request.number, wording)
    assert "| Signal | Before | After |" in "".join(
        c.body for c in stack.github.control.comments(stack.repo)
    )


async def test_closed_unmerged_pr_rejects_and_cools_down(
    stack: Stack, settings: Settings, http: httpx.AsyncClient, redis: ArqRedis
) -> None:
    async with live_worker(settings):
        incident = await open_pr(http, stack, redis)
        assert incident.pull_request is not None
        await close_pr(http, stack, incident.pull_request.number, merge=False)
        await eventually(lambda: _state_is(redis, State.REJECTED), what="rejected")
        again = await send_alert(http, stack)
        assert again.status_code == 202
        await asyncio.sleep(1)
    assert len(await IncidentStore(redis, cooldown_seconds=0).list()) == 1


def _has_comment_sync(stack: Stack, number: int, text: str) -> bool:
    return any(text in c.body for c in stack.github.control.comments(stack.repo, number))


async def _has_comment(stack: Stack, number: int, text: str) -> bool:
    return _has_comment_sync(stack, number, text)


async def _reacted(stack: Stack, comment_id: int, wanted: set[str]) -> bool:
    return wanted <= reactions(stack, comment_id)


async def _attempt_open(redis: ArqRedis, attempt: int) -> bool:
    incident = await incident_of(redis)
    return incident.attempt == attempt and incident.state is State.PR_OPEN


async def _state_is(redis: ArqRedis, state: State) -> bool:
    return (await incident_of(redis)).state is state
