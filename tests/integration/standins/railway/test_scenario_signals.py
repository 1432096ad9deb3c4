"""What the client sees of each scenario matches the verdict the scenario expects."""

from __future__ import annotations

from datetime import datetime, timedelta
from statistics import mean

import pytest

from pipeline.railway import RailwayClient
from pipeline.railway.models import DeploymentStatus
from pipeline.railway.telemetry import Measurement
from standins.railway import World
from tests.integration.standins.railway.support import alert_time, at, service_window

MINUTES = timedelta(minutes=1)


async def cpu(client: RailwayClient, world: World, start: datetime, end: datetime) -> list[float]:
    metrics = await client.service_metrics(
        **service_window(world, 0, start, end),
        measurements=[Measurement.CPU_USAGE],
        sample_rate_seconds=30,
    )
    return [p.value for p in metrics.points(Measurement.CPU_USAGE)]


async def error_rate(client: RailwayClient, world: World, start: datetime, end: datetime) -> float:
    rate = (
        await client.http_status_counts(**service_window(world, 0, start, end))
    ).server_error_rate()
    assert rate is not None
    return rate


async def p95(client: RailwayClient, world: World, start: datetime, end: datetime) -> float:
    sample = (await client.http_latency(**service_window(world, 0, start, end))).latest()
    assert sample is not None
    return sample.p95


@pytest.mark.parametrize("scenario_name", ["healthy_cpu_spikes"])
async def test_cpu_spikes_are_short_and_the_average_is_moderate(
    client: RailwayClient, world: World
) -> None:
    alert = alert_time(world)
    values = await cpu(client, world, alert - 30 * MINUTES, alert + 5 * MINUTES)
    assert max(values) >= 0.8 * 2.0
    assert mean(values) < 0.6 * 2.0
    assert sum(v >= 1.6 for v in values) <= 6  # 30-second samples: spikes last under a minute


@pytest.mark.parametrize("scenario_name", ["memory_leak"])
async def test_memory_climbs_to_the_limit_then_restarts(
    client: RailwayClient, world: World
) -> None:
    metrics = await client.service_metrics(
        **service_window(world, 0, at(world, -1800), at(world, 5400 + 600)),
        measurements=[Measurement.MEMORY_USAGE_GB],
        sample_rate_seconds=300,
    )
    memory = {
        p.ts - int(world.anchor): p.value for p in metrics.points(Measurement.MEMORY_USAGE_GB)
    }
    assert max(v for t, v in memory.items() if t < 0) < 0.5
    assert memory[5100] > 0.9
    assert memory[5400] < 0.5


@pytest.mark.parametrize("scenario_name", ["error_spike_after_deploy"])
async def test_5xx_jumps_at_the_deploy(client: RailwayClient, world: World) -> None:
    assert await error_rate(client, world, at(world, -1800), at(world, 0)) < 0.01
    assert await error_rate(client, world, at(world, 0), at(world, 600)) > 0.1


@pytest.mark.parametrize("scenario_name", ["slow_queries"])
async def test_p95_in_seconds_with_low_cpu(client: RailwayClient, world: World) -> None:
    assert await p95(client, world, at(world, -1800), at(world, 0)) < 500
    assert await p95(client, world, at(world, 0), at(world, 600)) > 2000
    assert max(await cpu(client, world, at(world, 0), at(world, 600))) < 0.2


@pytest.mark.parametrize("scenario_name", ["crash_loop"])
async def test_latest_deployment_crashed_with_a_trace(client: RailwayClient, world: World) -> None:
    worker = world.scenario.services[1]
    latest = (
        await client.recent_deployments(
            service_id=worker.id, environment_id=world.scenario.environment.id, limit=1
        )
    )[0]
    assert latest.status is DeploymentStatus.CRASHED
    assert latest.commit is not None
    assert latest.commit.message == "chore: read queue names from env"
    errors = await client.deployment_logs(latest.id, filter="@level:error", limit=500)
    starts = [line for line in errors if line.message.startswith("worker failed to start")]
    assert len(starts) == worker.restart_max_retries + 1
    assert any(line.message.startswith("Traceback") for line in errors)


@pytest.mark.parametrize("scenario_name", ["upstream_outage"])
async def test_upstream_errors_are_on_the_payments_route_only(
    client: RailwayClient, world: World
) -> None:
    deployment = world.deployment_at(world.scenario.services[0].id, world.now())
    assert deployment is not None
    failing = await client.http_logs(deployment.id, anchor=alert_time(world), before_limit=200)
    assert {entry.path for entry in failing} == {"/api/payments/charge"}
    assert {entry.http_status for entry in failing} == {502, 504}
    timeouts = [e.total_duration_ms for e in failing if e.http_status == 504]
    assert min(timeouts) >= 30_000
    assert await error_rate(client, world, at(world, 0), at(world, 600)) > 0.05
