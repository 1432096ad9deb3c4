"""Server-sent events from OpenCode's ``/event`` route, parsed into ``Event`` models."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterable, AsyncIterator

from pydantic import ValidationError

from pipeline.opencode.wire import Event

log = logging.getLogger(__name__)


async def parse_events(lines: AsyncIterable[str]) -> AsyncIterator[Event]:
    """Events from SSE ``lines``; a frame that is not an event is logged and skipped."""
    data: list[str] = []
    async for line in lines:
        if line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
        elif not line and data:
            event = _event("\n".join(data))
            data.clear()
            if event is not None:
                yield event
    if data:
        event = _event("\n".join(data))
        if event is not None:
            yield event


def _event(payload: str) -> Event | None:
    try:
        return Event.model_validate_json(payload)
    except ValidationError:
        log.warning("skipped an OpenCode event that did not parse (%d chars)", len(payload))
        return None
