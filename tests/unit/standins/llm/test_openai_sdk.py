"""The stand-in through the official ``openai`` SDK, as autofix's analyst will call it.

The SDK (3.x) is built on ``httpx2``, whose ``ASGITransport`` runs the app in-process.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx2
import openai
import pydantic
import pytest
from openai.types.chat import ChatCompletionMessageParam

from standins.llm import Fault, LLMStandin, RequestKind, build_app
from tests.unit.standins.llm.conftest import EDIT_TOOL, ENV_SYSTEM

ANALYST: list[ChatCompletionMessageParam] = [
    {"role": "system", "content": "You are autofix's incident analyst."},
    {"role": "user", "content": "Memory grows after the deploy."},
]
AGENT: list[ChatCompletionMessageParam] = [
    {"role": "system", "content": ENV_SYSTEM},
    {"role": "user", "content": "Fix the leak"},
]


class Decision(pydantic.BaseModel):
    decision: str


@pytest.fixture
async def sdk(standin: LLMStandin) -> AsyncIterator[openai.AsyncOpenAI]:
    transport = httpx2.ASGITransport(app=build_app(standin))
    async with httpx2.AsyncClient(transport=transport) as http:
        yield openai.AsyncOpenAI(
            api_key="sk-standin", base_url="http://llm.test/v1", http_client=http, max_retries=0
        )


async def test_tool_call(sdk: openai.AsyncOpenAI) -> None:
    completion = await sdk.chat.completions.create(
        model="fake-model",
        messages=AGENT,
        tools=[EDIT_TOOL],  # type: ignore[list-item]  # a plain dict
    )
    (call,) = completion.choices[0].message.tool_calls or []
    assert call.type == "function"
    assert call.function.name == "edit"
    assert json.loads(call.function.arguments)["filePath"] == "/srv/clone/cache.py"
    assert completion.usage is not None
    assert completion.usage.total_tokens > 0


async def test_stream_reassembles_text_and_reports_usage(sdk: openai.AsyncOpenAI) -> None:
    stream = await sdk.chat.completions.create(
        model="fake-model",
        messages=ANALYST,
        stream=True,
        stream_options={"include_usage": True},
    )
    text, usage = "", None
    async for chunk in stream:
        if chunk.choices:
            text += chunk.choices[0].delta.content or ""
        usage = chunk.usage or usage
    assert json.loads(text) == {"decision": "fix"}
    assert usage is not None
    assert usage.completion_tokens > 0


async def test_parse_with_a_json_schema(sdk: openai.AsyncOpenAI, standin: LLMStandin) -> None:
    completion = await sdk.chat.completions.parse(
        model="fake-model", messages=ANALYST, response_format=Decision
    )
    assert completion.choices[0].message.parsed == Decision(decision="fix")
    (request,) = standin.requests_of(RequestKind.ANALYST)
    assert request.body["response_format"]["type"] == "json_schema"


async def test_server_error_surfaces_as_the_sdk_error(
    sdk: openai.AsyncOpenAI, standin: LLMStandin
) -> None:
    standin.add_fault(Fault(kind="error", status=500))
    with pytest.raises(openai.InternalServerError):
        await sdk.chat.completions.create(model="fake-model", messages=ANALYST)
    assert (await sdk.chat.completions.create(model="fake-model", messages=ANALYST)).choices


async def test_off_schema_answer_fails_parsing(
    sdk: openai.AsyncOpenAI, standin: LLMStandin
) -> None:
    standin.add_fault(Fault(kind="off_schema"))
    with pytest.raises(pydantic.ValidationError):
        await sdk.chat.completions.parse(
            model="fake-model", messages=ANALYST, response_format=Decision
        )


async def test_not_json_answer_escapes_the_sdk_as_a_decode_error(
    sdk: openai.AsyncOpenAI, standin: LLMStandin
) -> None:
    """The SDK does not wrap this one: a client of the LLM has to map it itself."""
    standin.add_fault(Fault(kind="not_json"))
    with pytest.raises(json.JSONDecodeError):
        await sdk.chat.completions.create(model="fake-model", messages=ANALYST)
