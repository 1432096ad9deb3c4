"""Hostile GitHub deliveries: forged signatures, replays, and commands from people without write.

The PR is seeded the way a finished run leaves it (an incident in ``pr_open`` pointing at a
draft PR on the GitHub stand-in), so no agent session is needed; a maintainer's command on the
same PR is the control that shows the seeded PR does take commands.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from arq.connections import ArqRedis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.settings import Settings
from pipeline import keys
from pipeline.connections import QUEUE_NAME
from pipeline.github.factory import github_client
from pipeline.incidents.model import Alert, Incident, PullRequestRef, Target, utcnow
from pipeline.incidents.states import State
from pipeline.incidents.store import IncidentStore
from receiver.signature import sign
from standins.github.webhooks import Person, WebhookDelivery, deliver, issue_comment_created
from standins.stack import MAINTAINER, OUTSIDER, Stack, start_stack
from tests.adversarial.harness import drain_within, only_incident, receiver, stack_settings
from tests.support.flow import post

REFUSAL = "only takes commands from people with write access"


@dataclass(frozen=True)
class SeededPR:
    """An incident whose draft PR is open, as a finished run leaves it."""

    incident: Incident
    number: int


@pytest.fixture
def stack() -> Iterator[Stack]:
    with ExitStack() as exits:
        yield start_stack("memory_leak", exits)


@pytest.fixture
def settings_(stack: Stack, redis_url: str, redis: ArqRedis, tmp_path: Path) -> Settings:
    return stack_settings(stack, redis_url, tmp_path)


@pytest.fixture
async def http(settings_: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with receiver(settings_) as client:
        yield client


@pytest.fixture
async def seeded(stack: Stack, settings_: Settings, redis: ArqRedis) -> SeededPR:
    store = IncidentStore(redis, cooldown_seconds=0)
    scenario = stack.world.scenario
    candidate = Incident(
        target=Target(
            project_id=scenario.project.id,
            environment_id=scenario.environment.id,
            service_id=scenario.expected.service_id,
            service_name="shop-api",
        ),
        kind="oom",
        signature="memory",
    )
    alert = Alert(source="manual", kind="test", key="seeded", at=utcnow())
    intake = await store.open_or_attach(candidate, alert)
    assert intake.incident is not None
    incident = intake.incident
    branch = f"autofix/{incident.id}"
    stack.github.control.push_files(stack.repo, branch, {"NOTE.md": "a fix\n"}, base="main")
    pr = await github_client(settings_).ensure_draft_pr(
        stack.repo, head_branch=branch, base="main", title="autofix: a fix", body="seeded"
    )
    await redis.set(keys.pull_request(stack.repo, pr.number), incident.id)
    ref = PullRequestRef(repo=stack.repo, number=pr.number, url=pr.html_url, branch=branch)
    for state in (State.CONFIRMING, State.CONFIRMED, State.INVESTIGATING, State.FIXING):
        await store.transition(incident.id, state, reason="seeded")
    opened = await store.transition(incident.id, State.PR_OPEN, reason="seeded", pull_request=ref)
    return SeededPR(opened, pr.number)


def command(stack: Stack, number: int, body: str, author: Person) -> WebhookDelivery:
    """``author`` comments ``body`` on PR ``number``; the signed delivery GitHub sends for it."""
    record = stack.github.control.post_comment(stack.repo, number, author.login, body)
    payload = issue_comment_created(
        stack.github.repo_ref(stack.repo),
        number=number,
        comment_id=record.id,
        body=body,
        author=author,
    )
    return deliver("issue_comment", payload, stack.webhook_secret)


def comment_id_of(sent: WebhookDelivery) -> int:
    comment_id: int = json.loads(sent.body)["comment"]["id"]
    return comment_id


def reactions_to(stack: Stack, comment_id: int) -> list[str]:
    return sorted(
        r.content for r in stack.github.control.reactions(stack.repo) if r.comment_id == comment_id
    )


def reaction_requests(stack: Stack, comment_id: int) -> int:
    """POSTs of reactions to the comment: each execution of a command makes two."""
    path = f"/issues/comments/{comment_id}/reactions"
    return sum(
        1 for e in stack.github.control.exchanges() if e.method == "POST" and e.path.endswith(path)
    )


async def queued(redis: ArqRedis) -> int:
    return int(await redis.zcard(QUEUE_NAME))


# Forged signatures


def forgeries(sent: WebhookDelivery, secret: str) -> list[tuple[str, bytes, str | None]]:
    body = sent.body
    tampered = body.replace(b"/autofix status", b"/autofix rerun!")
    assert tampered != body
    return [
        ("missing", body, None),
        ("empty", body, ""),
        ("wrong secret", body, sign("not-" + secret, body)),
        ("another body's", body, sign(secret, b"{}")),
        ("body changed after signing", tampered, sign(secret, body)),
        ("sha1 scheme", body, "sha1=" + sign(secret, body).removeprefix("sha256=")[:40]),
        ("bare hex", body, sign(secret, body).removeprefix("sha256=")),
        ("truncated", body, sign(secret, body)[:-2]),
    ]


async def test_forged_signatures_are_refused_and_queue_nothing(
    stack: Stack, http: httpx.AsyncClient, redis: ArqRedis, seeded: SeededPR
) -> None:
    sent = command(stack, seeded.number, "/autofix status", Person(login=MAINTAINER))
    for name, body, signature in forgeries(sent, stack.webhook_secret):
        headers = {k: v for k, v in sent.headers.items() if k != "X-Hub-Signature-256"}
        if signature is not None:
            headers["X-Hub-Signature-256"] = signature
        answer = await http.post("/webhooks/github", content=body, headers=headers)
        assert answer.status_code == 401, (name, answer.text)
        assert "X-Hub-Signature-256" in answer.json()["reason"], name
    assert await queued(redis) == 0


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(body=st.binary(max_size=200), secret=st.text(min_size=1, max_size=30))
async def test_any_other_secret_is_refused(
    stack: Stack, http: httpx.AsyncClient, redis: ArqRedis, body: bytes, secret: str
) -> None:
    if secret == stack.webhook_secret:
        return
    headers = {
        "X-GitHub-Event": "issue_comment",
        "X-GitHub-Delivery": "d-1",
        "X-Hub-Signature-256": sign(secret, body),
    }
    answer = await http.post("/webhooks/github", content=body, headers=headers)
    assert answer.status_code == 401
    assert await queued(redis) == 0


# Replays


async def test_a_replayed_delivery_is_a_duplicate_and_acts_once(
    stack: Stack,
    settings_: Settings,
    http: httpx.AsyncClient,
    redis: ArqRedis,
    seeded: SeededPR,
) -> None:
    sent = command(stack, seeded.number, "/autofix status", Person(login=MAINTAINER))
    assert (await post(http, sent)).json()["status"] == "queued"
    await drain_within(settings_, 30)
    comment_id = comment_id_of(sent)
    assert reactions_to(stack, comment_id) == ["eyes", "rocket"], "the control command did not act"

    # The same delivery again, later and concurrently: nothing new is queued or done.
    replays = await asyncio.gather(*(post(http, sent) for _ in range(3)))
    assert [r.json()["status"] for r in replays] == ["duplicate"] * 3
    assert await queued(redis) == 0
    await drain_within(settings_, 30)
    assert reaction_requests(stack, comment_id) == 2


@pytest.mark.parametrize(
    "changed",
    [
        {"X-GitHub-Delivery": "11111111-2222-3333-4444-555555555555"},
        {"X-GitHub-Hook-ID": "999"},
        {"X-GitHub-Delivery": "replayed", "X-GitHub-Hook-ID": "2"},
    ],
    ids=["new-delivery-id", "other-hook-id", "both"],
)
async def test_a_replay_with_rewritten_unsigned_headers_is_still_a_duplicate(
    stack: Stack,
    settings_: Settings,
    http: httpx.AsyncClient,
    redis: ArqRedis,
    seeded: SeededPR,
    changed: dict[str, str],
) -> None:
    """Only the body is signed: whoever captured a delivery can rewrite its headers."""
    sent = command(stack, seeded.number, "/autofix status", Person(login=MAINTAINER))
    assert (await post(http, sent)).json()["status"] == "queued"
    await drain_within(settings_, 30)

    replay = await http.post(
        "/webhooks/github", content=sent.body, headers={**sent.headers, **changed}
    )
    assert replay.status_code == 202
    assert replay.json()["status"] == "duplicate"
    await drain_within(settings_, 30)
    assert reaction_requests(stack, comment_id_of(sent)) == 2


# People without write access


@pytest.mark.parametrize(
    "association",
    ["CONTRIBUTOR", "COLLABORATOR", "NONE"],
    ids=["contributor", "read-only-collaborator", "first-timer"],
)
async def test_an_unauthorised_command_gets_one_reply_and_no_action(
    stack: Stack,
    settings_: Settings,
    http: httpx.AsyncClient,
    redis: ArqRedis,
    seeded: SeededPR,
    association: str,
) -> None:
    outsider = Person(login=OUTSIDER, association=association)
    sent = command(stack, seeded.number, "/autofix rerun do something else", outsider)
    answers = await asyncio.gather(*(post(http, sent) for _ in range(3)))
    assert sorted(a.json()["status"] for a in answers) == ["duplicate", "duplicate", "queued"]
    await drain_within(settings_, 30)

    replies = [
        c for c in stack.github.control.comments(stack.repo, seeded.number) if REFUSAL in c.body
    ]
    assert len(replies) == 1
    assert f"@{OUTSIDER}" in replies[0].body
    assert reactions_to(stack, comment_id_of(sent)) == []
    incident = await only_incident(redis)
    assert incident.state is State.PR_OPEN
    assert incident.attempt == 1
    assert len(incident.history) == len(seeded.incident.history)
    assert await queued(redis) == 0, "a job was queued for an outsider's command"
    assert stack.llm.standin.requests == []
