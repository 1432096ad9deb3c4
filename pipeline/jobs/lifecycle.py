"""PR lifecycle jobs: a closed PR rejects the incident; a merged one is verified in production."""

from __future__ import annotations

import logging
import time
from typing import Any

from pipeline import keys
from pipeline.commands.handle import handle_comment
from pipeline.commands.status import publish_status
from pipeline.deps import Deps
from pipeline.detection.policy import DetectionPolicy
from pipeline.durable import JobInfo
from pipeline.incidents.states import CLOSED, State
from pipeline.intake.github_event import CommentCommand, PullRequestClosed
from pipeline.jobs.names import VERIFY_FIX
from pipeline.log_context import bind
from pipeline.verification.templates import verification_comment
from pipeline.verification.verify import Pending, verify

logger = logging.getLogger(__name__)


async def handle_github_event(
    deps: Deps, job: JobInfo, event_data: dict[str, Any]
) -> dict[str, str]:
    """Dispatch a parsed GitHub delivery."""
    if event_data.get("kind") == "comment":
        event = CommentCommand.model_validate(event_data)
        with bind(delivery=event.delivery_id, repo=event.repo):
            return await handle_comment(deps, event)
    closed = PullRequestClosed.model_validate(event_data)
    with bind(delivery=closed.delivery_id, repo=closed.repo):
        return await _closed(deps, closed)


async def _closed(deps: Deps, event: PullRequestClosed) -> dict[str, str]:
    incident_id = await deps.redis.get(keys.pull_request(event.repo, event.pr_number))
    if incident_id is None:
        return {"outcome": "ignored", "reason": "not a pull request autofix opened"}
    incident = await deps.incidents.get(incident_id.decode())
    if incident.state in CLOSED or incident.state is State.VERIFYING:
        return {"outcome": "ignored", "reason": f"incident is already {incident.state.value}"}
    if not event.merged:
        rejected = await deps.incidents.transition(
            incident.id, State.REJECTED, reason=f"PR #{event.pr_number} closed without merging"
        )
        cooldown = deps.settings.rejected_cooldown_seconds
        if cooldown:
            await deps.redis.set(
                keys.cooldown(incident.target.service_id, incident.signature),
                incident.id,
                ex=cooldown,
            )
        await publish_status(
            deps,
            rejected,
            note="Closed without merging: this signature cools down before autofix tries again.",
        )
        return {"outcome": "rejected"}
    verifying = await deps.incidents.transition(
        incident.id, State.VERIFYING, reason=f"PR #{event.pr_number} merged"
    )
    sha = event.merge_commit_sha or ""
    await deps.redis.enqueue_job(
        VERIFY_FIX, incident.id, sha, int(time.time()), _job_id=f"verify:{incident.id}:{sha}"
    )
    await publish_status(
        deps, verifying, note=f"Merged as {sha[:12]}: watching production once Railway deploys it."
    )
    return {"outcome": "verifying"}


async def verify_fix(
    deps: Deps, job: JobInfo, incident_id: str, merge_sha: str, merged_at: int, check: int = 1
) -> dict[str, str]:
    """Look once; re-schedule while waiting; then resolve or reopen the incident."""
    incident = await deps.incidents.get(incident_id)
    with bind(incident=incident.id):
        if incident.state is not State.VERIFYING:
            return {"outcome": "skipped", "state": incident.state.value}
        settings = deps.settings
        result = await verify(
            deps.require_railway(),
            incident,
            merge_sha,
            merged_at,
            DetectionPolicy.from_settings(settings),
            window_seconds=settings.verify_window_minutes * 60,
            deploy_deadline_seconds=settings.verify_deploy_deadline_minutes * 60,
            poll_seconds=settings.verify_poll_seconds,
        )
        if isinstance(result, Pending):
            await deps.redis.enqueue_job(
                VERIFY_FIX,
                incident.id,
                merge_sha,
                merged_at,
                check + 1,
                _job_id=f"verify:{incident.id}:{merge_sha}:{check + 1}",
                _defer_by=max(1, result.at - int(time.time())),
            )
            return {"outcome": "pending", "reason": result.reason}
        target = State.RESOLVED if result.outcome == "recovered" else State.REOPENED
        if result.outcome == "never_deployed":
            target = State.REOPENED
        done = await deps.incidents.transition(
            incident.id, target, reason=f"after the fix: {result.outcome}"
        )
        pr = done.pull_request
        if pr is not None and deps.github is not None:
            body = verification_comment(result, done.target.service_name or done.target.service_id)
            await deps.github.upsert_comment(pr.repo, pr.number, body, key="verification")
        await publish_status(deps, done, note=f"Verification: {result.outcome}.")
        return {"outcome": result.outcome}
