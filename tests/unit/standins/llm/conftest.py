"""An in-process LLM stand-in with a small agent script, and an httpx client bound to it."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from standins.llm import LLMStandin, Script, build_app

ENV_SYSTEM = "You are opencode.\n<env>\n  Working directory: /srv/clone\n</env>"
ARRIVAL_SECONDS = 5.0
EDIT_TOOL = {"type": "function", "function": {"name": "edit", "parameters": {"type": "object"}}}

AGENT_SCRIPT = Script.model_validate(
    {
        "title": "Bound the cache",
        "analyst": [{"answer": {"decision": "fix"}}],
        "agent": {
            "steps": [
                {
                    "text": "Editing the cache.",
                    "tool_calls": [
                        {
                            "name": "edit",
                            "arguments": {
                                "filePath": "${directory}/cache.py",
                                "oldString": "cache = {}",
                                "newString": "cache = LRU(1024)",
                            },
                        }
                    ],
                }
            ],
            "final": "Bounded the cache.",
        },
    }
)


def agent_body(tool_results: int = 0, **extra: Any) -> dict[str, Any]:
    """A chat request as OpenCode's agent loop sends it."""
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": ENV_SYSTEM},
        {"role": "user", "content": "Fix the leak"},
    ]
    messages += [
        {"role": "tool", "tool_call_id": f"call_{i}", "content": "Edit applied."}
        for i in range(tool_results)
    ]
    return {"model": "fake-model", "messages": messages, "tools": [EDIT_TOOL], **extra}


def analyst_body(**extra: Any) -> dict[str, Any]:
    """A tool-less request from autofix's analyst."""
    messages = [
        {"role": "system", "content": "You are autofix's incident analyst."},
        {"role": "user", "content": "Memory grows."},
    ]
    return {"model": "fake-model", "messages": messages, **extra}


def sse_payloads(text: str) -> list[Any]:
    """The ``data:`` payloads of an SSE body, ``[DONE]`` kept as a string."""
    payloads: list[Any] = []
    for line in text.splitlines():
        if line.startswith("data: "):
            data = line.removeprefix("data: ")
            payloads.append(data if data == "[DONE]" else json.loads(data))
    return payloads


async def arrived(standin: LLMStandin, count: int = 1) -> None:
    """Return once ``standin`` has received ``count`` requests."""
    async with asyncio.timeout(ARRIVAL_SECONDS):
        for _ in itertools.count():
            if len(standin.requests) >= count:
                return
            await asyncio.sleep(0.01)


@pytest.fixture
def standin() -> LLMStandin:
    return LLMStandin(AGENT_SCRIPT)


@pytest.fixture
async def http(standin: LLMStandin) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build_app(standin))
    async with httpx.AsyncClient(transport=transport, base_url="http://llm.test") as client:
        yield client
