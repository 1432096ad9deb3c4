"""The receiver's one-round-trip enqueue writes jobs exactly as arq does, and refuses duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest
from arq.connections import ArqRedis
from arq.constants import expires_extra_ms, job_key_prefix
from arq.jobs import deserialize_job

from config.settings import Settings
from pipeline.connections import QUEUE_NAME, connect, deserialize
from pipeline.deps import Deps
from pipeline.durable import JobInfo, job
from receiver.queue import QueueUnavailable, enqueue
from tests.support.worker import drain


async def record_call(deps: Deps, info: JobInfo, event: dict[str, object], n: int) -> str:
    await deps.redis.incr("test:calls")
    await deps.redis.set("test:call", f"{info.job_id} {event['name']} {n}")
    return "done"


async def test_the_job_reads_back_as_arq_would_write_it(redis: ArqRedis) -> None:
    ours = await enqueue(redis, "record_call", {"name": "a"}, 1, job_id="ours")
    await redis.enqueue_job("record_call", {"name": "a"}, 1, _job_id="arqs")

    assert not ours.duplicate
    assert set(await redis.zrange(QUEUE_NAME, 0, -1)) == {b"ours", b"arqs"}
    raw = {n: await redis.get(job_key_prefix + n) for n in ("ours", "arqs")}
    decoded = {n: deserialize_job(r, deserializer=deserialize) for n, r in raw.items()}
    assert decoded["ours"].function == decoded["arqs"].function == "record_call"
    assert list(decoded["ours"].args) == list(decoded["arqs"].args) == [{"name": "a"}, 1]
    assert decoded["ours"].kwargs == decoded["arqs"].kwargs == {}
    assert decoded["ours"].job_try is decoded["arqs"].job_try is None
    ttl = await redis.pttl(job_key_prefix + "ours")
    assert expires_extra_ms - 5_000 < ttl <= expires_extra_ms


async def test_a_worker_runs_the_job_and_its_id_stays_refused(
    settings: Settings, redis: ArqRedis
) -> None:
    first = await enqueue(redis, "record_call", {"name": "b"}, 2, job_id="github:1")
    again = await enqueue(redis, "record_call", {"name": "b"}, 2, job_id="github:1")
    assert (first.duplicate, again.duplicate) == (False, True)
    assert await redis.zcard(QUEUE_NAME) == 1

    await drain(settings, extra_functions=[job(record_call, keep_result_s=600)])

    assert await redis.get("test:calls") == b"1"
    assert await redis.get("test:call") == b"github:1 b 2"
    # The job is gone from the queue, but its kept result still refuses a redelivery.
    assert (await enqueue(redis, "record_call", {"name": "b"}, 2, job_id="github:1")).duplicate
    assert await redis.zcard(QUEUE_NAME) == 0


async def test_redis_down_is_queue_unavailable(tmp_path: Path) -> None:
    dead = connect(f"unix://{tmp_path}/nobody.sock")
    with pytest.raises(QueueUnavailable, match="queue unavailable"):
        await enqueue(dead, "record_call", {}, 0, job_id="lost")
    await dead.aclose()
