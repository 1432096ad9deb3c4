"""The receiver over real HTTP, queueing into a real Redis."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from arq.connections import ArqRedis

from config.settings import Settings
from pipeline.connections import QUEUE_NAME, connect
from receiver.app import create_app
from receiver.local_server import serving
from receiver.signature import sign

FIXTURES = Path(__file__).parents[2] / "fixtures" / "railway_webhooks"
SECRET = "It's a Secret to Everybody"


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with serving(create_app(settings)) as base, httpx.AsyncClient(base_url=base) as http:
        yield http


def railway_body(name: str = "unverified.Deployment.oomKilled.json", **changes: Any) -> bytes:
    payload = json.loads((FIXTURES / name).read_text()) | changes
    return json.dumps(payload).encode()


def github_headers(
    body: bytes, event: str = "issue_comment", delivery: str = "d-1"
) -> dict[str, str]:
    return {
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery,
        "X-GitHub-Hook-ID": "42",
        "X-Hub-Signature-256": sign(SECRET, body),
        "Content-Type": "application/json",
        "User-Agent": "GitHub-Hookshot/044aadd",
    }


def pr_comment(body: str = "/autofix rerun try a smaller cache", login: str = "octocat") -> bytes:
    payload = {
        "action": "created",
        "issue": {"number": 7, "pull_request": {"url": "https://api.github.com/repos/o/r/pulls/7"}},
        "comment": {
            "id": 99,
            "body": body,
            "user": {"login": login, "type": "User"},
            "author_association": "OWNER",
        },
        "repository": {"full_name": "acme/shop-api"},
    }
    return json.dumps(payload).encode()


async def queued(redis: ArqRedis) -> int:
    return int(await redis.zcard(QUEUE_NAME))


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200


async def test_readiness_fails_with_a_reason_when_redis_is_down(
    settings: Settings, tmp_path: Path
) -> None:
    dead = connect(f"unix://{tmp_path}/nobody.sock")
    async with (
        serving(create_app(settings, redis=dead)) as base,
        httpx.AsyncClient(base_url=base) as http,
    ):
        answer = await http.get("/readyz")
        assert answer.status_code == 503
        assert "redis" in answer.json()["reason"]
        webhook = await http.post("/webhooks/railway/railway-test-token", content=railway_body())
        assert webhook.status_code == 503
        assert "queue unavailable" in webhook.json()["reason"]
    await dead.aclose()


async def test_railway_alert_is_queued_once(client: httpx.AsyncClient, redis: ArqRedis) -> None:
    answers = await asyncio.gather(
        *(
            client.post("/webhooks/railway/railway-test-token", content=railway_body())
            for _ in range(3)
        )
    )
    assert [a.status_code for a in answers] == [202, 202, 202]
    statuses = sorted(a.json()["status"] for a in answers)
    assert statuses == ["duplicate", "duplicate", "queued"]
    assert answers[0].json()["action"] == "open"
    assert await queued(redis) == 1


@pytest.mark.parametrize(
    ("path", "body", "status", "reason"),
    [
        ("/webhooks/railway/wrong-token", railway_body(), 401, "unknown webhook token"),
        (
            "/webhooks/railway/railway-test-token",
            (
                FIXTURES
                / "Deployment.failed.docs-observability-webhooks.VERBATIM-invalid-json.json"
            ).read_bytes(),
            400,
            "malformed JSON",
        ),
        ("/webhooks/railway/railway-test-token", b"", 400, "empty body"),
        ("/webhooks/railway/railway-test-token", b"[1, 2]", 400, "expected a JSON object"),
        ("/webhooks/railway/railway-test-token", b"\xff\xfe{", 400, "UTF-8"),
        ("/webhooks/railway/railway-test-token", b'{"type": 5}', 422, "type"),
        ("/webhooks/railway/railway-test-token", b"{" * 100_000, 400, "malformed JSON"),
        ("/webhooks/railway/railway-test-token", b" " * (1024 * 1024 + 1), 413, "limit"),
    ],
)
async def test_railway_refusals(
    client: httpx.AsyncClient, redis: ArqRedis, path: str, body: bytes, status: int, reason: str
) -> None:
    answer = await client.post(path, content=body)
    assert answer.status_code == status
    assert reason in answer.json()["reason"]
    assert await queued(redis) == 0


async def test_railway_ignored_events_are_acknowledged(
    client: httpx.AsyncClient, redis: ArqRedis
) -> None:
    answer = await client.post(
        "/webhooks/railway/railway-test-token", content=railway_body(type="Deployment.building")
    )
    assert answer.status_code == 202
    assert answer.json()["status"] == "ignored"
    assert "building" in answer.json()["reason"]
    assert await queued(redis) == 0


async def test_github_signed_command_is_queued_once(
    client: httpx.AsyncClient, redis: ArqRedis
) -> None:
    body = pr_comment()
    answers = [
        await client.post("/webhooks/github", content=body, headers=github_headers(body))
        for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [202, 202, 202]
    assert [a.json()["status"] for a in answers] == ["queued", "duplicate", "duplicate"]
    assert await queued(redis) == 1


@pytest.mark.parametrize(
    ("mutate", "status", "reason"),
    [
        (lambda h: h.pop("X-Hub-Signature-256"), 401, "X-Hub-Signature-256"),
        (
            lambda h: h.update({"X-Hub-Signature-256": "sha256=" + "0" * 64}),
            401,
            "X-Hub-Signature-256",
        ),
        (lambda h: h.pop("X-GitHub-Event"), 400, "X-GitHub-Event"),
    ],
)
async def test_github_refusals(
    client: httpx.AsyncClient, redis: ArqRedis, mutate: Any, status: int, reason: str
) -> None:
    body = pr_comment()
    headers = github_headers(body)
    mutate(headers)
    answer = await client.post("/webhooks/github", content=body, headers=headers)
    assert answer.status_code == status
    assert reason in answer.json()["reason"]
    assert await queued(redis) == 0


async def test_github_ping_and_ignored(client: httpx.AsyncClient, redis: ArqRedis) -> None:
    ping = json.dumps({"zen": "Keep it logically awesome.", "hook_id": 1}).encode()
    answer = await client.post(
        "/webhooks/github", content=ping, headers=github_headers(ping, "ping")
    )
    assert answer.status_code == 200
    assert answer.json()["status"] == "pong"
    chatter = pr_comment(body="looks good to me")
    answer = await client.post(
        "/webhooks/github", content=chatter, headers=github_headers(chatter, delivery="d-2")
    )
    assert answer.json() == {
        "status": "ignored",
        "event": "issue_comment",
        "reason": "no /autofix command in the comment",
    }
    assert await queued(redis) == 0


async def test_unknown_routes_answer_json(client: httpx.AsyncClient) -> None:
    answer = await client.get("/nope")
    assert answer.status_code == 404
    assert answer.json()["status"] == "rejected"
    assert (await client.get("/webhooks/github")).status_code == 405
