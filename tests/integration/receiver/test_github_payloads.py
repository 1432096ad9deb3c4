"""Every real GitHub payload we have, signed and delivered: the answer each one should get.

The payloads come from octokit/webhooks and other public repositories (see
tests/fixtures/github_payloads/INDEX.md); older captures lack newer fields.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from arq.connections import ArqRedis

from config.settings import Settings
from pipeline.connections import QUEUE_NAME
from receiver.app import create_app
from receiver.local_server import serving
from receiver.signature import sign

FIXTURES = Path(__file__).parents[2] / "fixtures" / "github_payloads"
SECRET = "It's a Secret to Everybody"
PAYLOADS = sorted(p.name for p in FIXTURES.glob("*.json"))


def event_of(name: str) -> str:
    stem = name.split("__")[-1]
    for event in (
        "pull_request_review_comment",
        "issue_comment",
        "pull_request",
        "check_run",
        "check_suite",
    ):
        if stem.startswith(event) or f".{event}." in stem:
            return event
    return stem.split(".")[0].replace("-", "_")


def expected(event: str, payload: dict[str, Any]) -> tuple[int, str]:
    action = payload.get("action")
    if event == "ping":
        return 200, "pong"
    if event == "pull_request" and action == "closed":
        return 202, "queued"
    return 202, "ignored"


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with serving(create_app(settings)) as base, httpx.AsyncClient(base_url=base) as http:
        yield http


async def deliver(
    client: httpx.AsyncClient, event: str, body: bytes, delivery: str
) -> httpx.Response:
    headers = {
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery,
        "X-Hub-Signature-256": sign(SECRET, body),
    }
    return await client.post("/webhooks/github", content=body, headers=headers)


@pytest.mark.parametrize("name", PAYLOADS)
async def test_each_real_payload(name: str, client: httpx.AsyncClient, redis: ArqRedis) -> None:
    body = (FIXTURES / name).read_bytes()
    event = event_of(name)
    status, outcome = expected(event, json.loads(body))
    answer = await deliver(client, event, body, f"d-{name}")
    assert (answer.status_code, answer.json()["status"]) == (status, outcome), answer.text
    assert await redis.zcard(QUEUE_NAME) == (1 if outcome == "queued" else 0)


@pytest.mark.parametrize(
    "name",
    [
        "go-playground__webhooks.issue_comment.pull-request-issue-comment.json",
        "go-playground__webhooks.pull_request_review_comment.pull-request-review-comment.json",
        "pull_request_review_comment.created.payload.json",
    ],
)
async def test_commands_on_pull_requests_are_queued(
    name: str, client: httpx.AsyncClient, redis: ArqRedis
) -> None:
    payload = json.loads((FIXTURES / name).read_text())
    payload["comment"]["body"] = "Thanks!\n/autofix status"
    body = json.dumps(payload).encode()
    answer = await deliver(client, event_of(name), body, f"cmd-{name}")
    assert answer.json()["status"] == "queued", answer.text
    assert await redis.zcard(QUEUE_NAME) == 1


async def test_forged_and_unsigned_deliveries_are_refused(
    client: httpx.AsyncClient, redis: ArqRedis
) -> None:
    body = (FIXTURES / "pull_request.closed.payload.json").read_bytes()
    forged = {
        "X-GitHub-Event": "pull_request",
        "X-GitHub-Delivery": "f",
        "X-Hub-Signature-256": sign("guess", body),
    }
    assert (await client.post("/webhooks/github", content=body, headers=forged)).status_code == 401
    unsigned = {"X-GitHub-Event": "pull_request", "X-GitHub-Delivery": "u"}
    assert (
        await client.post("/webhooks/github", content=body, headers=unsigned)
    ).status_code == 401
    assert await redis.zcard(QUEUE_NAME) == 0
