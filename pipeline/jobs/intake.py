"""``intake_railway_alert``: a classified Railway event becomes an incident, or updates one."""

from __future__ import annotations

import logging
from typing import Any

from pipeline import keys
from pipeline.deps import Deps
from pipeline.durable import JobInfo
from pipeline.incidents.model import Alert, Incident, Target
from pipeline.incidents.states import State
from pipeline.intake.classify import Classification, Policy, classify
from pipeline.intake.railway_event import RailwayEvent
from pipeline.jobs.opening import open_incident
from pipeline.log_context import bind

logger = logging.getLogger(__name__)

# Signatures a healthy deployment can end, if the incident has not reached the expensive part.
_ENDED_BY_HEALTHY_DEPLOY = {"crash", "deploy"}


async def intake_railway_alert(
    deps: Deps, job: JobInfo, event_data: dict[str, Any]
) -> dict[str, str]:
    """Open or attach an incident for a problem event; note a resolution on the open incident."""
    event = RailwayEvent.model_validate(event_data)
    decision = classify(event, Policy.from_settings(deps.settings))
    alert = Alert(
        source="railway",
        kind=event.name.lower(),
        key=event.dedupe_key(),
        at=event.timestamp,
        summary=decision.reason,
    )
    with bind(event=event.name, service=event.service_id):
        if decision.action == "open":
            return await _open(deps, event, decision, alert)
        if decision.action == "resolve":
            return await _resolve(deps, event, decision, alert)
        return {"outcome": "ignored", "reason": decision.reason}


async def _open(
    deps: Deps, event: RailwayEvent, decision: Classification, alert: Alert
) -> dict[str, str]:
    candidate = Incident(
        target=Target(
            project_id=event.project_id,
            environment_id=event.environment_id,
            service_id=event.service_id or decision.signature,
            service_name=event.service_name or "",
            deployment_id=event.deployment_id,
        ),
        kind=decision.kind,
        signature=decision.signature,
    )
    intake = await open_incident(deps, candidate, alert, decision.reason)
    if intake.incident is None:
        return {"outcome": intake.outcome}
    return {"outcome": intake.outcome, "incident": intake.incident.id}


async def _resolve(
    deps: Deps, event: RailwayEvent, decision: Classification, alert: Alert
) -> dict[str, str]:
    signatures = [decision.signature] if decision.signature else sorted(_ENDED_BY_HEALTHY_DEPLOY)
    for signature in signatures:
        incident_id = await deps.redis.get(keys.open_incident(event.service_id or "", signature))
        if incident_id is None:
            continue
        incident = await deps.incidents.update(incident_id.decode(), lambda inc: _note(inc, alert))
        with bind(incident=incident.id):
            if incident.state == State.CONFIRMING:
                # The problem ended before it was confirmed: nothing to fix.
                reason = f"{decision.reason} before confirmation"
                await deps.incidents.transition(incident.id, State.DISMISSED, reason=reason)
                return {"outcome": "dismissed", "incident": incident.id}
            logger.info("resolution noted on the open incident (%s)", incident.state)
            return {"outcome": "noted", "incident": incident.id}
    return {"outcome": "no_open_incident"}


def _note(incident: Incident, alert: Alert) -> Incident:
    incident.alerts = [*incident.alerts, alert][-50:]
    return incident
