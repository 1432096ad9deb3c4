"""What happens to an incident when its job gives up: it is marked failed, with the reason."""

from __future__ import annotations

import logging

from pipeline.commands.status import publish_status
from pipeline.deps import Deps
from pipeline.errors import Cancelled
from pipeline.incidents.states import CLOSED, State
from pipeline.incidents.store import IncidentNotFound

logger = logging.getLogger(__name__)


async def mark_failed(deps: Deps, args: tuple[object, ...], exc: BaseException) -> None:
    """Give-up hook for jobs whose first argument is an incident id."""
    incident_id = str(args[0]) if args else ""
    try:
        incident = await deps.incidents.get(incident_id)
    except IncidentNotFound:
        return
    if incident.state in CLOSED:
        return
    target = State.CANCELLED if isinstance(exc, Cancelled) else State.FAILED
    reason = f"{type(exc).__name__}: {exc}"[:2000]
    failed = await deps.incidents.transition(incident.id, target, reason=reason, error=reason)
    logger.error("incident %s marked %s: %s", incident.id, target, reason)
    await publish_status(deps, failed, note=f"The attempt stopped: {reason}")
