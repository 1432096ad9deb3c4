"""``autofix check``: one sweep of every service, printed as a table; exit 1 on a real problem.

Each critical finding is also put through the confirmation rules (read-only: no incident is
opened), so the table says whether the problem is sustained or a spike.
"""

from __future__ import annotations

import asyncio
import time

from cli.redis_setup import resolve_redis
from config.settings import Settings
from pipeline.confirmation.slices import fetch_inputs
from pipeline.deps import Deps
from pipeline.detection.confirm import confirm
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.sweep import Issue
from pipeline.detection.verdict import Verdict
from pipeline.incidents.model import Target
from pipeline.jobs.sweep import run_sweep
from pipeline.sweeping.sweep import ServiceReport


def check(settings: Settings) -> int:
    """Print the table; 0 when every service is healthy, 1 when any has a confirmed problem."""
    rows, problems = asyncio.run(_check(settings))
    print(render(rows))
    print(
        f"\n{problems} service(s) with a confirmed problem"
        if problems
        else "\nall services healthy"
    )
    return 1 if problems else 0


async def _check(settings: Settings) -> tuple[list[tuple[str, str, str, str]], int]:
    settings, embedded = resolve_redis(settings)
    deps = Deps.open(settings)
    try:
        report = await run_sweep(deps)
        rows: list[tuple[str, str, str, str]] = []
        problems = 0
        for service in report.services:
            status, lines = await _judge(deps, service)
            problems += status in ("PROBLEM", "unreadable")
            rows.append((service.service, service.environment, status, " | ".join(lines) or "-"))
        return rows, problems
    finally:
        await deps.aclose()
        if embedded is not None:
            embedded.stop()


async def _judge(deps: Deps, service: ServiceReport) -> tuple[str, list[str]]:
    if service.error:
        return "unreadable", [service.error]
    lines = [issue.text for issue in service.issues]
    confirmed = False
    for issue in service.critical:
        verdict = await _confirm(deps, service, issue)
        confirmed = confirmed or verdict.confirmed
        lines.append(f"{verdict.decision.value}: {verdict.reason}")
    if confirmed:
        return "PROBLEM", lines
    return ("warning" if service.issues else "ok"), lines


async def _confirm(deps: Deps, service: ServiceReport, issue: Issue) -> Verdict:
    policy = DetectionPolicy.from_settings(deps.settings)
    target = Target(environment_id=service.environment_id, service_id=service.service_id)
    inputs = await fetch_inputs(
        deps.require_railway(), target, (), issue.start, policy, int(time.time())
    )
    return confirm(inputs.model_copy(update={"as_of": inputs.window.end}), policy)


def render(rows: list[tuple[str, str, str, str]]) -> str:
    """A plain-text table."""
    table = [("service", "environment", "status", "findings"), *rows]
    widths = [max(len(r[i]) for r in table) for i in range(3)]
    return "\n".join(
        "  ".join([*(r[i].ljust(widths[i]) for i in range(3)), r[3]]).rstrip() for r in table
    )
