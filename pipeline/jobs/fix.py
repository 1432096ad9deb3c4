"""``fix_incident``: a confirmed incident becomes a draft PR, a revert PR, or a report."""

from __future__ import annotations

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
        return await run.execute()
