"""``/metrics`` moves when webhooks arrive and when the worker runs jobs."""

from __future__ import annotations

import httpx
from arq.connections import ArqRedis

from config.settings import Settings
from receiver.app import create_app
from receiver.local_server import serving
from tests.integration.receiver.test_webhooks import railway_body
from tests.support.worker import drain


def value(text: str, prefix: str) -> float:
    lines = [line for line in text.splitlines() if line.startswith(prefix)]
    assert lines, f"no sample {prefix!r} in:\n{text}"
    return float(lines[0].rsplit(" ", 1)[1])


async def test_counters_move_with_webhooks_and_jobs(settings: Settings, redis: ArqRedis) -> None:
    async with serving(create_app(settings)) as base, httpx.AsyncClient(base_url=base) as http:
        await http.post("/webhooks/railway/railway-test-token", content=railway_body())
        await http.post("/webhooks/railway/railway-test-token", content=railway_body())
        await http.post("/webhooks/railway/nope", content=railway_body())
        await redis.enqueue_job("run_probe", "m1", 2, 0.0, _job_id="probe-m1")
        await drain(settings)
        text = (await http.get("/metrics")).text

    assert value(text, 'autofix_webhooks_total{outcome="queued",source="railway"}') == 1
    assert value(text, 'autofix_webhooks_total{outcome="duplicate",source="railway"}') == 1
    assert value(text, 'autofix_webhooks_total{outcome="rejected_401",source="railway"}') == 1
    assert value(text, 'autofix_jobs_total{job="run_probe",outcome="succeeded"}') == 1
    assert (
        value(text, 'autofix_step_duration_seconds_count{outcome="succeeded",step="probe.0"}') == 1
    )
    assert value(text, 'autofix_webhook_seconds_count{source="railway"}') == 3
