"""A harmless multi-step job proving that a worker runs durable steps (``autofix doctor``)."""

from __future__ import annotations

import asyncio

from pipeline import keys
from pipeline.deps import Deps
from pipeline.durable import JobInfo


def probe_counter(probe_id: str, step: int) -> str:
    """Key counting how many times step ``step`` of probe ``probe_id`` really executed."""
    return f"{keys.PREFIX}probe:{probe_id}:{step}"


async def run_probe(
    deps: Deps, job: JobInfo, probe_id: str, steps: int = 3, pause_s: float = 0.0
) -> int:
    """Run ``steps`` durable steps, each pausing then counting its own execution."""
    run = deps.steps(f"probe-{probe_id}", job.job_try)
    done = 0
    for index in range(steps):

        async def step(index: int = index) -> int:
            await asyncio.sleep(pause_s)
            await deps.redis.incr(probe_counter(probe_id, index))
            await deps.redis.expire(probe_counter(probe_id, index), 3600)
            return index

        await run.run(f"probe.{index}", step, int)
        done += 1
    return done
