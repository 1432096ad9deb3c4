"""``RailwayClient``: typed reads of Railway's GraphQL API for confirming and explaining alerts."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta

import httpx

from config.railway import RailwaySettings
from pipeline.railway.architecture import fetch_architecture
from pipeline.railway.auth import RailwayCredentials
from pipeline.railway.log_filters import SERVER_ERRORS
from pipeline.railway.models import Deployment, DeploymentStatus, ProjectArchitecture
from pipeline.railway.queries import deployment_logs_batch
from pipeline.railway.rate_limit import RateLimitStatus
from pipeline.railway.responses import (
    BuildLogsData,
    DeploymentData,
    DeploymentLogsBatchData,
    DeploymentLogsData,
    HttpDurationMetricsData,
    HttpLogsData,
    HttpMetricsByStatusData,
    MetricsData,
    RecentDeploymentsData,
)
from pipeline.railway.retry import RetryPolicy, Sleep
from pipeline.railway.telemetry import (
    EnvironmentLimits,
    HttpLatency,
    HttpLogEntry,
    HttpStatusCounts,
    LogLine,
    Measurement,
    ResourceLimits,
    ServiceMetrics,
)
from pipeline.railway.transport import GraphQLTransport
from pipeline.railway.variables import (
    deployment_list_input,
    iso,
    iso_or_none,
    log_variables,
    log_window_variables,
)

RESOURCE_MEASUREMENTS: tuple[Measurement, ...] = (
    Measurement.CPU_USAGE,
    Measurement.MEMORY_USAGE_GB,
    Measurement.CPU_LIMIT,
    Measurement.MEMORY_LIMIT_GB,
    Measurement.NETWORK_RX_GB,
    Measurement.NETWORK_TX_GB,
)
"""What ``service_metrics`` asks for unless told otherwise."""

# Limits change only on a redeploy or a plan change, so a short recent window is enough.
_LIMITS_LOOKBACK = timedelta(minutes=10)
# Deployments whose logs one ``DeploymentLogsBatch`` request asks for: a project's services in
# one request, without one query growing without bound.
LOG_BATCH = 10
_LIMITS_SAMPLE_RATE = 60


class RailwayClient:
    """Reads projects, metrics, logs and deployments from Railway; returns pydantic models."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        url: str,
        credentials: RailwayCredentials,
        retry: RetryPolicy | None = None,
        timeout: float | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._transport = GraphQLTransport(
            http,
            url=url,
            credentials=credentials,
            retry=retry or RetryPolicy(),
            timeout=timeout,
            clock=clock,
        )
        self._clock = clock

    @classmethod
    def from_settings(
        cls, http: httpx.AsyncClient, settings: RailwaySettings, *, sleep: Sleep = asyncio.sleep
    ) -> RailwayClient:
        """A client for the configured URL, token, timeout and retry budget."""
        return cls(
            http,
            url=settings.railway_api_url,
            credentials=RailwayCredentials.from_settings(settings),
            retry=RetryPolicy.from_settings(settings, sleep),
            timeout=settings.railway_timeout_seconds,
        )

    @property
    def rate_limit(self) -> RateLimitStatus | None:
        """The quota Railway reported on the last response, if any."""
        return self._transport.rate_limit

    async def project_architecture(self, project_id: str) -> ProjectArchitecture:
        """Environments, service instances (source, commands, latest deployment) and volumes."""
        return await fetch_architecture(self._transport.fetch, project_id)

    async def resource_limits(
        self, project_id: str, environment_id: str, *, at: datetime | None = None
    ) -> EnvironmentLimits:
        """CPU and memory limits of every service of the environment, in one request."""
        end = at or datetime.fromtimestamp(self._clock(), UTC)
        data = await self._transport.fetch(
            "ResourceLimits",
            {
                "projectId": project_id,
                "environmentId": environment_id,
                "startDate": iso(end - _LIMITS_LOOKBACK),
                "endDate": iso(end),
                "sampleRateSeconds": _LIMITS_SAMPLE_RATE,
            },
            MetricsData,
        )
        cpu = data.latest_by_service(Measurement.CPU_LIMIT)
        memory = data.latest_by_service(Measurement.MEMORY_LIMIT_GB)
        return EnvironmentLimits(
            environment_id=environment_id,
            services={
                sid: ResourceLimits(cpu_vcpu=cpu.get(sid), memory_gb=memory.get(sid))
                for sid in cpu.keys() | memory.keys()
            },
        )

    async def service_metrics(
        self,
        *,
        environment_id: str,
        service_id: str,
        start: datetime,
        end: datetime,
        measurements: Sequence[Measurement] = RESOURCE_MEASUREMENTS,
        sample_rate_seconds: int | None = None,
        averaging_window_seconds: int | None = None,
        project_id: str | None = None,
    ) -> ServiceMetrics:
        """Resource series of one service over ``start..end``."""
        data = await self._transport.fetch(
            "ServiceMetrics",
            {
                "projectId": project_id,
                "environmentId": environment_id,
                "serviceId": service_id,
                "startDate": iso(start),
                "endDate": iso(end),
                "measurements": [m.value for m in measurements],
                "sampleRateSeconds": sample_rate_seconds,
                "averagingWindowSeconds": averaging_window_seconds,
            },
            MetricsData,
        )
        return ServiceMetrics(
            service_id=service_id,
            start=start,
            end=end,
            sample_rate_seconds=sample_rate_seconds,
            series={Measurement(r.measurement): r.values for r in data.metrics},
        )

    async def http_status_counts(
        self,
        *,
        environment_id: str,
        service_id: str,
        start: datetime,
        end: datetime,
        step_seconds: int | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> HttpStatusCounts:
        """Requests per status code, summed by Railway; one point per step."""
        data = await self._transport.fetch(
            "HttpMetricsByStatus",
            {
                "serviceId": service_id,
                "environmentId": environment_id,
                "startDate": iso(start),
                "endDate": iso(end),
                "stepSeconds": step_seconds,
                "method": method,
                "path": path,
            },
            HttpMetricsByStatusData,
        )
        return HttpStatusCounts(
            service_id=service_id,
            start=start,
            end=end,
            by_status={r.status_code: r.samples for r in data.results},
        )

    async def http_latency(
        self,
        *,
        environment_id: str,
        service_id: str,
        start: datetime,
        end: datetime,
        step_seconds: int | None = None,
        method: str | None = None,
        path: str | None = None,
        status_code: int | None = None,
    ) -> HttpLatency:
        """p50/p90/p95/p99 request durations (ms); without a step, one sample for the window."""
        data = await self._transport.fetch(
            "HttpDurationMetrics",
            {
                "serviceId": service_id,
                "environmentId": environment_id,
                "startDate": iso(start),
                "endDate": iso(end),
                "stepSeconds": step_seconds,
                "method": method,
                "path": path,
                "statusCode": status_code,
            },
            HttpDurationMetricsData,
        )
        return HttpLatency(service_id=service_id, start=start, end=end, samples=data.result.samples)

    async def http_logs(
        self,
        deployment_id: str,
        *,
        anchor: datetime,
        before: datetime | None = None,
        before_limit: int = 100,
        after: datetime | None = None,
        after_limit: int | None = None,
        filter: str = SERVER_ERRORS,
    ) -> list[HttpLogEntry]:
        """Requests around ``anchor`` matching ``filter`` (Railway syntax; default 5xx only)."""
        data = await self._transport.fetch(
            "HttpLogs",
            {
                "deploymentId": deployment_id,
                "filter": filter,
                "anchorDate": iso(anchor),
                "beforeDate": iso_or_none(before),
                "beforeLimit": before_limit,
                "afterDate": iso_or_none(after),
                "afterLimit": after_limit,
            },
            HttpLogsData,
        )
        return data.entries

    async def build_logs(
        self,
        deployment_id: str,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = 100,
        filter: str | None = None,
    ) -> list[LogLine]:
        """Build output of a deployment (Railway caps ``limit`` at 5000)."""
        variables = log_variables(deployment_id, start, end, limit, filter)
        return (await self._transport.fetch("BuildLogs", variables, BuildLogsData)).lines

    async def deployment_logs(
        self,
        deployment_id: str,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = 100,
        filter: str | None = None,
    ) -> list[LogLine]:
        """What the running deployment printed, with severity (Railway caps ``limit`` at 5000)."""
        variables = log_variables(deployment_id, start, end, limit, filter)
        return (await self._transport.fetch("DeploymentLogs", variables, DeploymentLogsData)).lines

    async def deployment_logs_batch(
        self,
        deployment_ids: Sequence[str],
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = 100,
        filter: str | None = None,
    ) -> dict[str, list[LogLine]]:
        """``deployment_logs`` of several deployments, in one request per ``LOG_BATCH`` of them.

        One answer carrying an error fails its whole request: Railway answers a batch as one.
        """
        ids = list(dict.fromkeys(deployment_ids))
        chunks = [ids[i : i + LOG_BATCH] for i in range(0, len(ids), LOG_BATCH)]
        answers = await asyncio.gather(
            *(self._logs_batch(chunk, start, end, limit, filter) for chunk in chunks)
        )
        return {k: v for answer in answers for k, v in answer.items()}

    async def _logs_batch(
        self,
        ids: list[str],
        start: datetime | None,
        end: datetime | None,
        limit: int,
        filter: str | None,
    ) -> dict[str, list[LogLine]]:
        variables = {
            **log_window_variables(start, end, limit, filter),
            **{f"d{i}": d for i, d in enumerate(ids)},
        }
        op = deployment_logs_batch(len(ids))
        data = await self._transport.fetch_operation(op, variables, DeploymentLogsBatchData)
        return {d: data.root.get(f"d{i}") or [] for i, d in enumerate(ids)}

    async def recent_deployments(
        self,
        *,
        service_id: str,
        environment_id: str,
        statuses: Iterable[DeploymentStatus] | None = None,
        limit: int = 10,
    ) -> list[Deployment]:
        """The service's newest deployments, optionally only those in ``statuses``."""
        list_input = deployment_list_input(service_id, environment_id, statuses)
        data = await self._transport.fetch(
            "RecentDeployments", {"first": limit, "input": list_input}, RecentDeploymentsData
        )
        return data.deployments.nodes()

    async def deployment(self, deployment_id: str) -> Deployment:
        """One deployment by id, with its commit."""
        data = await self._transport.fetch("Deployment", {"id": deployment_id}, DeploymentData)
        return data.deployment
