"""Enqueueing a webhook's job with a de-duplicating id; a Redis outage becomes a 503.

The job is written exactly as arq's ``enqueue_job`` writes it (same keys, encoding, expiry and
refusal of an id that is queued or has a kept result), but in one round trip: a Lua script
instead of arq's WATCH, EXISTS and MULTI/EXEC. Those three round trips were most of the
receiver's time per webhook (BENCHMARKS.md, "Receiver").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from arq.connections import ArqRedis
from arq.constants import job_key_prefix, result_key_prefix
from arq.jobs import serialize_job
from arq.utils import timestamp_ms
from redis.exceptions import RedisError

# KEYS: job, result, queue. ARGV: expiry (ms), job, score, id. Atomic, like arq's transaction.
_ENQUEUE = """
if redis.call('EXISTS', KEYS[1], KEYS[2]) > 0 then return 0 end
redis.call('PSETEX', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
return 1
"""


class QueueUnavailable(Exception):
    """Redis did not take the job; the sender should see a failure and may retry."""


@dataclass(frozen=True)
class Enqueued:
    """The job id, and whether that id was already queued or done (a duplicate delivery)."""

    job_id: str
    duplicate: bool


async def enqueue(redis: ArqRedis, function: str, *args: Any, job_id: str) -> Enqueued:
    """Queue ``function(*args)`` as ``job_id`` unless that id is queued or ran recently."""
    now = timestamp_ms()
    job = serialize_job(function, args, {}, None, now, serializer=redis.job_serializer)
    keys = [job_key_prefix + job_id, result_key_prefix + job_id, redis.default_queue_name]
    try:
        added = await redis.register_script(_ENQUEUE)(
            keys=keys, args=[redis.expires_extra_ms, job, now, job_id]
        )
    except (RedisError, OSError) as exc:
        raise QueueUnavailable(f"queue unavailable: {type(exc).__name__}: {exc}") from exc
    return Enqueued(job_id=job_id, duplicate=not added)
