"""``confirm_incident``: is the alert a real, sustained problem? Nothing expensive runs before this.

The job reads the slice of metrics around the alert and applies the confirmation rules. While
the rules still wait for more of the window, the job re-schedules itself for the next sample;
the final verdict is stored as the run's ``confirm`` step, with its evidence on the incident.
"""

from __future__ import annotations

import logging
import time

from pipeline.confirmation.slices import STEP_SECONDS, fetch_inputs
from pipeline.deps import Deps
from pipeline.detection.confirm import confirm
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.verdict import Decision, Verdict
from pipeline.durable import JobInfo
from pipeline.incidents.model import Incident
from pipeline.incidents.states import State
from pipeline.jobs.names import CONFIRM_INCIDENT, FIX_INCIDENT
from pipeline.log_context import bind

logger = logging.getLogger(__name__)


async def confirm_incident(
    deps: Deps, job: JobInfo, incident_id: str, check: int = 1
) -> dict[str, str]:
    """Confirm or dismiss the incident; re-check later while the window is still open."""
    incident = await deps.incidents.get(incident_id)
    with bind(incident=incident.id, run=incident.run_id, step="confirm"):
        if incident.state is not State.CONFIRMING:
            return {"outcome": "skipped", "state": incident.state.value}
        steps = deps.steps(incident.run_id, job.job_try)
        if not await steps.done("confirm"):
            verdict = await evaluate(deps, incident)
            if verdict.decision is Decision.WAIT:
                await _check_again(deps, incident, check)
                logger.info("confirmation waits: %s", verdict.reason)
                return {"outcome": "waiting"}

            async def decided(v: Verdict = verdict) -> Verdict:
                return v

            await steps.run("confirm", decided, Verdict)
        verdict = await steps.run("confirm", _never, Verdict)
        return await _act(deps, incident, verdict)


async def evaluate(deps: Deps, incident: Incident) -> Verdict:
    """Fetch the slice around the first alert and apply the rules, as of now."""
    policy = DetectionPolicy.from_settings(deps.settings)
    alert_at = (
        int(min(a.at for a in incident.alerts).timestamp()) if incident.alerts else int(time.time())
    )
    inputs = await fetch_inputs(
        deps.require_railway(), incident.target, incident.alerts, alert_at, policy, int(time.time())
    )
    return confirm(inputs, policy)


async def _act(deps: Deps, incident: Incident, verdict: Verdict) -> dict[str, str]:
    if verdict.confirmed:
        await deps.incidents.transition(
            incident.id, State.CONFIRMED, reason=verdict.reason, evidence=verdict
        )
        await deps.redis.enqueue_job(FIX_INCIDENT, incident.id, _job_id=f"fix:{incident.run_id}")
        logger.info("confirmed: %s", verdict.summary())
        return {"outcome": "confirmed", "kind": verdict.kind.value if verdict.kind else ""}
    await deps.incidents.transition(
        incident.id, State.DISMISSED, reason=verdict.reason, evidence=verdict
    )
    logger.info("dismissed: %s", verdict.summary())
    return {"outcome": "dismissed"}


async def _check_again(deps: Deps, incident: Incident, check: int) -> None:
    await deps.redis.enqueue_job(
        CONFIRM_INCIDENT,
        incident.id,
        check + 1,
        _job_id=f"confirm:{incident.run_id}:{check + 1}",
        _defer_by=STEP_SECONDS,
    )


async def _never() -> Verdict:
    raise AssertionError("the confirm step is stored before it is read back")
