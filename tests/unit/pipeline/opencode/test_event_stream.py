"""Parsing OpenCode's server-sent events."""

from __future__ import annotations

from collections.abc import AsyncIterator

from pipeline.opencode.event_stream import parse_events
from tests.unit.pipeline.opencode.conftest import recorded_events


async def lines(text: str) -> AsyncIterator[str]:
    for line in text.splitlines():
        yield line


async def test_recorded_stream_ends_with_the_session_going_idle() -> None:
    events = [e async for e in parse_events(lines(recorded_events()))]
    assert events[0].type == "server.connected"
    session_id = events[-1].session_id
    assert session_id is not None
    assert events[-1].type == "session.idle"
    assert events[-1].ends(session_id)
    assert not events[-1].ends("ses_other")
    assert [e.type for e in events].count("session.idle") == 1


async def test_status_idle_also_ends_a_session() -> None:
    status = '{"sessionID": "s1", "status": {"type": "idle"}}'
    text = f'data: {{"type": "session.status", "properties": {status}}}\n\n'
    (event,) = [e async for e in parse_events(lines(text))]
    assert event.ends("s1")


async def test_multi_line_data_junk_and_a_missing_final_blank_line() -> None:
    text = (
        ": comment\n"
        'data: {"type":\n'
        'data: "server.connected", "properties": {}}\n'
        "\n"
        "data: not json\n"
        "\n"
        'data: {"type": "server.heartbeat"}'
    )
    events = [e async for e in parse_events(lines(text))]
    assert [e.type for e in events] == ["server.connected", "server.heartbeat"]
