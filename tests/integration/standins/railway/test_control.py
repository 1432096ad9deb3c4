"""``/_control/deploy``: a new deployment changes a service's behaviour from that moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from pipeline.railway import RailwayClient
from pipeline.railway.models import DeploymentStatus
from pipeline.railway.telemetry import Measurement
from standins.railway import World
from tests.integration.standins.railway.support import FakeClock

FIX = "0123456789abcdef0123456789abcdef01234567"


def now(clock: FakeClock) -> datetime:
    return datetime.fromtimestamp(clock(), UTC)


async def deploy(http: httpx.AsyncClient, service_id: str, healthy: bool) -> dict[str, object]:
    response = await http.post(
        "http://railway.standin/_control/deploy",
        json={
            "serviceId": service_id,
            "commitHash": FIX,
            "healthy": healthy,
            "commitMessage": "fix: bound the recommendation cache",
        },
    )
    assert response.status_code == 201
    body: dict[str, object] = response.json()
    return body


@pytest.mark.parametrize("scenario_name", ["memory_leak"])
async def test_a_healthy_deploy_stops_the_leak(
    client: RailwayClient, http: httpx.AsyncClient, world: World, clock: FakeClock
) -> None:
    api = world.scenario.services[0].id
    created = await deploy(http, api, healthy=True)
    assert created["status"] == "SUCCESS"
    clock.advance(3 * 3600)

    history = await client.recent_deployments(
        service_id=api, environment_id=world.scenario.environment.id, limit=2
    )
    assert [d.status for d in history] == [DeploymentStatus.SUCCESS, DeploymentStatus.REMOVED]
    assert history[0].id == created["id"]
    assert history[0].commit is not None
    assert history[0].commit.hash == FIX

    metrics = await client.service_metrics(
        environment_id=world.scenario.environment.id,
        service_id=api,
        start=now(clock) - timedelta(hours=2),
        end=now(clock),
        measurements=[Measurement.MEMORY_USAGE_GB],
        sample_rate_seconds=600,
    )
    assert max(p.value for p in metrics.points(Measurement.MEMORY_USAGE_GB)) < 0.5
    logs = await client.deployment_logs(history[0].id, limit=500)
    assert logs
    assert not any("MemoryError" in line.message for line in logs)


@pytest.mark.parametrize("scenario_name", ["error_spike_after_deploy"])
@pytest.mark.parametrize("healthy", [False, True])
async def test_a_deploy_sets_the_error_rate_that_follows(
    client: RailwayClient,
    http: httpx.AsyncClient,
    world: World,
    clock: FakeClock,
    healthy: bool,
) -> None:
    # An unhealthy deploy keeps failing; a healthy one brings the error rate down.
    api = world.scenario.services[0].id
    await deploy(http, api, healthy=healthy)
    clock.advance(1800)
    counts = await client.http_status_counts(
        environment_id=world.scenario.environment.id,
        service_id=api,
        start=now(clock) - timedelta(minutes=20),
        end=now(clock),
    )
    rate = counts.server_error_rate()
    assert rate is not None
    if healthy:
        assert rate < 0.01
    else:
        assert rate > 0.1


async def test_deploy_to_an_unknown_service_is_404(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "http://railway.standin/_control/deploy",
        json={"serviceId": "nope", "commitHash": FIX, "healthy": True},
    )
    assert response.status_code == 404
