"""``fix_incident``: a confirmed incident becomes a draft PR, a revert PR, or a report."""

from __future__ import annotations

from pipeline import keys
from pipeline.commands.status import publish_status
from pipeline.deps import Deps
from pipeline.durable import JobInfo
from pipeline.fixing.run import FixRun
from pipeline.incidents.states import State
from pipeline.log_context import bind

# States from which an attempt may (re)start: fresh, resumed after a failure, or a rerun.
_STARTABLE = {State.CONFIRMED, State.INVESTIGATING, State.FIXING, State.FAILED, State.REOPENED}


async def fix_incident(
    deps: Deps, job: JobInfo, incident_id: str, hint: str | None = None
) -> dict[str, str]:
    """Run (or resume) the incident's current attempt."""
    incident = await deps.incidents.get(incident_id)
    with bind(incident=incident.id, run=incident.run_id):
        if incident.state not in _STARTABLE:
            return {"outcome": "skipped", "state": incident.state.value}
        run = FixRun(deps, incident, deps.steps(incident.run_id, job.job_try), hint)
        # Recorded so `/autofix cancel` can find and abort this job (and its agent session).
        active = keys.active_job(incident.id)
        await deps.redis.set(active, job.job_id, ex=deps.settings.job_timeout_seconds + 60)
        try:
            result = await run.execute()
        finally:
            if await deps.redis.get(active) == job.job_id.encode():
                await deps.redis.delete(active)
        await publish_status(deps, await deps.incidents.get(incident.id))
        return result
