"""A real ``autofix worker`` killed in the middle of a run: another worker finishes it."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path

from arq.connections import ArqRedis
from arq.jobs import Job

from pipeline import timeline
from pipeline.connections import QUEUE_NAME, deserialize
from pipeline.jobs.probe import probe_counter
from tests.support.processes import autofix, autofix_env


async def wait_for(predicate: Callable[[], Awaitable[bool]], within: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + within
    while not await predicate():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_sigkill_mid_run_resumes_without_redoing_steps(
    redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    env = autofix_env(
        REDIS_URL=redis_url, AUTOFIX_DATA_DIR=str(tmp_path), AUTOFIX_JOB_LEASE_SECONDS="3"
    )
    await redis.enqueue_job("run_probe", "p1", 3, 1.0, _job_id="probe-p1")

    async def second_step_running() -> bool:
        events = await timeline.read(redis, "probe-p1")
        return any(e.step == "probe.1" and e.status == "started" for e in events)

    with autofix("worker", env=env, log=tmp_path / "worker1.log") as first:
        await wait_for(second_step_running)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()

    with autofix("worker", env=env, log=tmp_path / "worker2.log"):
        job = Job("probe-p1", redis, _queue_name=QUEUE_NAME, _deserializer=deserialize)
        assert await job.result(timeout=30, poll_delay=0.1) == 3

    counts = [await redis.get(probe_counter("p1", step)) for step in range(3)]
    assert counts == [b"1", b"1", b"1"]
    records = {r.step: r for r in timeline.fold(await timeline.read(redis, "probe-p1"))}
    assert records["probe.0"].attempts == 1
    assert records["probe.1"].attempts == 2  # started by the killed worker, redone by the second
    assert all(r.status == "succeeded" for r in records.values())
