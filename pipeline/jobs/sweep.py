"""``sweep_services``: the periodic check of every service; critical findings open incidents."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

from pipeline.deps import Deps
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.sweep import Issue
from pipeline.durable import JobInfo
from pipeline.errors import ConfigurationError
from pipeline.incidents.model import Alert, Incident, Target
from pipeline.jobs.opening import open_incident
from pipeline.sweeping.sweep import ServiceReport, SweepReport, sweep_project

logger = logging.getLogger(__name__)

# The sweep's signal → the incident signature it shares with webhooks for the same problem.
SIGNATURES = {
    "CPU_USAGE": "cpu",
    "MEMORY_USAGE_GB": "memory",
    "HTTP_5XX_RATE": "errors",
    "HTTP_4XX_RATE": "client_errors",
    "HTTP_P95_MS": "latency",
}


async def run_sweep(deps: Deps, now: int | None = None) -> SweepReport:
    """One pass over the watched project's services (no incidents opened)."""
    settings = deps.settings
    if not settings.railway_project_id:
        raise ConfigurationError("the sweep needs RAILWAY_PROJECT_ID (the project to watch)")
    end = now or int(time.time())
    wanted = (settings.railway_environment_id,) if settings.railway_environment_id else ()
    return await sweep_project(
        deps.require_railway(),
        project_id=settings.railway_project_id,
        environment_ids=wanted,
        policy=DetectionPolicy.from_settings(settings),
        start=end - settings.sweep_window_minutes * 60,
        end=end,
        concurrency=settings.sweep_concurrency,
    )


async def sweep_services(deps: Deps, job: JobInfo) -> dict[str, int]:
    """Sweep, then open (or attach to) an incident for each critical finding."""
    report = await run_sweep(deps)
    opened = attached = 0
    for service in report.services:
        for issue in service.critical:
            intake = await open_incident(
                deps, _candidate(deps, service, issue), _alert(issue), issue.text
            )
            opened += intake.outcome == "created"
            attached += intake.outcome == "attached"
    logger.info(
        "sweep: %d services, %d incidents opened, %d attached",
        len(report.services),
        opened,
        attached,
    )
    return {"services": len(report.services), "opened": opened, "attached": attached}


def _candidate(deps: Deps, service: ServiceReport, issue: Issue) -> Incident:
    return Incident(
        target=Target(
            project_id=deps.settings.railway_project_id,
            environment_id=service.environment_id,
            service_id=service.service_id,
            service_name=service.service,
        ),
        kind=issue.kind.value,
        signature=SIGNATURES.get(issue.signal, issue.signal.lower()),
    )


def _alert(issue: Issue) -> Alert:
    return Alert(
        source="sweep",
        kind=issue.signal.lower(),
        key=f"sweep:{issue.service_id}:{issue.signal}:{issue.start}",
        at=datetime.fromtimestamp(issue.start, UTC),
        summary=issue.text,
    )
