"""Every Railway scenario from alert to the ending it calls for, as ``autofix demo`` plays it.

The stand-ins are the demo's (``standins.stack``); the receiver, the worker and, where a fix
is written, the real OpenCode agent are the production code. memory_leak has its own test
(test_memory_leak_pr.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from arq.connections import ArqRedis

from config.settings import Settings
from pipeline import keys
from pipeline.analysis.analyse import AnalysisOutcome
from pipeline.deps import Deps
from pipeline.durable import JobInfo
from pipeline.incidents.model import Incident
from pipeline.incidents.states import State
from pipeline.incidents.store import IncidentStore
from pipeline.jobs.sweep import sweep_services
from receiver.app import create_app
from receiver.local_server import serving
from standins.github.records import PullRecord
from standins.llm.kinds import RequestKind
from standins.llm.recorder import RecordedRequest
from standins.stack import Stack, start_stack
from tests.conftest import make_settings
from tests.support.flow import send_alert
from tests.support.opencode import needs_opencode
from tests.support.worker import drain

pytestmark = pytest.mark.slow


@pytest.fixture
def exits() -> Iterator[ExitStack]:
    with ExitStack() as stack:
        yield stack


async def play(stack: Stack, redis_url: str, redis: ArqRedis, tmp_path: Path) -> Incident:
    """Send the scenario's alert (then sweep, if it opened nothing) and run every job."""
    settings = make_settings(
        redis_url, tmp_path, **stack.environ(), AUTOFIX_AGENT_DEADLINE_SECONDS="180"
    )
    async with serving(create_app(settings)) as base, httpx.AsyncClient(base_url=base) as http:
        answer = await send_alert(http, stack)
    assert answer.status_code == 202, answer.text
    if answer.json().get("action") != "open":
        counts = await sweep(settings)
        assert counts["opened"] == 1, counts
    await drain(settings)
    [incident] = await IncidentStore(redis, cooldown_seconds=0).list()
    for secret in stack.world.scenario.planted_secrets:
        assert not any(r.contains(secret) for r in stack.llm.standin.requests), (
            "a planted secret reached the LLM"
        )
    return incident


async def sweep(settings: Settings) -> dict[str, int]:
    """One pass of the periodic sweep, as the worker's cron runs it."""
    deps = Deps.open(settings)
    try:
        return await sweep_services(deps, JobInfo(job_id="sweep", job_try=1, enqueued_at=None))
    finally:
        await deps.aclose()


def requests(stack: Stack, kind: RequestKind) -> list[RecordedRequest]:
    return [r for r in stack.llm.standin.requests if r.kind is kind]


def tool_results(stack: Stack) -> list[str]:
    """What the agent's tools answered, as the last agent request carries them."""
    agent = requests(stack, RequestKind.AGENT)
    assert agent, "the agent never called the LLM"
    return [m.text for m in agent[-1].request.messages if m.role == "tool"]


def draft_pr(stack: Stack, incident: Incident) -> PullRecord:
    assert incident.state == State.PR_OPEN, (incident.state, incident.error)
    [pr] = stack.github.control.pulls(stack.repo)
    assert pr.draft
    assert pr.head_ref == f"autofix/{incident.id}"
    assert f"<!-- autofix:incident={incident.id} -->" in (pr.body or "")
    assert incident.decision == stack.ending.decision
    return pr


def on_branch(stack: Stack, pr: PullRecord, path: str) -> str:
    content = stack.github.control.read_file(stack.repo, pr.head_ref, path)
    assert content is not None, f"{path} is not on {pr.head_ref}"
    return content.decode()


async def test_healthy_cpu_spikes_are_dismissed_without_the_llm(
    exits: ExitStack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    stack = start_stack("healthy_cpu_spikes", exits)
    incident = await play(stack, redis_url, redis, tmp_path)

    assert incident.state == State.DISMISSED, (incident.state, incident.error)
    assert State.CONFIRMED not in [t.to_state for t in incident.history]
    assert requests(stack, RequestKind.ANALYST) == []
    assert stack.llm.standin.requests == []
    assert stack.github.control.pulls(stack.repo) == []
    assert stack.github.control.issues(stack.repo) == []


@needs_opencode
async def test_crash_loop_defaults_the_missing_variable(
    exits: ExitStack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    stack = start_stack("crash_loop", exits)
    assert stack.repo == "acme/shop-worker"
    incident = await play(stack, redis_url, redis, tmp_path)

    pr = draft_pr(stack, incident)
    fixed = on_branch(stack, pr, "worker/__main__.py")
    assert "os.environ.get('WORKER_QUEUES').split(',')" not in fixed
    assert "else list(JOBS)" in fixed
    assert "WORKER_QUEUES" in (pr.body or "")
    assert len(requests(stack, RequestKind.ANALYST)) == 1
    assert "default queues: emails,webhooks" in tool_results(stack)[-1]


@needs_opencode
async def test_slow_queries_get_an_index_migration(
    exits: ExitStack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    stack = start_stack("slow_queries", exits)
    incident = await play(stack, redis_url, redis, tmp_path)

    pr = draft_pr(stack, incident)
    migration = on_branch(stack, pr, "migrations/0004_products_tags_gin.sql")
    assert "ON products USING gin (tags)" in migration
    assert on_branch(stack, pr, "shop/products.py") == stack.script.repo["shop/products.py"]
    assert "p95" in (pr.body or "")
    assert "0004_products_tags_gin.sql" in tool_results(stack)[-1]


async def test_error_spike_after_deploy_reverts_the_deploys_commit(
    exits: ExitStack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    stack = start_stack("error_spike_after_deploy", exits)
    suspect = stack.commits["suspect_commit"]
    # Railway's deploy (and its webhook) name the commit the stand-in repository really has.
    assert stack.alert_payload()["details"]["commitHash"] == suspect
    incident = await play(stack, redis_url, redis, tmp_path)

    pr = draft_pr(stack, incident)
    assert pr.title.startswith("revert(shop-api):")
    outcome = AnalysisOutcome.model_validate_json(
        await redis.get(keys.step(incident.run_id, "analysis"))
    )
    assert outcome.analysis.rollback_commit == suspect
    [analyst] = requests(stack, RequestKind.ANALYST)
    assert analyst.contains(suspect[:12]), "the analyst did not see the deploy's real commit"
    git = stack.github.world.git
    main = stack.github.control.branch_sha(stack.repo, "main")
    assert git.resolve(stack.repo, f"{pr.head_sha}~1") == main, "not one commit on main"
    for path in ("shop/api/orders.py", "shop/schemas.py"):
        before = stack.github.control.read_file(stack.repo, f"{suspect}~1", path)
        assert before is not None
        assert on_branch(stack, pr, path) == before.decode(), f"{path} is not reverted"
    assert requests(stack, RequestKind.AGENT) == [], "a rollback needs no agent session"


async def test_upstream_outage_is_reported_not_fixed(
    exits: ExitStack, redis_url: str, redis: ArqRedis, tmp_path: Path
) -> None:
    stack = start_stack("upstream_outage", exits)
    incident = await play(stack, redis_url, redis, tmp_path)

    assert incident.state == State.REPORTED, (incident.state, incident.error)
    assert incident.decision == "wait_upstream"
    [analyst] = requests(stack, RequestKind.ANALYST)
    assert analyst.contains("Stripe: major incident"), "the status page is not in the context"
    [issue] = stack.github.control.issues(stack.repo)
    assert incident.issue_url is not None
    assert incident.issue_url.endswith(f"/issues/{issue.number}")
    body = issue.body or ""
    assert f"<!-- autofix:incident={incident.id} -->" in body
    assert "**Upstream:** Stripe" in body
    assert "POST /api/payments/charge" in body
    assert stack.github.control.pulls(stack.repo) == []
    assert requests(stack, RequestKind.AGENT) == []
