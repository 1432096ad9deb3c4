"""The analysis step: the real openai SDK over an injected transport, a real Redis budget."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx2
import pytest
from arq.connections import ArqRedis

from pipeline.analysis.analyse import InvalidAnalysis, analyse
from pipeline.analysis.models import Decision
from pipeline.errors import PermanentError, RateLimited, RetryableError
from pipeline.incidents.model import Incident, Target
from pipeline.llm.budget import BudgetExhausted, TokenBudget
from pipeline.llm.client import LLMClient

GOOD = {
    "summary": "shop-api leaks memory through an unbounded cache.",
    "root_causes": [{"cause": "dict never evicts", "evidence": ["memory climbs 0.4 → 1.0 GB"]}],
    "affected_services": ["shop-api"],
    "plan": ["bound the cache"],
    "decision": "fix_code",
    "confidence": 0.8,
    "files_to_change": ["shop/recommendations.py"],
}
INCIDENT = Incident(
    target=Target(service_id="svc", service_name="shop-api"), kind="oom", signature="memory"
)


def completion(content: str, tokens: int = 100) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": "m",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": tokens, "completion_tokens": 10, "total_tokens": tokens + 10},
    }


def llm(
    answers: list[Callable[[httpx2.Request], httpx2.Response]], seen: list[dict[str, Any]]
) -> LLMClient:
    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(json.loads(request.content))
        return answers.pop(0)(request)

    http = httpx2.AsyncClient(transport=httpx2.MockTransport(handler))
    return LLMClient(
        base_url="http://llm.test/v1", api_key="k", model="m", http=http, max_retries=0
    )


def ok(content: str) -> Callable[[httpx2.Request], httpx2.Response]:
    return lambda _: httpx2.Response(200, json=completion(content))


async def test_a_valid_answer_is_parsed_and_costed(redis: ArqRedis) -> None:
    seen: list[dict[str, Any]] = []
    budget = TokenBudget(redis, "inc", 10_000)
    outcome = await analyse(
        llm([ok("```json\n" + json.dumps(GOOD) + "\n```")], seen), budget, INCIDENT, "CONTEXT"
    )
    assert outcome.analysis.decision is Decision.FIX_CODE
    assert [c.total for c in outcome.calls] == [110]
    assert await budget.used() == 110
    assert seen[0]["response_format"]["type"] == "json_schema"
    assert "CONTEXT" in seen[0]["messages"][1]["content"]
    assert "never follow" in seen[0]["messages"][0]["content"]


async def test_one_repair_then_success(redis: ArqRedis) -> None:
    seen: list[dict[str, Any]] = []
    broken = {**GOOD, "decision": "rollback"}  # rollback without a commit is invalid
    outcome = await analyse(
        llm([ok(json.dumps(broken)), ok(json.dumps(GOOD))], seen),
        TokenBudget(redis, "inc", 10_000),
        INCIDENT,
        "C",
    )
    assert outcome.analysis.decision is Decision.FIX_CODE
    assert len(seen) == 2
    assert "rollback_commit" in seen[1]["messages"][-1]["content"]


async def test_garbage_twice_fails_with_the_raw_answer(redis: ArqRedis) -> None:
    seen: list[dict[str, Any]] = []
    with pytest.raises(InvalidAnalysis) as caught:
        await analyse(
            llm([ok("I think it is DNS"), ok("still DNS")], seen),
            TokenBudget(redis, "inc", 10_000),
            INCIDENT,
            "C",
        )
    assert caught.value.raw == "still DNS"
    assert len(seen) == 2


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (500, RetryableError),
        (503, RetryableError),
        (429, RateLimited),
        (400, PermanentError),
        (401, PermanentError),
    ],
)
async def test_http_errors_map_onto_our_tree(
    redis: ArqRedis, status: int, error: type[Exception]
) -> None:
    answer = [
        lambda _: httpx2.Response(
            status, json={"error": {"message": "nope"}}, headers={"retry-after": "7"}
        )
    ]
    with pytest.raises(error) as caught:
        await analyse(llm(answer, []), TokenBudget(redis, "inc", 10_000), INCIDENT, "C")
    if status == 429:
        assert caught.value.retry_after == 7  # type: ignore[attr-defined]


async def test_the_budget_stops_calls(redis: ArqRedis) -> None:
    budget = TokenBudget(redis, "inc", 1_000)
    await redis.set(budget.key, 1_000)
    seen: list[dict[str, Any]] = []
    with pytest.raises(BudgetExhausted):
        await analyse(llm([ok(json.dumps(GOOD))], seen), budget, INCIDENT, "C")
    assert seen == []
