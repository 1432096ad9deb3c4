"""Injected failures, and how the client copes with them."""

from __future__ import annotations

import time

import httpx
import pytest

from pipeline.errors import RateLimited, RetryableError
from pipeline.railway import RailwayClient, RailwayCredentials, RetryPolicy
from standins.railway import Fault, RailwayStandin, StandinState, World, world_for
from tests.integration.standins.railway.support import ACCOUNT_TOKEN, Sleeps


async def test_429_with_retry_after_then_success(
    client: RailwayClient, world: World, state: StandinState, sleeps: Sleeps
) -> None:
    state.faults.add(Fault(kind="rate_limit", times=2, seconds=1))
    deployment = await client.deployment(world.scenario.services[0].deployments[-1].id)
    assert deployment.id == world.scenario.services[0].deployments[-1].id
    assert sleeps.calls == [1.0, 1.0]
    assert [r.status for r in state.requests] == [429, 429, 200]


async def test_429_without_retry_after_waits_for_the_reset_via_the_pipeline(
    client: RailwayClient, world: World, state: StandinState, sleeps: Sleeps
) -> None:
    state.faults.add(Fault(kind="rate_limit"))
    with pytest.raises(RateLimited) as caught:
        await client.project_architecture(world.scenario.project.id)
    assert caught.value.retry_after == pytest.approx(3600, abs=1)
    assert sleeps.calls == []


async def test_persistent_5xx_gives_up_after_bounded_attempts(
    client: RailwayClient, world: World, state: StandinState, sleeps: Sleeps
) -> None:
    state.faults.add(Fault(kind="server_error", times=None, status=502))
    with pytest.raises(RetryableError, match=r"Railway ProjectArchitecture\(.*HTTP 502"):
        await client.project_architecture(world.scenario.project.id)
    assert [r.status for r in state.requests] == [502, 502, 502]
    assert len(sleeps.calls) == 2


async def test_faults_can_target_one_operation(
    client: RailwayClient, world: World, state: StandinState
) -> None:
    state.faults.add(Fault(kind="server_error", times=None, operation="ServiceMetrics"))
    await client.project_architecture(world.scenario.project.id)
    assert state.requests[-1].status == 200
    assert len(state.faults.pending()) == 1


async def test_latency_delays_the_answer(
    client: RailwayClient, world: World, state: StandinState
) -> None:
    state.faults.add(Fault(kind="latency", seconds=0.05))
    started = time.monotonic()
    await client.deployment(world.scenario.services[0].deployments[-1].id)
    assert time.monotonic() - started >= 0.05


async def test_a_hang_times_out_over_real_http() -> None:
    world = world_for("crash_loop")
    with RailwayStandin(world) as railway:
        railway.state.faults.add(Fault(kind="hang", times=None, seconds=0.3))
        async with httpx.AsyncClient(timeout=0.05) as http:
            client = RailwayClient(
                http,
                url=railway.graphql_url,
                credentials=RailwayCredentials.account(ACCOUNT_TOKEN),
                retry=RetryPolicy(max_attempts=2, sleep=Sleeps()),
            )
            with pytest.raises(RetryableError, match="timed out") as caught:
                await client.project_architecture(world.scenario.project.id)
        assert isinstance(caught.value.__cause__, httpx.TimeoutException)
        railway.state.faults.clear()
