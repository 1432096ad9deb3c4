"""Reading everything the analyst should see, in parallel, from Railway, status pages and the clone.

Dependency chains are kept short: logs of the incident's deployment start at once when the
alert named it, otherwise right after the architecture call; nothing else waits on anything.
Logs are digested as each answer arrives, so that work overlaps the calls still in flight
instead of all of it waiting for the slowest one.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from pipeline.context.http_digest import HttpDigest, digest_http
from pipeline.context.log_digest import LogDigest, digest_logs
from pipeline.context.logs import HttpRequestLog, LogLine
from pipeline.context.providers import infer_providers, load_providers
from pipeline.errors import AutofixError
from pipeline.incidents.model import Incident
from pipeline.railway.client import RailwayClient
from pipeline.railway.models import Deployment, ProjectArchitecture, ServiceInstance
from pipeline.railway.telemetry import HttpLogEntry
from pipeline.railway.telemetry import LogLine as RailwayLogLine
from pipeline.statuspage.client import StatuspageClient
from pipeline.statuspage.models import ProviderStatus

logger = logging.getLogger(__name__)
T = TypeVar("T")

_MANIFESTS = (
    "package.json",
    "requirements.txt",
    "pyproject.toml",
    "go.mod",
    "Gemfile",
    "Gemfile.lock",
)
_LOOKBACK = timedelta(minutes=60)
# Lines read from each other service: their sections are low priority and short.
_OTHER_LINES = 300


class ServiceLogs(BaseModel):
    """One service's logs around the incident, digested; a stream with no lines is ``None``."""

    service: str
    deployment_id: str | None = None
    deploy: LogDigest | None = None
    build: LogDigest | None = None
    http: HttpDigest | None = None


class Collected(BaseModel):
    """The raw material of the context, and what could not be read."""

    architecture: ProjectArchitecture | None = None
    deployments: list[Deployment] = []
    logs: ServiceLogs | None = None
    others: list[ServiceLogs] = []
    manifests: dict[str, str] = {}
    files: list[str] = []
    statuses: list[ProviderStatus] = []
    started: datetime
    problems: list[str] = []


async def collect(
    railway: RailwayClient,
    statuspage: StatuspageClient | None,
    incident: Incident,
    workspace: Path | None,
    now: datetime,
) -> Collected:
    """Everything around ``incident``; a source that fails becomes a listed problem, not a crash."""
    target = incident.target
    started = min((a.at for a in incident.alerts), default=now)
    problems: list[str] = []
    architecture_task = asyncio.ensure_future(
        _soft(railway.project_architecture(target.project_id or ""), problems, "architecture")
    )
    deployments_task = asyncio.ensure_future(
        _soft(
            railway.recent_deployments(
                service_id=target.service_id, environment_id=target.environment_id or "", limit=8
            ),
            problems,
            "deployments",
        )
    )

    async def main_logs() -> ServiceLogs | None:
        deployment_id = target.deployment_id or _latest(
            await architecture_task, target.environment_id, target.service_id
        )
        if deployment_id is None:
            return None
        return await _service_logs(
            railway,
            target.service_name or target.service_id,
            deployment_id,
            started,
            now,
            # The confirmed kind, when there is one: a monitor alert says little about what it was.
            incident.evidence.kind.value
            if incident.evidence and incident.evidence.kind
            else incident.kind,
            problems,
        )

    async def other_logs() -> list[ServiceLogs]:
        architecture = await architecture_task
        # Databases too: a slow-query log is often the clearest evidence a service has.
        others = [
            s
            for s in _app_services(architecture, target.environment_id, include_databases=True)
            if s.service_id != target.service_id
        ]
        return await _other_services_logs(railway, others, started, now, problems)

    manifests, files = _read_repo(workspace)
    statuses_task = asyncio.ensure_future(_statuses(statuspage, manifests))
    logs, others, architecture, deployments, statuses = await asyncio.gather(
        main_logs(), other_logs(), architecture_task, deployments_task, statuses_task
    )
    return Collected(
        architecture=architecture,
        deployments=deployments or [],
        logs=logs,
        others=others,
        manifests=manifests,
        files=files,
        statuses=statuses,
        started=started,
        problems=problems,
    )


async def _service_logs(
    railway: RailwayClient,
    name: str,
    deployment_id: str,
    started: datetime,
    now: datetime,
    kind: str,
    problems: list[str],
) -> ServiceLogs:
    start = started - _LOOKBACK
    deploy, build, http = await asyncio.gather(
        _digested(
            railway.deployment_logs(deployment_id, start=start, end=now, limit=1000),
            "deploy",
            problems,
            "deployment logs",
        ),
        _digested(railway.build_logs(deployment_id, limit=300), "build", problems, "build logs"),
        _digested_http(
            railway.http_logs(
                deployment_id,
                anchor=now,
                before=start,
                before_limit=1000,
                filter=_http_filter(kind),
            ),
            problems,
        ),
    )
    return ServiceLogs(
        service=name, deployment_id=deployment_id, deploy=deploy, build=build, http=http
    )


async def _other_services_logs(
    railway: RailwayClient,
    services: list[ServiceInstance],
    started: datetime,
    now: datetime,
    problems: list[str],
) -> list[ServiceLogs]:
    """Their logs in one batched request; one service at a time if Railway refuses the batch."""
    deployments = [(s.name, s.latest_deployment.id) for s in services if s.latest_deployment]
    if not deployments:
        return []
    start = started - _LOOKBACK
    try:
        found = await railway.deployment_logs_batch(
            [d for _, d in deployments], start=start, end=now, limit=_OTHER_LINES
        )
    except AutofixError as exc:
        logger.warning("context: batched logs of %d services failed: %s", len(deployments), exc)
        each = await asyncio.gather(
            *(
                _soft(
                    railway.deployment_logs(d, start=start, end=now, limit=_OTHER_LINES),
                    problems,
                    f"logs of {name}",
                )
                for name, d in deployments
            )
        )
        found = {d: lines or [] for (_, d), lines in zip(deployments, each, strict=True)}
    logs = (
        ServiceLogs(service=name, deployment_id=d, deploy=_digest(found.get(d), f"deploy.{name}"))
        for name, d in deployments
    )
    return [s for s in logs if s.deploy is not None]


async def _digested(
    call: Awaitable[list[RailwayLogLine]], source: str, problems: list[str], what: str
) -> LogDigest | None:
    return _digest(await _soft(call, problems, what), source)


def _digest(lines: list[RailwayLogLine] | None, source: str) -> LogDigest | None:
    return digest_logs([_line(x) for x in lines], source) if lines else None


async def _digested_http(
    call: Awaitable[list[HttpLogEntry]], problems: list[str]
) -> HttpDigest | None:
    entries = await _soft(call, problems, "HTTP logs")
    return digest_http([_request(x) for x in entries]) if entries else None


async def _statuses(
    statuspage: StatuspageClient | None, manifests: dict[str, str]
) -> list[ProviderStatus]:
    if statuspage is None or not manifests:
        return []
    matches = infer_providers(manifests, load_providers())
    return await statuspage.statuses(m.provider for m in matches)


async def _soft(call: Awaitable[T], problems: list[str], what: str) -> T | None:
    try:
        return await call
    except AutofixError as exc:
        logger.warning("context: %s unavailable: %s", what, exc)
        problems.append(f"{what}: {exc}")
        return None


def _latest(
    architecture: ProjectArchitecture | None, environment_id: str | None, service_id: str
) -> str | None:
    for service in _app_services(architecture, environment_id, include_databases=True):
        if service.service_id == service_id and service.latest_deployment:
            return service.latest_deployment.id
    return None


def _app_services(
    architecture: ProjectArchitecture | None,
    environment_id: str | None,
    *,
    include_databases: bool = False,
) -> list[ServiceInstance]:
    if architecture is None:
        return []
    env = architecture.environment(environment_id or "")
    services = env.services if env else []
    return [s for s in services if include_databases or s.database is None]


def _http_filter(kind: str) -> str:
    # Slow requests explain latency incidents; failed ones explain everything else.
    return "@totalDuration:>=1000" if kind == "latency" else "@httpStatus:>=500"


def _read_repo(workspace: Path | None) -> tuple[dict[str, str], list[str]]:
    if workspace is None or not workspace.is_dir():
        return {}, []
    manifests = {}
    for name in _MANIFESTS:
        for path in [workspace / name, *workspace.glob(f"*/{name}")]:
            if path.is_file() and path.stat().st_size < 200_000:
                manifests[str(path.relative_to(workspace))] = path.read_text(errors="replace")
    return manifests, sorted(_files(workspace))[:400]


def _files(workspace: Path) -> list[str]:
    # Walked by hand so that .git, often most of a clone's files, is never descended into.
    found = []
    for folder, dirs, names in os.walk(workspace):
        dirs[:] = [d for d in dirs if d != ".git"]
        paths = (os.path.join(folder, n) for n in names if n != ".git")
        found += [os.path.relpath(p, workspace) for p in paths if os.path.isfile(p)]
    return found


def _line(entry: RailwayLogLine) -> LogLine:
    return LogLine(
        timestamp=entry.timestamp,
        severity=entry.severity,
        message=entry.message,
    )


def _request(entry: HttpLogEntry) -> HttpRequestLog:
    return HttpRequestLog(
        timestamp=entry.timestamp,
        method=entry.method,
        path=entry.path,
        status=entry.http_status,
        duration_ms=float(entry.total_duration_ms),
        request_id=entry.request_id,
        host=entry.host,
        upstream_errors=entry.upstream_errors or None,
    )


def utc(ts: float) -> datetime:
    """Seconds since the epoch as an aware datetime."""
    return datetime.fromtimestamp(ts, UTC)
