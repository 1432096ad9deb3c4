"""``retry_incident``: resume a failed incident's run from the step that failed."""

from __future__ import annotations

from pipeline.deps import Deps
from pipeline.durable import JobInfo
from pipeline.incidents.states import State
from pipeline.jobs.names import CONFIRM_INCIDENT, FIX_INCIDENT
from pipeline.log_context import bind


async def retry_incident(deps: Deps, job: JobInfo, incident_id: str) -> dict[str, str]:
    """Queue the failed stage again; finished steps of the run are reused, not redone."""
    incident = await deps.incidents.get(incident_id)
    with bind(incident=incident.id, run=incident.run_id):
        if incident.state is not State.FAILED:
            return {"outcome": "skipped", "state": incident.state.value}
        tag = len(incident.history)
        if incident.evidence is None:
            await deps.incidents.transition(
                incident.id, State.CONFIRMING, reason="retried by a person"
            )
            await deps.redis.enqueue_job(
                CONFIRM_INCIDENT, incident.id, _job_id=f"confirm:{incident.run_id}:r{tag}"
            )
            return {"outcome": "confirming"}
        await deps.redis.enqueue_job(
            FIX_INCIDENT, incident.id, _job_id=f"fix:{incident.run_id}:r{tag}"
        )
        return {"outcome": "resumed"}
