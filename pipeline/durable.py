"""Turning our functions into arq jobs that retry, resume and give up cleanly.

A job function receives the typed dependency container and a :class:`JobInfo` instead of
arq's untyped ``ctx`` dict. Errors are classified here, and only here: a retryable error
becomes ``arq.Retry`` with exponential backoff and jitter (never shorter than an upstream's
``Retry-After``); a permanent one, or the last try, calls the job's ``give_up`` hook (which
records the failure on the incident) and ends the job without a traceback in the queue.

While a job runs, its arq "in progress" key is kept on a short lease and renewed, so that if
the worker dies, another worker picks the job up after ``lease_seconds`` rather than after
the whole job timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from arq import Retry
from arq.constants import in_progress_key_prefix
from arq.typing import WorkerCoroutine
from arq.worker import Function, func
from redis.asyncio import Redis

from pipeline import metrics
from pipeline.errors import AutofixError, is_retryable
from pipeline.log_context import bind

if TYPE_CHECKING:
    from pipeline.deps import Deps

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")
GiveUp = Callable[["Deps", tuple[Any, ...], BaseException], Awaitable[None]]


@dataclass(frozen=True)
class JobInfo:
    """What a job knows about its own execution."""

    job_id: str
    job_try: int
    enqueued_at: datetime | None


def retry_delay(
    job_try: int, *, base: float, cap: float, rand: Callable[[], float] = random.random
) -> float:
    """Exponential backoff with jitter: about ``base * 2**(try-1)``, at most ``cap`` seconds."""
    ceiling = min(cap, base * float(2 ** max(0, job_try - 1)))
    return ceiling * (0.5 + rand() / 2)


def job(
    fn: Callable[Concatenate[Deps, JobInfo, P], Awaitable[R]],
    *,
    give_up: GiveUp | None = None,
    name: str | None = None,
    timeout_s: float | None = None,
    keep_result_s: float | None = None,
) -> Function:
    """Wrap ``fn`` as an arq job with our retry, lease and give-up rules."""
    run = coroutine(fn, give_up=give_up)
    return func(run, name=name or fn.__name__, timeout=timeout_s, keep_result=keep_result_s)


def coroutine(
    fn: Callable[Concatenate[Deps, JobInfo, P], Awaitable[R]], *, give_up: GiveUp | None = None
) -> WorkerCoroutine:
    """``fn`` as the ``(ctx, *args)`` coroutine arq calls (``job`` and arq's ``cron`` take it)."""

    async def run(ctx: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        deps: Deps = ctx["deps"]
        info = JobInfo(
            job_id=ctx["job_id"],
            job_try=ctx["job_try"],
            enqueued_at=ctx.get("enqueue_time"),
        )
        with bind(job=info.job_id):
            async with lease(deps.redis, info.job_id, deps.settings.lease_seconds):
                return await _attempt(fn, deps, info, give_up, args, kwargs)

    run.__qualname__ = run.__name__ = getattr(fn, "__name__", "job")
    return run


async def _attempt(
    fn: Callable[..., Awaitable[Any]],
    deps: Deps,
    info: JobInfo,
    give_up: GiveUp | None,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Any:
    name = getattr(fn, "__name__", "job")
    try:
        result = await fn(deps, info, *args, **kwargs)
    except Retry:
        await deps.metrics.inc(metrics.RETRIES, {"job": name})
        raise
    except Exception as exc:
        settings = deps.settings
        if is_retryable(exc) and info.job_try < settings.max_tries:
            delay = retry_delay(
                info.job_try, base=settings.retry_base_seconds, cap=settings.retry_max_seconds
            )
            if isinstance(exc, AutofixError) and exc.retry_after:
                delay = max(delay, exc.retry_after)
            logger.warning("try %d failed, retrying in %.1fs: %s", info.job_try, delay, exc)
            await deps.metrics.inc(metrics.RETRIES, {"job": name})
            raise Retry(defer=delay) from exc
        why = "retries exhausted" if is_retryable(exc) else "not retryable"
        logger.error(
            "giving up after try %d (%s): %s",
            info.job_try,
            why,
            exc,
            exc_info=not isinstance(exc, AutofixError),
        )
        if give_up is not None:
            await give_up(deps, args, exc)
        await deps.metrics.inc(metrics.JOBS, {"job": name, "outcome": "failed"})
        return {"failed": f"{type(exc).__name__}: {exc}"}
    await deps.metrics.inc(metrics.JOBS, {"job": name, "outcome": "succeeded"})
    return result


@contextlib.asynccontextmanager
async def lease(redis: Redis, job_id: str, seconds: int) -> AsyncIterator[None]:
    """Hold arq's in-progress key on a ``seconds`` lease, renewed while the block runs."""
    key = in_progress_key_prefix + job_id
    await redis.pexpire(key, seconds * 1000)

    async def renew() -> None:
        while True:
            await asyncio.sleep(seconds / 3)
            with contextlib.suppress(Exception):  # a missed renewal is retried on the next tick
                await redis.pexpire(key, seconds * 1000)

    renewer = asyncio.create_task(renew())
    try:
        yield
    finally:
        renewer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await renewer
