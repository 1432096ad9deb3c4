"""``POST /webhooks/github``: pull request comments (commands) and pull request closes.

Signed deliveries only (``X-Hub-Signature-256``). GitHub never redelivers a failed delivery
by itself, so a 503 (Redis down) is logged loudly: someone must redeliver it by hand.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from pipeline.intake.github_event import parse_github_event
from pipeline.intake.railway_event import PayloadError
from pipeline.jobs.names import HANDLE_GITHUB_EVENT
from pipeline.log_context import bind
from receiver.answers import accepted, rejected
from receiver.body import BodyError, parse_json_object, read_capped
from receiver.queue import QueueUnavailable, enqueue
from receiver.signature import verify
from receiver.state import state_of

logger = logging.getLogger(__name__)


async def github_webhook(request: Request) -> Response:
    """Verify, parse and queue a GitHub delivery."""
    state = state_of(request)
    secret = state.settings.github_webhook_secret
    if secret is None:
        return rejected(
            401,
            "GITHUB_WEBHOOK_SECRET is not configured on this autofix; refusing unsigned deliveries",
        )
    try:
        body = await read_capped(request, state.settings.max_body_bytes)
    except BodyError as exc:
        return rejected(exc.status_code, exc.reason)
    if not verify(secret.get_secret_value(), body, request.headers.get("x-hub-signature-256")):
        return rejected(401, "missing or invalid X-Hub-Signature-256")
    event = request.headers.get("x-github-event", "")
    delivery = request.headers.get("x-github-delivery", "")
    if not event or not delivery:
        return rejected(400, "missing X-GitHub-Event or X-GitHub-Delivery header")
    try:
        payload = _payload(request, body)
        if event == "ping":
            return JSONResponse({"status": "pong", "zen": str(payload.get("zen", ""))[:200]})
        parsed = parse_github_event(event, delivery, payload)
    except BodyError as exc:
        return rejected(exc.status_code, exc.reason)
    except PayloadError as exc:
        return rejected(422, f"not a {event} payload autofix can read: {exc}")
    with bind(delivery=delivery, event=event):
        if isinstance(parsed, str):
            return accepted(status="ignored", event=event, reason=parsed)
        try:
            queued = await enqueue(
                state.redis,
                HANDLE_GITHUB_EVENT,
                parsed.model_dump(mode="json"),
                # Only the body is signed: a replay with a rewritten delivery or hook id header
                # is still the same body, so the body's digest is what de-duplicates.
                job_id=f"github:{hashlib.sha256(body).hexdigest()[:32]}",
            )
        except QueueUnavailable as exc:
            logger.error("GitHub delivery %s LOST unless redelivered by hand: %s", delivery, exc)
            return rejected(503, str(exc))
    return accepted(
        status="duplicate" if queued.duplicate else "queued", job_id=queued.job_id, event=event
    )


def _payload(request: Request, body: bytes) -> dict[str, Any]:
    # GitHub can be set to send ``application/x-www-form-urlencoded`` with the JSON in ``payload``.
    if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        try:
            form = parse_qs(body.decode(), strict_parsing=True)
        except (UnicodeDecodeError, ValueError):
            raise BodyError(400, "malformed form body") from None
        values = form.get("payload")
        if not values:
            raise BodyError(400, "form body has no 'payload' field")
        body = values[0].encode()
    return parse_json_object(body)
