"""``run_agent``: prompt once the stream is open, stop at idle, abort at the deadline."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping

import pytest

from pipeline.errors import Cancelled
from pipeline.opencode import AgentDeadlineExceeded, AgentFailed, OpenCodeClient, run_agent
from tests.unit.pipeline.opencode.fake_opencode import BASE_URL, SESSION_ID, FakeOpenCode


@pytest.fixture
def fake() -> FakeOpenCode:
    return FakeOpenCode()


@pytest.fixture
async def client(fake: FakeOpenCode) -> AsyncIterator[OpenCodeClient]:
    async with fake.http() as http:
        yield OpenCodeClient(http, BASE_URL, reconnect_seconds=0)


async def test_run_returns_what_the_agent_did(client: OpenCodeClient, fake: FakeOpenCode) -> None:
    run = await run_agent(client, "/srv/clone", "Fix the leak", deadline_seconds=5)
    assert run.session_id == SESSION_ID
    assert run.directory == "/srv/clone"
    assert [c.name for c in run.tool_calls] == ["read", "edit", "bash"]
    assert run.files_changed == ["/srv/clone/shop/recommendations.py"]
    assert run.final_text.startswith("Bounded")
    assert len(fake.prompts) == 1
    assert fake.aborted == []
    create = next(r for r in fake.requests if r.method == "POST" and r.url.path == "/session")
    assert json.loads(create.content) == {"title": "autofix"}


async def test_deadline_aborts_the_session(fake: FakeOpenCode) -> None:
    fake.finish = False
    async with fake.http() as http:
        client = OpenCodeClient(http, BASE_URL)
        with pytest.raises(AgentDeadlineExceeded, match=r"0\.2 s deadline") as caught:
            await run_agent(client, "/srv/clone", "Fix", deadline_seconds=0.2)
    assert caught.value.retryable
    assert caught.value.session_id == SESSION_ID
    assert fake.aborted == [SESSION_ID]


async def test_a_dropped_stream_is_reopened_and_the_status_checked(
    client: OpenCodeClient, fake: FakeOpenCode
) -> None:
    fake.drop_streams = 1
    run = await run_agent(client, "/srv/clone", "Fix", deadline_seconds=5)
    assert fake.connections == 2
    assert len(fake.prompts) == 1
    assert any(r.url.path == "/session/status" for r in fake.requests)
    assert run.finish == "stop"


def with_error(transcript: str, error: Mapping[str, object]) -> str:
    messages = json.loads(transcript)
    messages[-1]["info"]["error"] = error
    return json.dumps(messages)


async def test_an_error_on_the_last_message_fails_the_run(
    client: OpenCodeClient, fake: FakeOpenCode
) -> None:
    error = {"name": "APIError", "data": {"message": "model not found", "statusCode": 404}}
    fake.transcript = with_error(fake.transcript, error)
    with pytest.raises(AgentFailed, match="APIError: model not found") as caught:
        await run_agent(client, "/srv/clone", "Fix", deadline_seconds=5)
    assert caught.value.error_name == "APIError"
    assert not caught.value.retryable


async def test_an_aborted_session_is_cancelled(client: OpenCodeClient, fake: FakeOpenCode) -> None:
    error = {"name": "MessageAbortedError", "data": {"message": "Aborted"}}
    fake.transcript = with_error(fake.transcript, error)
    with pytest.raises(Cancelled):
        await run_agent(client, "/srv/clone", "Fix", deadline_seconds=5)


async def test_an_error_reported_only_by_event_fails_the_run(
    client: OpenCodeClient, fake: FakeOpenCode
) -> None:
    fake.error_event = {"name": "APIError", "data": {"message": "bad request"}}
    with pytest.raises(AgentFailed, match="bad request"):
        await run_agent(client, "/srv/clone", "Fix", deadline_seconds=5)


async def test_an_unfinished_last_message_is_read_again(
    client: OpenCodeClient, fake: FakeOpenCode
) -> None:
    unfinished = json.loads(fake.transcript)
    del unfinished[-1]["info"]["finish"]
    fake.early_transcripts = [json.dumps(unfinished)]
    run = await run_agent(client, "/srv/clone", "Fix", deadline_seconds=5)
    assert run.finish == "stop"
    reads = [r for r in fake.requests if r.url.path.endswith("/message")]
    assert len(reads) == 2
