"""What the commands do to an incident: start a new attempt, cancel the running one."""

from __future__ import annotations

import contextlib
import logging

from arq.jobs import Job

from pipeline import keys
from pipeline.connections import QUEUE_NAME, deserialize
from pipeline.deps import Deps
from pipeline.incidents.model import Incident
from pipeline.incidents.states import CLOSED, State
from pipeline.jobs.names import FIX_INCIDENT

logger = logging.getLogger(__name__)


async def abort_running(deps: Deps, incident: Incident) -> bool:
    """Abort the incident's running job (which aborts its agent session); True if one ran."""
    job_id = await deps.redis.get(keys.active_job(incident.id))
    if job_id is None:
        return False
    job = Job(job_id.decode(), deps.redis, _queue_name=QUEUE_NAME, _deserializer=deserialize)
    with contextlib.suppress(TimeoutError):
        await job.abort(timeout=20)
    await deps.redis.delete(keys.active_job(incident.id))
    logger.info("aborted job %s", job_id.decode())
    return True


async def cancel(deps: Deps, incident: Incident, by: str) -> Incident:
    """Stop the running attempt and close the incident as cancelled."""
    await abort_running(deps, incident)
    current = await deps.incidents.get(incident.id)
    if current.state in CLOSED:
        return current
    return await deps.incidents.transition(
        incident.id, State.CANCELLED, reason=f"cancelled by @{by}"
    )


async def rerun(deps: Deps, incident: Incident, hint: str | None, by: str) -> Incident:
    """Start attempt n+1 with fresh context (and the hint), on the same branch and PR."""
    await abort_running(deps, incident)
    reason = f"rerun by @{by}" + (f": {hint}" if hint else "")
    fresh = await deps.incidents.new_attempt(incident.id, reason)
    await deps.redis.enqueue_job(FIX_INCIDENT, fresh.id, hint, _job_id=f"fix:{fresh.run_id}")
    return fresh
