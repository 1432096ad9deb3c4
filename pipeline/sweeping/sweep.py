"""A sweep over every service of the watched environments: what crosses a threshold right now."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from pydantic import BaseModel

from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.sweep import Issue, Severity, sweep
from pipeline.errors import AutofixError, ConfigurationError
from pipeline.railway.client import RailwayClient
from pipeline.railway.models import Environment, ServiceInstance
from pipeline.sweeping.snapshot import read_snapshot

logger = logging.getLogger(__name__)


class ServiceReport(BaseModel):
    """One service's result: its issues, or why it could not be read."""

    environment_id: str
    environment: str
    service_id: str
    service: str
    issues: list[Issue] = []
    error: str | None = None

    @property
    def critical(self) -> list[Issue]:
        """Issues worth confirming."""
        return [i for i in self.issues if i.severity is Severity.CRITICAL]


class SweepReport(BaseModel):
    """Every service swept, and the window they were judged over."""

    start: int
    end: int
    services: list[ServiceReport]

    @property
    def healthy(self) -> bool:
        """No critical issue and no unreadable service."""
        return all(not s.critical and s.error is None for s in self.services)


async def sweep_project(
    railway: RailwayClient,
    *,
    project_id: str,
    environment_ids: Sequence[str],
    policy: DetectionPolicy,
    start: int,
    end: int,
    concurrency: int,
) -> SweepReport:
    """Read every service in parallel (at most ``concurrency`` at once) and check thresholds."""
    architecture = await railway.project_architecture(project_id)
    environments = _watched(architecture.environments, environment_ids)
    gate = asyncio.Semaphore(concurrency)

    async def one(env: Environment, service: ServiceInstance) -> ServiceReport:
        report = ServiceReport(
            environment_id=env.id,
            environment=env.name,
            service_id=service.service_id,
            service=service.name,
        )
        async with gate:
            try:
                limits = (await limits_by_env[env.id]).for_service(service.service_id)
                snap = await read_snapshot(
                    railway,
                    environment_id=env.id,
                    service_id=service.service_id,
                    limits=limits,
                    start=start,
                    end=end,
                )
            except AutofixError as exc:
                logger.warning("sweep could not read %s: %s", service.name, exc)
                return report.model_copy(update={"error": str(exc)})
        return report.model_copy(update={"issues": sweep(snap, policy)})

    limits_by_env = {
        env.id: asyncio.ensure_future(railway.resource_limits(project_id, env.id))
        for env in environments
    }
    reports = await asyncio.gather(*(one(env, svc) for env in environments for svc in env.services))
    return SweepReport(start=start, end=end, services=list(reports))


def _watched(environments: Sequence[Environment], wanted: Sequence[str]) -> list[Environment]:
    if wanted:
        chosen = [e for e in environments if e.id in wanted]
        if not chosen:
            raise ConfigurationError(
                f"RAILWAY_ENVIRONMENT_ID {', '.join(wanted)} is not in the project"
            )
        return chosen
    return [e for e in environments if not e.is_ephemeral]
