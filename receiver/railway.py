"""``POST /webhooks/railway/{token}``: Railway alerts.

Railway does not sign webhooks. The defences are an unguessable token in the URL (compared
in constant time), an allowlist of project ids, and the pipeline's rule that nothing acts on
an alert before confirming it through Railway's API.
"""

from __future__ import annotations

import hmac
import logging

from starlette.requests import Request
from starlette.responses import Response

from pipeline.intake.classify import classify
from pipeline.intake.railway_event import PayloadError, parse_railway_event
from pipeline.jobs.names import INTAKE_RAILWAY_ALERT
from pipeline.log_context import bind
from receiver.answers import accepted, rejected
from receiver.body import BodyError, parse_json_object, read_capped
from receiver.queue import QueueUnavailable, enqueue
from receiver.state import state_of

logger = logging.getLogger(__name__)


async def railway_webhook(request: Request) -> Response:
    """Authenticate, parse and classify a Railway alert; queue it if autofix should act."""
    state = state_of(request)
    expected = state.settings.railway_webhook_token
    if expected is None:
        return rejected(
            401,
            "RAILWAY_WEBHOOK_TOKEN is not configured on this autofix; refusing Railway webhooks",
        )
    given = str(request.path_params["token"]).encode()
    if not hmac.compare_digest(given, expected.get_secret_value().encode()):
        return rejected(401, "unknown webhook token")
    try:
        payload = parse_json_object(await read_capped(request, state.settings.max_body_bytes))
        event = parse_railway_event(payload)
    except BodyError as exc:
        return rejected(exc.status_code, exc.reason)
    except PayloadError as exc:
        return rejected(422, f"not a Railway event: {exc}")
    if not state.policy.allows_project(event.project_id):
        return rejected(403, f"project {event.project_id!r} is not watched by this autofix")
    decision = classify(event, state.policy)
    with bind(event=event.name, service=event.service_id):
        if decision.action == "ignore":
            logger.info("railway event ignored: %s", decision.reason)
            return accepted(status="ignored", event=event.type, reason=decision.reason)
        try:
            queued = await enqueue(
                state.redis,
                INTAKE_RAILWAY_ALERT,
                event.model_dump(mode="json"),
                job_id=f"railway:{event.dedupe_key()}",
            )
        except QueueUnavailable as exc:
            logger.error("railway event NOT queued, Redis unavailable: %s", exc)
            return rejected(503, str(exc))
    return accepted(
        status="duplicate" if queued.duplicate else "queued",
        job_id=queued.job_id,
        event=event.type,
        action=decision.action,
        reason=decision.reason,
    )
