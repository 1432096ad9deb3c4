"""A run's timeline: every step start, success and failure, in order, kept in Redis.

Events are appended, never rewritten, so a crashed worker's half-finished step still shows
as started; :func:`fold` turns the events into one line per step for people to read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel
from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from pipeline import keys

Status = Literal["started", "succeeded", "failed", "reused"]
_MAX_EVENTS = 500


class StepEvent(BaseModel):
    """One thing that happened to a step."""

    step: str
    status: Status
    attempt: int
    at: datetime
    duration_s: float | None = None
    error: str | None = None


class StepRecord(BaseModel):
    """A step as people see it: its latest status, how many attempts, how long, the last error."""

    step: str
    status: Literal["running", "succeeded", "failed"]
    attempts: int
    started_at: datetime
    ended_at: datetime | None = None
    duration_s: float | None = None
    error: str | None = None


async def append(redis: Redis, run_id: str, event: StepEvent, *, ttl_seconds: int) -> None:
    """Record ``event`` at the end of the run's timeline."""
    async with redis.pipeline(transaction=True) as pipe:
        queue(pipe, run_id, event, ttl_seconds=ttl_seconds)
        await pipe.execute()


def queue(pipe: Pipeline, run_id: str, event: StepEvent, *, ttl_seconds: int) -> None:
    """Add the commands recording ``event`` to ``pipe`` (to commit them with other writes)."""
    key = keys.timeline(run_id)
    pipe.rpush(key, event.model_dump_json())
    pipe.ltrim(key, -_MAX_EVENTS, -1)
    pipe.expire(key, ttl_seconds)


async def read(redis: Redis, run_id: str) -> list[StepEvent]:
    """All events of a run, oldest first."""
    raw: list[bytes] = await redis.lrange(keys.timeline(run_id), 0, -1)  # type: ignore[misc]  # redis-py types sync|async
    return [StepEvent.model_validate_json(item) for item in raw]


def fold(events: list[StepEvent]) -> list[StepRecord]:
    """One record per step, in the order the steps first started."""
    records: dict[str, StepRecord] = {}
    for event in events:
        record = records.get(event.step)
        if event.status == "started":
            attempts = record.attempts + 1 if record else 1
            records[event.step] = StepRecord(
                step=event.step,
                status="running",
                attempts=attempts,
                started_at=event.at,
                error=record.error if record else None,
            )
        elif record is not None and event.status in ("succeeded", "failed"):
            record.status = event.status
            record.ended_at = event.at
            record.duration_s = event.duration_s
            record.error = event.error if event.status == "failed" else None
    return list(records.values())
