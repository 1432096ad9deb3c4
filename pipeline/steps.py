"""Durable steps: a step's result is memoised in Redis, so a retried job resumes where it failed.

Inside a job::

    context = await steps.run("gather_context", lambda: gather(incident), Context)

The first attempt runs ``gather`` and stores its result as JSON under the run id; a later
attempt of the same run (an arq retry, or another worker after a crash) gets the stored
result back without running ``gather`` again. A step must be safe to run twice, because a
worker can die after the step's side effect and before its result is stored.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import TypeAdapter
from redis.asyncio import Redis

from pipeline import keys, timeline
from pipeline.log_context import bind
from pipeline.metrics import STEP_SECONDS, Recorder
from pipeline.timeline import StepEvent

T = TypeVar("T")
_MAX_ERROR_CHARS = 2000


_adapters: dict[Any, TypeAdapter[Any]] = {}


def _adapter(result_type: Any) -> TypeAdapter[Any]:
    if result_type not in _adapters:
        _adapters[result_type] = TypeAdapter(result_type)
    return _adapters[result_type]


class Steps:
    """The durable steps of one run."""

    def __init__(
        self,
        redis: Redis,
        run_id: str,
        *,
        attempt: int,
        ttl_seconds: int,
        recorder: Recorder | None = None,
    ) -> None:
        self.redis = redis
        self.run_id = run_id
        self.attempt = attempt
        self.ttl_seconds = ttl_seconds
        self.recorder = recorder

    async def run(self, name: str, fn: Callable[[], Awaitable[T]], result_type: type[T]) -> T:
        """Return the stored result of step ``name``, or run ``fn`` and store what it returns."""
        adapter = _adapter(result_type)
        stored = await self.redis.get(keys.step(self.run_id, name))
        if stored is not None:
            return adapter.validate_json(stored)  # type: ignore[no-any-return]  # adapter is TypeAdapter[T]
        await self._event(name, "started")
        started = time.monotonic()
        try:
            with bind(run=self.run_id, step=name):
                result = await fn()
        except (Exception, asyncio.CancelledError) as exc:
            await self._event(name, "failed", time.monotonic() - started, _describe(exc))
            await self._observe(name, "failed", started)
            raise
        # The result and its "succeeded" event commit together: the timeline never shows a
        # finished step as running, nor a stored result without its event.
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(keys.step(self.run_id, name), adapter.dump_json(result), ex=self.ttl_seconds)
            event = self._make_event(name, "succeeded", time.monotonic() - started)
            timeline.queue(pipe, self.run_id, event, ttl_seconds=self.ttl_seconds)
            await pipe.execute()
        await self._observe(name, "succeeded", started)
        return result

    async def done(self, name: str) -> bool:
        """True if step ``name`` has a stored result."""
        return bool(await self.redis.exists(keys.step(self.run_id, name)))

    async def forget(self, name: str) -> None:
        """Drop a stored result, so the step runs again (e.g. a re-check after a wait)."""
        await self.redis.delete(keys.step(self.run_id, name))

    async def _observe(self, name: str, outcome: str, started: float) -> None:
        if self.recorder is not None:
            labels = {"step": name, "outcome": outcome}
            await self.recorder.observe(STEP_SECONDS, labels, time.monotonic() - started)

    async def _event(
        self,
        name: str,
        status: timeline.Status,
        duration: float | None = None,
        error: str | None = None,
    ) -> None:
        event = self._make_event(name, status, duration, error)
        await timeline.append(self.redis, self.run_id, event, ttl_seconds=self.ttl_seconds)

    def _make_event(
        self,
        name: str,
        status: timeline.Status,
        duration: float | None = None,
        error: str | None = None,
    ) -> StepEvent:
        return StepEvent(
            step=name,
            status=status,
            attempt=self.attempt,
            at=datetime.now(UTC),
            duration_s=None if duration is None else round(duration, 3),
            error=error,
        )


def _describe(exc: BaseException) -> str:
    if isinstance(exc, asyncio.CancelledError):
        return "cancelled"
    text = f"{type(exc).__name__}: {exc}"
    return text[:_MAX_ERROR_CHARS]
