"""The arq worker, configured from ``Settings``: which jobs and crons run, with what limits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx
from arq.cron import CronJob, cron
from arq.worker import Function, Worker

from config.settings import Settings
from pipeline.connections import QUEUE_NAME, deserialize, redis_settings, serialize
from pipeline.deps import Deps
from pipeline.durable import coroutine, job
from pipeline.jobs.confirm import confirm_incident
from pipeline.jobs.failures import mark_failed
from pipeline.jobs.fix import fix_incident
from pipeline.jobs.intake import intake_railway_alert
from pipeline.jobs.lifecycle import handle_github_event, verify_fix
from pipeline.jobs.probe import run_probe
from pipeline.jobs.retry import retry_incident
from pipeline.jobs.sweep import sweep_services

# A killed worker's job comes back on another worker; those extra tries are not failures of
# the job itself, so arq gets a little more room than our own retry budget.
_CRASH_ALLOWANCE = 3


def functions(settings: Settings) -> list[Function]:
    """Every job the worker runs."""
    # Intake jobs keep their result as long as deliveries are de-duplicated: arq refuses a
    # second job with the id of a kept result, which is what makes redelivery harmless.
    dedupe = settings.dedupe_ttl_seconds
    return [
        job(run_probe, keep_result_s=3600),
        job(intake_railway_alert, keep_result_s=dedupe),
        job(confirm_incident, give_up=mark_failed),
        job(fix_incident, give_up=mark_failed),
        job(retry_incident),
        job(handle_github_event, keep_result_s=dedupe),
        job(verify_fix),
    ]


def cron_jobs(settings: Settings) -> list[CronJob]:
    """Periodic jobs: the sweep, unless it is off or there is no project to sweep."""
    if settings.sweep_minutes == 0 or not settings.railway_project_id:
        return []
    minutes = set(range(0, 60, settings.sweep_minutes))
    return [
        cron(
            coroutine(sweep_services),
            name="sweep_services",
            minute=minutes,
            unique=True,
            timeout=settings.sweep_minutes * 60,
            keep_result=0,
        )
    ]


def create_worker(
    settings: Settings,
    *,
    burst: bool = False,
    extra_functions: Sequence[Function] = (),
    transport: httpx.AsyncBaseTransport | None = None,
    poll_delay: float = 0.2,
) -> Worker:
    """An arq ``Worker`` for ``settings``; ``burst`` runs queued jobs then returns (tests)."""
    if settings.redis_url is None:
        raise ValueError("create_worker needs a resolved redis_url")

    async def on_startup(ctx: dict[str, Any]) -> None:
        ctx["deps"] = Deps.open(settings, transport=transport)

    async def on_shutdown(ctx: dict[str, Any]) -> None:
        deps: Deps | None = ctx.get("deps")
        if deps is not None:
            await deps.aclose()

    return Worker(
        functions=[*functions(settings), *extra_functions],
        cron_jobs=cron_jobs(settings),
        redis_settings=redis_settings(settings.redis_url),
        queue_name=QUEUE_NAME,
        on_startup=on_startup,
        on_shutdown=on_shutdown,
        burst=burst,
        handle_signals=not burst,
        max_jobs=settings.concurrency,
        job_timeout=settings.job_timeout_seconds,
        max_tries=settings.max_tries + _CRASH_ALLOWANCE,
        keep_result=3600,
        allow_abort_jobs=True,
        job_serializer=serialize,
        job_deserializer=deserialize,
        poll_delay=poll_delay,
        log_results=False,
        health_check_interval=30,
    )
