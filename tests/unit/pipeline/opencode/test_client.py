"""``OpenCodeClient`` against a fake server: what it sends, returns, and maps to errors."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx
import pytest
from pydantic import SecretStr

from pipeline.opencode import (
    OpenCodeClient,
    OpenCodeProtocolError,
    OpenCodeRejected,
    OpenCodeUnavailable,
)
from pipeline.opencode.wire import Session
from tests.unit.pipeline.opencode.fake_opencode import BASE_URL, SESSION_ID, FakeOpenCode

Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture
def fake() -> FakeOpenCode:
    return FakeOpenCode()


@pytest.fixture
async def client(fake: FakeOpenCode) -> AsyncIterator[OpenCodeClient]:
    async with fake.http() as http:
        yield OpenCodeClient(http, BASE_URL, password=SecretStr("s3cret"))


async def test_health(client: OpenCodeClient) -> None:
    health = await client.health()
    assert health.healthy
    assert health.version == "1.18.33"


async def test_session_is_created_in_its_directory(
    client: OpenCodeClient, fake: FakeOpenCode
) -> None:
    session = await client.create_session("/srv/clone", title="fix")
    assert session == Session(id=SESSION_ID, directory="/srv/clone", title="t", projectID="p")
    request = fake.requests[-1]
    assert request.url.params["directory"] == "/srv/clone"
    assert json.loads(request.content) == {"title": "fix"}


async def test_every_request_carries_basic_auth(client: OpenCodeClient, fake: FakeOpenCode) -> None:
    await client.health()
    expected = "Basic " + base64.b64encode(b"opencode:s3cret").decode()
    assert fake.requests[-1].headers["authorization"] == expected


async def test_prompt_messages_abort_delete(client: OpenCodeClient, fake: FakeOpenCode) -> None:
    session = await client.create_session("/srv/clone")
    await client.prompt_async(session, "Fix it", system="Be brief.")
    assert fake.prompts == [{"parts": [{"type": "text", "text": "Fix it"}], "system": "Be brief."}]
    messages = await client.messages(session)
    assert [m.info.role for m in messages][:2] == ["user", "assistant"]
    assert await client.abort(session)
    assert await client.delete_session(session)
    assert fake.aborted == fake.deleted == [SESSION_ID]
    assert all(r.url.params["directory"] == "/srv/clone" for r in fake.requests)


async def test_status_of_a_session_missing_from_the_list_is_idle(client: OpenCodeClient) -> None:
    session = await client.create_session("/srv/clone")
    assert (await client.status(session)).type == "idle"


@asynccontextmanager
async def answering(
    handler: Handler, reconnect_seconds: float = 0
) -> AsyncIterator[OpenCodeClient]:
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
        yield OpenCodeClient(http, BASE_URL, reconnect_seconds=reconnect_seconds)


@pytest.mark.parametrize(
    ("response", "error", "words"),
    [
        (httpx.Response(401, text="Unauthorized"), OpenCodeRejected, "OPENCODE_SERVER_PASSWORD"),
        (httpx.Response(404, json={"name": "NotFoundError"}), OpenCodeRejected, "HTTP 404"),
        (httpx.Response(500, text="boom"), OpenCodeUnavailable, "HTTP 500"),
        (httpx.Response(200, json={"healthy": "maybe"}), OpenCodeProtocolError, "unexpected"),
        (httpx.Response(200, text="<html>"), OpenCodeProtocolError, "unexpected"),
    ],
)
async def test_errors_are_mapped(
    response: httpx.Response, error: type[Exception], words: str
) -> None:
    async with answering(lambda _: response) as client:
        with pytest.raises(error, match=words):
            await client.health()


async def test_connection_failure_is_retryable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async with answering(refuse) as client:
        with pytest.raises(OpenCodeUnavailable) as caught:
            await client.health()
    assert caught.value.retryable


async def test_event_stream_gives_up_after_repeated_failures() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async with answering(refuse) as client:
        with pytest.raises(OpenCodeUnavailable, match="event stream lost"):
            async for _ in client.events("/srv/clone"):
                pass
