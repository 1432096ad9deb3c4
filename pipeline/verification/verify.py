"""After a merge: find the merge commit's deployment, watch it, and say whether the fix worked."""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel

from pipeline.confirmation.slices import fetch_inputs
from pipeline.detection.confirm import confirm
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.verdict import Verdict
from pipeline.incidents.model import Incident
from pipeline.railway.client import RailwayClient
from pipeline.railway.models import Deployment
from pipeline.verification.compare import Measure, measures, outcome

_FAILED_DEPLOYS = {"FAILED", "CRASHED"}


class Pending(BaseModel):
    """Not decided yet: look again at ``at`` (epoch seconds)."""

    at: int
    reason: str


class Verification(BaseModel):
    """The verdict on a merged fix, with the numbers before and after."""

    outcome: Literal["recovered", "not_recovered", "worse", "deploy_failed", "never_deployed"]
    reason: str
    deployment_id: str | None = None
    deployed_at: datetime | None = None
    window: str | None = None
    measures: list[Measure] = []
    verdict: Verdict | None = None


async def verify(
    railway: RailwayClient,
    incident: Incident,
    merge_sha: str,
    merged_at: int,
    policy: DetectionPolicy,
    *,
    window_seconds: int,
    deploy_deadline_seconds: int,
    poll_seconds: int,
) -> Verification | Pending:
    """One look: pending until the merge is deployed and watched long enough, then a verdict."""
    now = int(time.time())
    target = incident.target
    deployments = await railway.recent_deployments(
        service_id=target.service_id, environment_id=target.environment_id or "", limit=20
    )
    deployment = _of_commit(deployments, merge_sha)
    if deployment is None:
        if now > merged_at + deploy_deadline_seconds:
            minutes = deploy_deadline_seconds // 60
            return Verification(
                outcome="never_deployed",
                reason=f"no deployment of {merge_sha[:12]} within {minutes} min of the merge",
            )
        return Pending(
            at=now + poll_seconds, reason=f"waiting for Railway to deploy {merge_sha[:12]}"
        )
    if deployment.status.value in _FAILED_DEPLOYS:
        return Verification(
            outcome="deploy_failed",
            reason=f"the deployment of {merge_sha[:12]} {deployment.status.value.lower()}",
            deployment_id=deployment.id,
            deployed_at=deployment.created_at,
        )
    deployed = int(deployment.created_at.timestamp())
    if deployment.status.value != "SUCCESS" or now < deployed + window_seconds:
        return Pending(
            at=max(now + poll_seconds, deployed + window_seconds + 5),
            reason="watching the new deployment",
        )
    return await _judge(railway, incident, deployment, policy, window_seconds, now)


async def _judge(
    railway: RailwayClient,
    incident: Incident,
    deployment: Deployment,
    policy: DetectionPolicy,
    window_seconds: int,
    now: int,
) -> Verification:
    watch = dataclasses.replace(policy, window_seconds=window_seconds)
    deployed = int(deployment.created_at.timestamp())
    after = await fetch_inputs(railway, incident.target, (), deployed, watch, now)
    first_alert = (
        int(min(a.at for a in incident.alerts).timestamp())
        if incident.alerts
        else deployed - window_seconds
    )
    before = await fetch_inputs(railway, incident.target, incident.alerts, first_alert, watch, now)
    verdict = confirm(after, watch)
    kind = incident.evidence.kind if incident.evidence else None
    compared = measures(kind, before, after)
    result = outcome(verdict, compared)
    return Verification(
        outcome=result,
        reason=verdict.reason,
        deployment_id=deployment.id,
        deployed_at=datetime.fromtimestamp(deployed, UTC),
        window=after.window.describe(),
        measures=compared,
        verdict=verdict,
    )


def _of_commit(deployments: list[Deployment], sha: str) -> Deployment | None:
    matching = [
        d
        for d in deployments
        if d.commit and (d.commit.hash.startswith(sha) or sha.startswith(d.commit.hash))
    ]
    return max(matching, key=lambda d: d.created_at, default=None)
