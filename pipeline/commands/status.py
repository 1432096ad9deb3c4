"""The one status comment on an autofix PR, updated in place with the current attempt's timeline."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from pipeline import timeline
from pipeline.deps import Deps
from pipeline.errors import AutofixError
from pipeline.incidents.model import Incident
from pipeline.incidents.states import State

logger = logging.getLogger(__name__)

STATUS_KEY = "status"
_ICONS = {
    State.PR_OPEN: "📝",
    State.INVESTIGATING: "🔎",
    State.FIXING: "🛠️",
    State.VERIFYING: "⏳",
    State.RESOLVED: "✅",
    State.REOPENED: "🔁",
    State.FAILED: "❌",
    State.CANCELLED: "🛑",
    State.REJECTED: "🚫",
}


@cache
def templates() -> Environment:
    """The comment templates beside this module."""
    return Environment(
        loader=PackageLoader("pipeline.commands", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
    )


async def render_status(deps: Deps, incident: Incident, note: str | None = None) -> str:
    """The status comment's Markdown for the incident's current attempt."""
    records = timeline.fold(await timeline.read(deps.redis, incident.run_id))
    base = deps.settings.public_url
    return (
        templates()
        .get_template("status.jinja2")
        .render(
            incident=incident,
            icon=_ICONS.get(incident.state, "•"),
            records=records,
            note=note,
            now=datetime.now(UTC),
            dashboard_url=f"{base.rstrip('/')}/runs/{incident.id}" if base else None,
        )
    )


async def publish_status(deps: Deps, incident: Incident, note: str | None = None) -> None:
    """Update the PR's status comment; a failure here is logged, never fatal."""
    pr = incident.pull_request
    if pr is None or deps.github is None:
        return
    try:
        await deps.github.upsert_comment(
            pr.repo, pr.number, await render_status(deps, incident, note), key=STATUS_KEY
        )
    except AutofixError as exc:
        logger.warning("status comment not updated: %s", exc)
