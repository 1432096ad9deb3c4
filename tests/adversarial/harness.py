"""What the adversarial tests share: fast-failing settings, a receiver, bounded runs, lookups."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from arq.connections import ArqRedis

from config.settings import Settings
from pipeline import timeline
from pipeline.incidents.model import Incident
from pipeline.incidents.states import State
from pipeline.incidents.store import IncidentStore
from pipeline.timeline import StepEvent
from receiver.app import create_app
from receiver.local_server import serving
from standins.llm.kinds import RequestKind
from standins.stack import Stack
from tests.conftest import make_settings
from tests.support.flow import eventually
from tests.support.worker import drain

# Small on purpose: every fault must end in a clean failure within seconds, not minutes.
MAX_TRIES = 3
FAST_FAILURE = {
    "AUTOFIX_JOB_MAX_TRIES": str(MAX_TRIES),
    "AUTOFIX_RETRY_BASE_SECONDS": "0.05",
    "AUTOFIX_RETRY_MAX_SECONDS": "0.2",
    "RAILWAY_MAX_ATTEMPTS": "2",
    "RAILWAY_MAX_WAIT_SECONDS": "0.5",
    "AUTOFIX_AGENT_DEADLINE_SECONDS": "120",
}


def stack_settings(stack: Stack, redis_url: str, data_dir: Path, **overrides: str) -> Settings:
    """Settings pointing at ``stack``, with fast retries unless overridden."""
    return make_settings(redis_url, data_dir, **{**stack.environ(), **FAST_FAILURE, **overrides})


@asynccontextmanager
async def receiver(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The real receiver over HTTP (lifespan included) and a client for it."""
    async with serving(create_app(settings)) as base, httpx.AsyncClient(base_url=base) as http:
        yield http


async def drain_within(settings: Settings, seconds: float) -> None:
    """Run every queued and deferred job; fail the test if that takes longer than ``seconds``."""
    async with asyncio.timeout(seconds):
        await drain(settings)


async def incidents(redis: ArqRedis) -> list[Incident]:
    """Every incident, newest first."""
    return await IncidentStore(redis, cooldown_seconds=0).list(limit=100)


async def only_incident(redis: ArqRedis) -> Incident:
    """The one incident there must be."""
    found = await incidents(redis)
    assert len(found) == 1, [(i.id, i.state) for i in found]
    return found[0]


async def steps_of(redis: ArqRedis, incident: Incident) -> list[StepEvent]:
    """The step events of the incident's current run."""
    return await timeline.read(redis, incident.run_id)


async def reach(redis: ArqRedis, state: State, within: float = 90.0) -> Incident:
    """Wait until the only incident is in ``state``; return it."""

    async def arrived() -> bool:
        found = await incidents(redis)
        return len(found) == 1 and found[0].state is state

    await eventually(arrived, within=within, what=f"the incident to be {state.value}")
    return await only_incident(redis)


def refired(alert: dict[str, Any], seconds: int) -> dict[str, Any]:
    """The same alert fired again ``seconds`` later."""
    fired = datetime.fromisoformat(alert["timestamp"]) + timedelta(seconds=seconds)
    stamp = fired.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return {**alert, "timestamp": stamp}


def sessions(stack: Stack) -> int:
    """Agent sessions started: agent calls that carry no tool result yet."""
    calls = stack.llm.standin.requests_of(RequestKind.AGENT)
    return sum(1 for r in calls if r.request.tool_result_count() == 0)
