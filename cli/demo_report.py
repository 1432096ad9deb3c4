"""What ``autofix demo`` prints: each step as the worker runs it, then the outcome and the diff."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime
from typing import Any, TextIO

from pydantic import TypeAdapter

from config.settings import Settings
from pipeline import keys, timeline
from pipeline.connections import connect
from pipeline.fixing.change import ProposedChange
from pipeline.incidents.model import Incident
from pipeline.incidents.store import IncidentStore
from standins.stack import Ending, Stack

_MARKS = {"started": "…", "succeeded": "✓", "failed": "✗"}


class Printer:
    """Prints incident transitions and step events once each, as they appear in Redis."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self._transitions: dict[str, int] = {}
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
        # Transitions and step events, merged in the order they happened.
        news: list[tuple[datetime, str]] = []
        for transition in incident.history[self._transitions.get(incident.id, 0) :]:
            reason = f": {transition.reason}" if transition.reason else ""
            text = f"  incident {incident.id} → {transition.to_state.value}{reason}"
            news.append((transition.at, text))
        self._transitions[incident.id] = len(incident.history)
        events = await timeline.read(redis, incident.run_id)
        fresh = events[self._events.get(incident.run_id, 0) :]
        ended = {(e.step, e.attempt) for e in fresh if e.status != "started"}
        for event in fresh:
            if event.status == "started" and (event.step, event.attempt) in ended:
                continue  # it also ended since the last poll: its end line says it all
            took = f" {event.duration_s:.2f} s" if event.duration_s is not None else ""
            error = f"  {event.error}" if event.error else ""
            mark = _MARKS.get(event.status, "·")
            news.append((event.at, f"    {mark} {event.step}{took}{error}"))
        self._events[incident.run_id] = len(events)
        for _, text in sorted(news, key=lambda item: item[0]):
            self.line(text)


async def summary(settings: Settings, stack: Stack) -> dict[str, Any]:
    """The outcome: incident, state, decision, PR or report, the diff, and whether it was ``ok``."""
    redis = connect(settings.redis_url or "")
    try:
        incidents = await IncidentStore(redis, cooldown_seconds=0).list(limit=1)
        change = await _change(redis, incidents[0]) if incidents else None
    finally:
        await redis.aclose()
    incident = incidents[0] if incidents else None
    pr = incident.pull_request if incident else None
    state = incident.state.value if incident else "no_incident"
    decision = incident.decision if incident else None
    report = _report(stack, incident.issue_url if incident else None)
    return {
        "incident_id": incident.id if incident else None,
        "state": state,
        "decision": decision,
        "pr_url": pr.url if pr else None,
        "issue_url": incident.issue_url if incident else None,
        "files_changed": [f.path for f in change.files] if change else [],
        "diff": change.patch if change else "",
        "report": report,
        "expected": describe(stack.ending),
        "ok": ended_as_expected(stack, state, decision),
    }


def ended_as_expected(stack: Stack, state: str, decision: str | None) -> bool:
    """The state the scenario calls for, reached by the analyst's decision it calls for, if any."""
    ending = stack.ending
    return state == ending.state and ending.decision in (None, decision)


def describe(ending: Ending) -> str:
    """``pr_open (rollback)``, or the bare state when no decision is expected."""
    return f"{ending.state} ({ending.decision})" if ending.decision else ending.state


def _report(stack: Stack, issue_url: str | None) -> str:
    # The stand-in stops with the demo, so its URL is no use afterwards: print the issue itself.
    if not issue_url:
        return ""
    for issue in stack.github.control.issues(stack.repo):
        if issue_url.split("#")[0].endswith(f"/issues/{issue.number}"):
            return f"{issue.title}\n\n{issue.body or ''}"
    return ""


async def _change(redis: Any, incident: Incident) -> ProposedChange | None:
    for step in ("agent", "revert"):
        raw = await redis.get(keys.step(incident.run_id, step))
        if raw is not None:
            change: ProposedChange = TypeAdapter(ProposedChange).validate_json(raw)
            return change
    return None
