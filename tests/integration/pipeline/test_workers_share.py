"""Several workers on one Redis share the queue; no job runs twice."""

from __future__ import annotations

import asyncio

from arq.connections import ArqRedis

from config.settings import Settings
from pipeline.jobs.probe import probe_counter
from tests.support.worker import drain


async def test_two_workers_run_each_job_once(settings: Settings, redis: ArqRedis) -> None:
    for n in range(12):
        await redis.enqueue_job("run_probe", f"s{n}", 2, 0.05, _job_id=f"probe-s{n}")

    await asyncio.gather(drain(settings), drain(settings))

    counts = [await redis.get(probe_counter(f"s{n}", step)) for n in range(12) for step in range(2)]
    assert counts == [b"1"] * 24
