"""What ``autofix demo`` prints: each step as the worker runs it, then the outcome and the diff."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any, TextIO

from pydantic import TypeAdapter

from config.settings import Settings
from pipeline import keys, timeline
from pipeline.connections import connect
from pipeline.fixing.change import ProposedChange
from pipeline.incidents.model import Incident
from pipeline.incidents.store import IncidentStore
from standins.stack import Stack

_MARKS = {"started": "…", "succeeded": "✓", "failed": "✗"}


class Printer:
    """Prints incident transitions and step events once each, as they appear in Redis."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self._transitions = 0
        self._events: dict[str, int] = {}

    def line(self, text: str) -> None:
        """One line of output."""
        print(text, file=self.out, flush=True)

    async def follow(self, settings: Settings, every: float = 0.2) -> None:
        """Print news until cancelled."""
        while True:
            with contextlib.suppress(Exception):  # a missed poll is caught up by the next one
                await self.flush(settings)
            await asyncio.sleep(every)

    async def flush(self, settings: Settings) -> None:
        """Print whatever happened since the last call."""
        redis = connect(settings.redis_url or "")
        try:
            for incident in reversed(await IncidentStore(redis, cooldown_seconds=0).list(limit=5)):
                await self._incident(redis, incident)
        finally:
            await redis.aclose()

    async def _incident(self, redis: Any, incident: Incident) -> None:
        for transition in incident.history[self._transitions :]:
            reason = f": {transition.reason}" if transition.reason else ""
            self.line(f"  incident {incident.id} → {transition.to_state.value}{reason}")
        self._transitions = max(self._transitions, len(incident.history))
        events = await timeline.read(redis, incident.run_id)
        seen = self._events.get(incident.run_id, 0)
        for event in events[seen:]:
            took = f" {event.duration_s:.2f} s" if event.duration_s is not None else ""
            error = f"  {event.error}" if event.error else ""
            self.line(f"    {_MARKS.get(event.status, '·')} {event.step}{took}{error}")
        self._events[incident.run_id] = len(events)


async def summary(settings: Settings, stack: Stack) -> dict[str, Any]:
    """``{incident_id, state, decision, pr_url, files_changed, ok}`` and the diff, printed first."""
    redis = connect(settings.redis_url or "")
    try:
        incidents = await IncidentStore(redis, cooldown_seconds=0).list(limit=1)
        change = await _change(redis, incidents[0]) if incidents else None
    finally:
        await redis.aclose()
    incident = incidents[0] if incidents else None
    pr = incident.pull_request if incident else None
    state = incident.state.value if incident else "no_incident"
    return {
        "incident_id": incident.id if incident else None,
        "state": state,
        "decision": incident.decision if incident else None,
        "pr_url": pr.url if pr else None,
        "issue_url": incident.issue_url if incident else None,
        "files_changed": [f.path for f in change.files] if change else [],
        "diff": change.patch if change else "",
        "ok": ended_as_expected(stack, state),
    }


def ended_as_expected(stack: Stack, state: str) -> bool:
    """A dismissal for a harmless scenario; a PR or a report for a real one."""
    if stack.world.scenario.expected.verdict == "dismiss":
        return state == "dismissed"
    return state in ("pr_open", "reported")


async def _change(redis: Any, incident: Incident) -> ProposedChange | None:
    for step in ("agent", "revert"):
        raw = await redis.get(keys.step(incident.run_id, step))
        if raw is not None:
            change: ProposedChange = TypeAdapter(ProposedChange).validate_json(raw)
            return change
    return None
