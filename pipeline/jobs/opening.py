"""Opening an incident from an alert (webhook or sweep) and starting its confirmation."""

from __future__ import annotations

import logging

from pipeline import metrics
from pipeline.deps import Deps
from pipeline.incidents.model import Alert, Incident
from pipeline.incidents.states import State
from pipeline.incidents.store import Intake
from pipeline.jobs.names import CONFIRM_INCIDENT
from pipeline.log_context import bind

logger = logging.getLogger(__name__)


async def open_incident(deps: Deps, candidate: Incident, alert: Alert, reason: str) -> Intake:
    """Open ``candidate`` and queue its first check, or attach ``alert`` to the open one."""
    intake = await deps.incidents.open_or_attach(candidate, alert)
    if intake.incident is None:
        logger.info(
            "alert held: %s/%s cools down", candidate.target.service_id, candidate.signature
        )
        return intake
    incident = intake.incident
    with bind(incident=incident.id):
        if intake.outcome != "created":
            logger.info("alert attached to the open incident")
            return intake
        await deps.incidents.transition(incident.id, State.CONFIRMING, reason=reason)
        await deps.metrics.inc(metrics.INCIDENTS, {"kind": incident.kind})
        # The rules judge the window as it fills, so the first check runs at once.
        await deps.redis.enqueue_job(
            CONFIRM_INCIDENT, incident.id, _job_id=f"confirm:{incident.run_id}:1"
        )
        logger.info("incident opened (%s); confirming", reason)
    return intake
