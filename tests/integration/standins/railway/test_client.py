"""Every client method, sent through the schema-checking stand-in and parsed into models."""

from __future__ import annotations

import itertools
from datetime import timedelta

import httpx
import pytest

from pipeline.railway import RailwayClient, RailwayCredentials
from pipeline.railway.errors import RailwayQueryError
from pipeline.railway.models import DeploymentStatus
from pipeline.railway.queries import BATCH_LOGS, operation_names
from pipeline.railway.telemetry import Measurement
from standins.railway import StandinState, World, create_app, world_for
from standins.railway.large_project import large_project
from tests.integration.standins.railway.support import (
    ACCOUNT_TOKEN,
    URL,
    FakeClock,
    alert_time,
    service_window,
)


def api_id(world: World) -> str:
    return world.scenario.services[0].id


async def test_project_architecture(client: RailwayClient, world: World) -> None:
    project = await client.project_architecture(world.scenario.project.id)
    environment = project.environment(world.scenario.environment.id)
    assert environment is not None
    by_name = {s.name: s for s in environment.services}
    api, postgres = by_name["shop-api"], by_name["Postgres"]
    assert (api.repo, api.builder, api.healthcheck_path, api.replicas) == (
        "acme/shop-api",
        "RAILPACK",
        "/health",
        2,
    )
    assert api.start_command is not None
    assert api.start_command.startswith("uvicorn")
    assert api.latest_deployment is not None
    assert api.latest_deployment.status is DeploymentStatus.SUCCESS
    assert [v.mount_path for v in api.volumes] == ["/app/uploads"]
    assert api.database is None
    assert postgres.database == "postgres"
    assert postgres.volumes[0].size_mb == 5000
    assert by_name["Redis"].database == "redis"


async def test_resource_limits_of_all_services_in_one_request(
    client: RailwayClient, world: World, state: StandinState
) -> None:
    limits = await client.resource_limits(
        world.scenario.project.id, world.scenario.environment.id, at=alert_time(world)
    )
    assert limits.for_service(api_id(world)).memory_gb == 1.0
    assert limits.for_service(api_id(world)).cpu_vcpu == 2.0
    assert set(limits.services) == {s.id for s in world.scenario.services}
    assert state.operations() == ["ResourceLimits"]


async def test_service_metrics(client: RailwayClient, world: World) -> None:
    end = alert_time(world)
    metrics = await client.service_metrics(
        environment_id=world.scenario.environment.id,
        service_id=api_id(world),
        start=end - timedelta(minutes=30),
        end=end,
        sample_rate_seconds=60,
    )
    memory = metrics.points(Measurement.MEMORY_USAGE_GB)
    assert len(memory) == 30
    assert all(later.ts - earlier.ts == 60 for earlier, later in itertools.pairwise(memory))
    assert memory[-1].value > memory[0].value  # the leak climbs towards the OOM
    assert set(metrics.series) == {
        Measurement.CPU_USAGE,
        Measurement.MEMORY_USAGE_GB,
        Measurement.CPU_LIMIT,
        Measurement.MEMORY_LIMIT_GB,
        Measurement.NETWORK_RX_GB,
        Measurement.NETWORK_TX_GB,
    }


async def test_http_aggregates(client: RailwayClient, world: World) -> None:
    end = alert_time(world)
    window = service_window(world, 0, end - timedelta(minutes=30), end)
    counts = await client.http_status_counts(**window, step_seconds=300)
    assert all(len(points) <= 6 for points in counts.by_status.values())
    assert counts.total(200, 299) > 1000
    latency = await client.http_latency(**window)
    sample = latency.latest()
    assert sample is not None
    assert sample.p50 <= sample.p90 <= sample.p95 <= sample.p99


async def test_recent_deployments_with_status_filter(client: RailwayClient, world: World) -> None:
    recent = await client.recent_deployments(
        service_id=api_id(world), environment_id=world.scenario.environment.id
    )
    assert [d.status for d in recent] == [
        DeploymentStatus.SUCCESS,
        DeploymentStatus.REMOVED,
        DeploymentStatus.REMOVED,
    ]
    assert recent[0].commit is not None
    assert recent[0].commit.message == "feat: cache product recommendations per session"
    live = await client.recent_deployments(
        service_id=api_id(world),
        environment_id=world.scenario.environment.id,
        statuses=[DeploymentStatus.SUCCESS],
        limit=5,
    )
    assert [d.id for d in live] == [recent[0].id]
    assert await client.deployment(recent[0].id) == recent[0]


async def test_logs(client: RailwayClient, world: World, state: StandinState) -> None:
    deployment = (
        await client.recent_deployments(
            service_id=api_id(world), environment_id=world.scenario.environment.id, limit=1
        )
    )[0]
    end = alert_time(world)
    lines = await client.deployment_logs(
        deployment.id, start=end - timedelta(minutes=5), end=end + timedelta(minutes=1), limit=50
    )
    assert any(line.severity == "error" and "MemoryError" in line.message for line in lines)
    assert state.requests[-1].variables["deploymentId"] == deployment.id
    build = await client.build_logs(deployment.id)
    assert build
    requests = await client.http_logs(deployment.id, anchor=end, before_limit=20)
    assert requests
    assert all(r.http_status >= 500 for r in requests)
    assert state.requests[-1].variables["filter"] == "@httpStatus:>=500"


async def test_every_shipped_operation_runs_against_the_schema_checked_standin(
    clock: FakeClock,
) -> None:
    # Over 100 services and volumes, so the architecture's follow-up page queries run too.
    world = world_for(large_project(101), alert_age_seconds=600, clock=clock)
    app = create_app(world)
    state: StandinState = app.state.railway
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as http:
        client = RailwayClient(
            http, url=URL, credentials=RailwayCredentials.account(ACCOUNT_TOKEN), clock=clock
        )
        await exercise_every_method(client, world)
    assert set(state.operations()) == {*operation_names(), BATCH_LOGS}
    # Each one passed validation against Railway's schema and executed without errors.
    assert [
        (r.operation, r.status, r.errors) for r in state.requests if r.status != 200 or r.errors
    ] == []


async def exercise_every_method(client: RailwayClient, world: World) -> None:
    """Call each public method of the client once."""
    scenario, end = world.scenario, alert_time(world)
    window = service_window(world, 0, end - timedelta(minutes=10), end)
    project = await client.project_architecture(scenario.project.id)
    assert len(project.environments[0].services) == len(scenario.services)
    await client.resource_limits(scenario.project.id, scenario.environment.id)
    await client.service_metrics(**window)
    await client.http_status_counts(**window)
    await client.http_latency(**window, step_seconds=60)
    deployment = (
        await client.recent_deployments(
            service_id=window["service_id"],
            environment_id=window["environment_id"],
            statuses=[DeploymentStatus.SUCCESS],
        )
    )[0]
    await client.deployment(deployment.id)
    await client.http_logs(
        deployment.id,
        anchor=end,
        before=end - timedelta(minutes=5),
        after=end + timedelta(minutes=1),
        after_limit=5,
    )
    await client.build_logs(deployment.id, limit=5)
    await client.deployment_logs(
        deployment.id, start=window["start"], end=end, filter="@level:error"
    )
    await client.deployment_logs_batch([deployment.id], start=window["start"], end=end, limit=5)


async def test_batched_logs_are_the_logs_of_each_deployment_in_few_requests(
    clock: FakeClock,
) -> None:
    world = world_for(large_project(12), alert_age_seconds=600, clock=clock)
    app = create_app(world)
    state: StandinState = app.state.railway
    ids = [d.id for s in world.scenario.services for d in s.deployments[-1:]]
    assert len(ids) == 14
    end = alert_time(world)
    start = end - timedelta(minutes=10)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as http:
        client = RailwayClient(
            http, url=URL, credentials=RailwayCredentials.account(ACCOUNT_TOKEN), clock=clock
        )
        batched = await client.deployment_logs_batch([*ids, ids[0]], start=start, end=end, limit=50)
        assert state.operations() == [BATCH_LOGS, BATCH_LOGS]  # 10 and 4; the repeat dropped
        one_by_one = {
            i: await client.deployment_logs(i, start=start, end=end, limit=50) for i in ids
        }
    assert batched == one_by_one
    assert sum(len(lines) for lines in batched.values()) > 0


async def test_a_batch_naming_an_unknown_deployment_fails_as_a_query_error(
    client: RailwayClient, world: World
) -> None:
    known = world.scenario.services[0].deployments[-1].id
    with pytest.raises(RailwayQueryError):
        await client.deployment_logs_batch([known, "no-such-deployment"], limit=5)
