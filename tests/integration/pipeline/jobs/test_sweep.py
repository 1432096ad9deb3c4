"""The periodic sweep against the Railway stand-in: findings open incidents that get confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest
from arq.connections import ArqRedis

from pipeline.deps import Deps
from pipeline.durable import JobInfo
from pipeline.incidents.states import State
from pipeline.incidents.store import IncidentStore
from pipeline.jobs.sweep import run_sweep, sweep_services
from standins.railway.catalog import world_for
from tests.support.railway import railway_settings, railway_transport
from tests.support.worker import drain

JOB = JobInfo(job_id="sweep-test", job_try=1, enqueued_at=None)


@pytest.mark.parametrize(
    ("name", "kind", "signature"),
    [("error_spike_after_deploy", "error_rate", "errors"), ("slow_queries", "latency", "latency")],
)
async def test_sweep_opens_and_confirms(
    name: str, kind: str, signature: str, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    world = world_for(name, alert_age_seconds=30 * 60)
    settings = railway_settings(redis_url, tmp_path, world)
    deps = Deps.open(settings, transport=railway_transport(world))
    try:
        counts = await sweep_services(deps, JOB)
        again = await sweep_services(deps, JOB)
    finally:
        await deps.aclose()
    assert counts["opened"] == 1
    assert again == {"services": counts["services"], "opened": 0, "attached": 1}

    await drain(settings, transport=railway_transport(world))
    [incident] = await IncidentStore(redis, cooldown_seconds=0).list()
    assert incident.signature == signature
    assert incident.target.service_id == world.scenario.expected.service_id
    assert State.CONFIRMED in [t.to_state for t in incident.history]
    assert incident.evidence is not None
    assert incident.evidence.kind is not None
    assert incident.evidence.kind.value == kind


async def test_a_healthy_project_sweeps_clean(
    redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    world = world_for("healthy_cpu_spikes", alert_age_seconds=3 * 3600)
    settings = railway_settings(redis_url, tmp_path, world)
    deps = Deps.open(settings, transport=railway_transport(world))
    try:
        report = await run_sweep(deps)
    finally:
        await deps.aclose()
    assert len(report.services) == len(world.scenario.services)
    assert all(s.error is None for s in report.services)
    assert report.healthy
