"""Driving whole runs in end-to-end tests: alerts and comments in, a live worker, PR events."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx

from config.settings import Settings
from pipeline.worker import create_worker
from standins.github.webhooks import (
    Person,
    WebhookDelivery,
    deliver,
    issue_comment_created,
    pull_request_closed,
)
from standins.stack import MAINTAINER, Stack


@asynccontextmanager
async def live_worker(settings: Settings) -> AsyncIterator[None]:
    """A worker running in the background of the test, as in production (not burst)."""
    worker = create_worker(settings, poll_delay=0.05)
    task = asyncio.create_task(worker.async_run())
    try:
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await worker.close()


async def eventually(
    check: Callable[[], Awaitable[bool]], within: float = 60.0, what: str = ""
) -> None:
    """Wait until ``check()`` holds."""
    deadline = asyncio.get_running_loop().time() + within
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what or check}")
        await asyncio.sleep(0.1)


async def send_alert(http: httpx.AsyncClient, stack: Stack) -> httpx.Response:
    """Railway's alert for the scenario, to the receiver."""
    return await http.post(
        f"/webhooks/railway/{stack.webhook_token}", content=json.dumps(stack.alert_payload())
    )


def comment_delivery(
    stack: Stack, number: int, body: str, login: str = MAINTAINER
) -> WebhookDelivery:
    """``login`` comments on PR ``number`` (on the stand-in); the signed delivery GitHub sends."""
    record = stack.github.control.post_comment(stack.repo, number, login, body)
    association = "COLLABORATOR" if login == MAINTAINER else "CONTRIBUTOR"
    payload = issue_comment_created(
        stack.github.repo_ref(stack.repo),
        number=number,
        comment_id=record.id,
        body=body,
        author=Person(login=login, association=association),
    )
    return deliver("issue_comment", payload, stack.webhook_secret)


async def post(http: httpx.AsyncClient, sent: WebhookDelivery) -> httpx.Response:
    """Deliver a GitHub webhook to the receiver."""
    return await http.post("/webhooks/github", content=sent.body, headers=sent.headers)


async def comment(
    http: httpx.AsyncClient, stack: Stack, number: int, body: str, login: str = MAINTAINER
) -> httpx.Response:
    """``login`` comments on PR ``number`` and GitHub delivers the webhook."""
    return await post(http, comment_delivery(stack, number, body, login))


async def close_pr(
    http: httpx.AsyncClient, stack: Stack, number: int, *, merge: bool
) -> str | None:
    """Merge (or close) PR ``number`` on the stand-in and deliver ``pull_request.closed``."""
    control = stack.github.control
    record = (
        control.merge_pull(stack.repo, number, MAINTAINER)
        if merge
        else control.close_pull(stack.repo, number)
    )
    payload = pull_request_closed(
        stack.github.repo_ref(stack.repo),
        number=number,
        head_ref=record.head_ref,
        base_ref=record.base_ref,
        closed_by=Person(login=MAINTAINER),
        merge_commit_sha=record.merge_commit_sha,
    )
    sent = deliver("pull_request", payload, stack.webhook_secret)
    answer = await http.post("/webhooks/github", content=sent.body, headers=sent.headers)
    assert answer.status_code == 202, answer.text
    return record.merge_commit_sha
