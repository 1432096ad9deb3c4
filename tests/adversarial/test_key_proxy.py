"""The LLM key proxy OpenCode talks through: only its session token, only chat completions.

Whoever holds the OpenCode server's environment (the agent, through ``env``) holds the token;
it must not buy more than the session's own chat completions, and never the key itself.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pipeline.opencode.key_proxy import KeyProxy
from receiver.local_server import serving
from standins.llm.server import LLMStandinServer
from standins.llm.standin import LLMStandin
from standins.stack import MODEL

KEY = "sk-real-key-0123456789"
CHAT = {"model": MODEL, "messages": [{"role": "user", "content": "hello"}]}


@pytest.fixture
def standin() -> Iterator[LLMStandin]:
    standin = LLMStandin(models=(MODEL,), api_key=KEY)
    with LLMStandinServer(standin) as server:
        standin.base_url = server.base_url  # type: ignore[attr-defined]  # for the proxy fixture
        yield standin


@pytest.fixture
async def proxy(standin: LLMStandin) -> AsyncIterator[KeyProxy]:
    base_url: str = standin.base_url  # type: ignore[attr-defined]  # set by the fixture above
    async with KeyProxy(base_url, SecretStr(KEY)) as running:
        yield running


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_a_streamed_completion_passes_with_the_real_key_added(
    proxy: KeyProxy, standin: LLMStandin
) -> None:
    token = proxy.token.get_secret_value()
    async with httpx.AsyncClient(base_url=proxy.base_url) as http:
        answer = await http.post(
            "/chat/completions", json={**CHAT, "stream": True}, headers=bearer(token)
        )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/event-stream")
    events = [line for line in answer.text.splitlines() if line.startswith("data: ")]
    assert events[-1] == "data: [DONE]"
    assert json.loads(events[0].removeprefix("data: "))["object"] == "chat.completion.chunk"
    [seen] = standin.requests
    assert seen.headers["authorization"] == f"Bearer {KEY}"
    assert token not in json.dumps(seen.headers)


@pytest.mark.parametrize(
    ("method", "path", "token", "status"),
    [
        ("POST", "/chat/completions", None, 401),
        ("POST", "/chat/completions", "guess", 401),
        ("POST", "/chat/completions", KEY, 401),
        ("GET", "/models", "session", 403),
        ("POST", "/embeddings", "session", 403),
        ("POST", "/chat/completions/../../files", "session", 403),
    ],
    ids=["no-token", "wrong-token", "the-key-itself", "models", "embeddings", "traversal"],
)
async def test_anything_else_is_refused_before_it_leaves(
    proxy: KeyProxy,
    standin: LLMStandin,
    method: str,
    path: str,
    token: str | None,
    status: int,
) -> None:
    given = proxy.token.get_secret_value() if token == "session" else token
    headers = bearer(given) if given else {}
    async with httpx.AsyncClient(base_url=proxy.base_url) as http:
        answer = await http.request(method, path, json=CHAT, headers=headers)
    assert answer.status_code == status
    assert standin.requests == []


async def test_a_client_that_leaves_ends_the_upstream_request() -> None:
    """An aborted agent session must not leave a request to the LLM hanging behind it."""
    left = asyncio.Event()

    async def never_answers(request: Request) -> Response:
        while not await request.is_disconnected():  # noqa: ASYNC110 -- Starlette has no event for it
            await asyncio.sleep(0.02)
        left.set()
        return Response(status_code=499)

    upstream = Starlette(routes=[Route("/v1/chat/completions", never_answers, methods=["POST"])])
    async with serving(upstream) as base, KeyProxy(f"{base}/v1", SecretStr(KEY)) as proxy:
        token = proxy.token.get_secret_value()
        async with httpx.AsyncClient(base_url=proxy.base_url, timeout=0.5) as http:
            with pytest.raises(httpx.ReadTimeout):
                await http.post("/chat/completions", json=CHAT, headers=bearer(token))
        async with asyncio.timeout(5):
            await left.wait()
