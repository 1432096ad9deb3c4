"""The run-history pages over HTTP: token, listing, details, and the retry form."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from arq.connections import ArqRedis

from config.settings import Settings
from pipeline.connections import QUEUE_NAME
from pipeline.incidents.model import Alert, Incident, Target
from pipeline.incidents.states import State
from pipeline.incidents.store import IncidentStore
from pipeline.steps import Steps
from receiver.app import create_app
from receiver.local_server import serving
from tests.conftest import make_settings

TOKEN = "dash-token"


@pytest.fixture
async def failed_incident(redis: ArqRedis) -> Incident:
    store = IncidentStore(redis, cooldown_seconds=0)
    made = await store.open_or_attach(
        Incident(
            target=Target(service_id="svc-1", service_name="shop-api"),
            kind="oom",
            signature="memory",
        ),
        Alert(source="railway", kind="deployment.oom_killed", key="k", at=datetime.now(UTC)),
    )
    assert made.incident is not None
    steps = Steps(redis, made.incident.run_id, attempt=1, ttl_seconds=60)

    async def ok() -> int:
        return 1

    async def boom() -> int:
        raise RuntimeError("railway said 502")

    await steps.run("confirm", ok, int)
    with pytest.raises(RuntimeError):
        await steps.run("gather_context", boom, int)
    await store.transition(made.incident.id, State.FAILED, reason="boom", error="railway said 502")
    return await store.get(made.incident.id)


@pytest.fixture
async def pages(
    redis_url: str, tmp_path: Path, redis: ArqRedis
) -> AsyncIterator[httpx.AsyncClient]:
    settings: Settings = make_settings(redis_url, tmp_path, AUTOFIX_DASHBOARD_TOKEN=TOKEN)
    async with (
        serving(create_app(settings)) as base,
        httpx.AsyncClient(base_url=base, auth=("me", TOKEN)) as http,
    ):
        yield http


async def test_pages_are_off_without_a_token(settings: Settings) -> None:
    async with serving(create_app(settings)) as base, httpx.AsyncClient(base_url=base) as http:
        assert (await http.get("/runs")).status_code == 404


async def test_pages_need_the_token(pages: httpx.AsyncClient) -> None:
    answer = await pages.get("/runs", auth=("me", "wrong"))
    assert answer.status_code == 401
    assert "Basic" in answer.headers["www-authenticate"]
    assert (
        await pages.get("/runs", auth=None, headers={"Authorization": f"Bearer {TOKEN}"})
    ).status_code == 200


async def test_list_and_detail_show_the_failure(
    pages: httpx.AsyncClient, failed_incident: Incident
) -> None:
    listing = await pages.get("/runs", params={"state": "failed"})
    assert failed_incident.id in listing.text
    assert "shop-api" in listing.text
    assert failed_incident.id not in (await pages.get("/runs", params={"state": "resolved"})).text

    detail = await pages.get(f"/runs/{failed_incident.id}")
    assert detail.status_code == 200
    assert "railway said 502" in detail.text
    assert "gather_context" in detail.text
    assert "confirm" in detail.text
    assert 'id="retry"' in detail.text


async def test_retry_needs_the_form_token_and_queues_once(
    pages: httpx.AsyncClient, failed_incident: Incident, redis: ArqRedis
) -> None:
    url = f"/runs/{failed_incident.id}/retry"
    forged = await pages.post(url, data={"csrf": "0" * 64})
    assert forged.status_code == 403
    assert await redis.zcard(QUEUE_NAME) == 0

    page = (await pages.get(f"/runs/{failed_incident.id}")).text
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert match is not None
    first = await pages.post(url, data={"csrf": match.group(1)})
    assert first.status_code == 303
    second = await pages.post(url, data={"csrf": match.group(1)})
    assert second.status_code == 303
    assert await redis.zcard(QUEUE_NAME) == 1
