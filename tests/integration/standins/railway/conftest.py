"""A stand-in Railway world on a fixed clock, and a client talking to it in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from pipeline.railway import RailwayClient, RailwayCredentials, RetryPolicy
from standins.railway import StandinState, World, create_app, world_for
from tests.integration.standins.railway.support import ACCOUNT_TOKEN, URL, FakeClock, Sleeps


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def scenario_name() -> str:
    return "memory_leak"


@pytest.fixture
def world(scenario_name: str, clock: FakeClock) -> World:
    """The scenario's alert fired 10 minutes before ``NOW``."""
    return world_for(scenario_name, alert_age_seconds=600, clock=clock)


@pytest.fixture
def app(world: World) -> Starlette:
    return create_app(world)


@pytest.fixture
def state(app: Starlette) -> StandinState:
    standin: StandinState = app.state.railway
    return standin


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
async def http(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as client:
        yield client


@pytest.fixture
def client(http: httpx.AsyncClient, sleeps: Sleeps, clock: FakeClock) -> RailwayClient:
    return RailwayClient(
        http,
        url=URL,
        credentials=RailwayCredentials.account(ACCOUNT_TOKEN),
        retry=RetryPolicy(max_attempts=3, sleep=sleeps),
        clock=clock,
    )
