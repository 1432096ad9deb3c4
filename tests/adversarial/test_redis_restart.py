"""Redis dies in the middle of a run and comes back on its data: the run completes, nothing
accepted is lost.

The embedded Redis (append-only file, fsync always) is SIGKILLed while a real ``autofix
worker`` is inside the agent step, then started again on the same data directory. Deliveries
the receiver accepted (202) just before the kill, while the worker was paused so it could not
have taken them, must all be processed after the restart; a delivery sent while Redis is down
must be refused (503), not accepted and dropped. The worker runs under a supervisor that starts
it again whenever it exits, as Railway does (``restartPolicyType = "ALWAYS"``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from arq.connections import ArqRedis
from arq.jobs import Job, JobStatus

from pipeline import timeline
from pipeline.connections import QUEUE_NAME, connect, deserialize
from pipeline.incidents.states import State
from pipeline.redis_server import EmbeddedRedis
from standins.github.webhooks import Person, deliver, issue_comment_created
from standins.llm.kinds import RequestKind
from standins.stack import Stack, start_stack
from tests.adversarial.harness import (
    incidents,
    only_incident,
    receiver,
    refired,
    sessions,
    stack_settings,
)
from tests.support.flow import eventually
from tests.support.opencode import needs_opencode
from tests.support.processes import autofix, autofix_env

pytestmark = [pytest.mark.slow, needs_opencode]

LEASE_SECONDS = "10"


class Supervisor:
    """Keeps one ``autofix worker`` running: starts it again whenever it exits."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env = env
        self.logs = logs
        self.exits: list[int] = []
        self.pid: int | None = None

    async def run(self) -> None:
        while True:
            log = self.logs / f"worker{len(self.exits)}.log"
            with autofix("worker", env=self.env, log=log) as process:
                self.pid = process.pid
                # A cancelled wait leaves the thread waiting until ``autofix`` kills the process.
                self.exits.append(await asyncio.to_thread(process.wait))


@contextlib.asynccontextmanager
async def supervised(env: dict[str, str], logs: Path) -> AsyncIterator[Supervisor]:
    supervisor = Supervisor(env, logs)
    task = asyncio.create_task(supervisor.run())
    try:
        yield supervisor
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


@pytest.fixture
def stack() -> Iterator[Stack]:
    with ExitStack() as exits:
        yield start_stack("memory_leak", exits)


def kill_redis(pid: int, socket_path: Path) -> None:
    """SIGKILL: no save, no goodbye; only the append-only file keeps what was written."""
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(str(socket_path))
            except OSError:
                return
        time.sleep(0.02)
    raise AssertionError("redis-server still answers after SIGKILL")


async def agent_running(redis: ArqRedis) -> bool:
    found = await incidents(redis)
    if not found:
        return False
    events = await timeline.read(redis, found[0].run_id)
    return any(e.step == "agent" and e.status == "started" for e in events)


def github_delivery(stack: Stack) -> tuple[bytes, dict[str, str]]:
    """A signed command on a pull request autofix did not open (its job ends "ignored")."""
    payload = issue_comment_created(
        stack.github.repo_ref(stack.repo),
        number=4242,
        comment_id=987654,
        body="/autofix status",
        author=Person(login="dana", association="COLLABORATOR"),
    )
    sent = deliver("issue_comment", payload, stack.webhook_secret)
    return sent.body, sent.headers


async def test_redis_killed_mid_run_loses_no_accepted_webhook(stack: Stack, tmp_path: Path) -> None:
    data = tmp_path / "state"
    servers = [EmbeddedRedis(data).start()]
    url = servers[0].url
    redis = connect(url)
    overrides = {**stack.environ(), "AUTOFIX_JOB_LEASE_SECONDS": LEASE_SECONDS}
    settings = stack_settings(stack, url, tmp_path, **overrides)
    env = autofix_env(REDIS_URL=url, AUTOFIX_DATA_DIR=str(tmp_path), **overrides)
    alert = stack.alert_payload()
    railway = f"/webhooks/railway/{stack.webhook_token}"

    async def send_railway(http: httpx.AsyncClient, payload: dict[str, Any]) -> httpx.Response:
        return await http.post(railway, content=json.dumps(payload))

    try:
        async with receiver(settings) as http, supervised(env, tmp_path) as workers:
            assert (await send_railway(http, alert)).status_code == 202
            await eventually(lambda: agent_running(redis), within=90, what="the agent step")

            # The worker cannot take anything now; what the receiver accepts stays queued.
            assert workers.pid is not None
            paused = workers.pid
            os.kill(paused, signal.SIGSTOP)
            accepted = [
                await send_railway(http, refired(alert, 60)),
                await send_railway(http, refired(alert, 120)),
            ]
            body, headers = github_delivery(stack)
            accepted.append(await http.post("/webhooks/github", content=body, headers=headers))
            assert [a.status_code for a in accepted] == [202] * 3, [a.text for a in accepted]
            assert [a.json()["status"] for a in accepted] == ["queued"] * 3
            jobs = [a.json()["job_id"] for a in accepted]

            pid = int((await redis.info("server"))["process_id"])
            kill_redis(pid, servers[0].socket)
            refused = await send_railway(http, refired(alert, 180))
            assert refused.status_code == 503, refused.text

            # The worker wakes up to a dead Redis in the middle of its agent step.
            os.kill(paused, signal.SIGCONT)
            await asyncio.sleep(1.0)
            servers.append(EmbeddedRedis(data).start())

            async def done() -> bool:
                found = await incidents(redis)
                return bool(found) and found[0].state is State.PR_OPEN

            await eventually(done, within=120, what="the PR after the restart")

            async def all_processed() -> bool:
                statuses = [await Job(j, redis, _deserializer=deserialize).status() for j in jobs]
                return all(s is JobStatus.complete for s in statuses)

            await eventually(all_processed, within=30, what="the accepted deliveries")
            await asyncio.sleep(1)  # anything wrongly done twice would be under way by now
            restarts = len(workers.exits)

        incident = await only_incident(redis)
        assert len(incident.alerts) == 3, "the two re-fired alerts accepted before the kill"
        assert not await redis.zcard(QUEUE_NAME), "something is still queued"
        assert len(stack.github.control.pulls(stack.repo)) == 1
        assert len(stack.llm.standin.requests_of(RequestKind.ANALYST)) == 1
        assert sessions(stack) == 1, "the agent session ran again after the restart"
        events = await timeline.read(redis, incident.run_id)
        succeeded = [e.step for e in events if e.status == "succeeded"]
        assert len(succeeded) == len(set(succeeded)), succeeded
        # arq's poll loop dies on the outage (the job in hand is finished first); once Redis is
        # back, the restarted worker stays up: no crash loop.
        assert restarts <= 1, workers.exits
    finally:
        await redis.aclose()
        for server in servers:
            server.stop()
