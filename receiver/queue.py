"""Enqueueing a webhook's job with a de-duplicating id; a Redis outage becomes a 503."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from arq.connections import ArqRedis
from redis.exceptions import RedisError


class QueueUnavailable(Exception):
    """Redis did not take the job; the sender should see a failure and may retry."""


@dataclass(frozen=True)
class Enqueued:
    """The job id, and whether that id was already queued or done (a duplicate delivery)."""

    job_id: str
    duplicate: bool


async def enqueue(redis: ArqRedis, function: str, *args: Any, job_id: str) -> Enqueued:
    """Queue ``function(*args)`` as ``job_id`` unless that id is queued or ran recently."""
    try:
        job = await redis.enqueue_job(function, *args, _job_id=job_id)
    except (RedisError, OSError) as exc:
        raise QueueUnavailable(f"queue unavailable: {type(exc).__name__}: {exc}") from exc
    return Enqueued(job_id=job_id, duplicate=job is None)
