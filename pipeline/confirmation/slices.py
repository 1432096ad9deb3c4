"""Fetching the time slice around an alert from Railway, shaped for the confirmation rules.

Four reads in parallel: a dense baseline-and-window series (CPU, memory and their limits),
a sparse multi-day history for the same-time-of-day comparison, HTTP status counts and
p95 latency per step, and the service's recent deployments.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from pipeline.detection.inputs import (
    ConfirmInputs,
    DeploymentEvent,
    DeploymentHistory,
    HttpSlice,
    MetricSlice,
    RequestCounts,
)
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.window import TimeWindow
from pipeline.incidents.model import Alert, Target
from pipeline.railway.client import RailwayClient
from pipeline.railway.models import Deployment
from pipeline.railway.telemetry import HttpLatency, HttpStatusCounts, Measurement, ServiceMetrics
from pipeline.series import Point

STEP_SECONDS = 60
HISTORY_STEP_SECONDS = 600
_DENSE = (
    Measurement.CPU_USAGE,
    Measurement.MEMORY_USAGE_GB,
    Measurement.CPU_LIMIT,
    Measurement.MEMORY_LIMIT_GB,
)


def _dt(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


async def fetch_inputs(
    railway: RailwayClient,
    target: Target,
    alerts: Sequence[Alert],
    alert_at: int,
    policy: DetectionPolicy,
    now: int,
) -> ConfirmInputs:
    """Everything the rules need to judge the alert at ``alert_at``, as known at ``now``."""
    window = TimeWindow(start=alert_at, end=alert_at + policy.window_seconds)
    env = target.environment_id or ""
    service = target.service_id
    dense_start = alert_at - policy.baseline_seconds
    end = max(min(now, window.end), alert_at + 1)
    history_start = alert_at - policy.history_days * 86_400 - policy.seasonal_tolerance_seconds
    dense, history, http, latency, deployments = await asyncio.gather(
        railway.service_metrics(
            environment_id=env,
            service_id=service,
            start=_dt(dense_start),
            end=_dt(end),
            measurements=_DENSE,
            sample_rate_seconds=STEP_SECONDS,
        ),
        railway.service_metrics(
            environment_id=env,
            service_id=service,
            start=_dt(history_start),
            end=_dt(dense_start),
            measurements=(Measurement.CPU_USAGE, Measurement.MEMORY_USAGE_GB),
            sample_rate_seconds=HISTORY_STEP_SECONDS,
        ),
        railway.http_status_counts(
            environment_id=env,
            service_id=service,
            start=_dt(dense_start),
            end=_dt(end),
            step_seconds=STEP_SECONDS,
        ),
        railway.http_latency(
            environment_id=env,
            service_id=service,
            start=_dt(dense_start),
            end=_dt(end),
            step_seconds=STEP_SECONDS,
        ),
        railway.recent_deployments(service_id=service, environment_id=env, limit=20),
    )
    return ConfirmInputs(
        window=window,
        as_of=now,
        cpu=_resource(dense, history, Measurement.CPU_USAGE, Measurement.CPU_LIMIT, "vCPU", window),
        memory=_resource(
            dense, history, Measurement.MEMORY_USAGE_GB, Measurement.MEMORY_LIMIT_GB, "GB", window
        ),
        latency_p95=_latency(latency, window),
        http=_http(http, window),
        deployments=_deployments(deployments, alerts, window),
    )


def _split(
    points: Iterable[Point], window: TimeWindow
) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    ordered = sorted(points)
    before = tuple(p for p in ordered if p.ts < window.start)
    inside = tuple(p for p in ordered if window.start <= p.ts <= window.end)
    return before, inside


def _resource(
    dense: ServiceMetrics,
    history: ServiceMetrics,
    usage: Measurement,
    limit: Measurement,
    unit: str,
    window: TimeWindow,
) -> MetricSlice | None:
    points = dense.points(usage)
    if not points:
        return None
    limits = [p.value for p in dense.points(limit) if p.value > 0]
    before, inside = _split([*history.points(usage), *points], window)
    return MetricSlice(
        name=usage.value,
        unit=unit,
        limit=limits[-1] if limits else None,
        step_seconds=STEP_SECONDS,
        window=window,
        history=before,
        recent=inside,
    )


def _latency(latency: HttpLatency, window: TimeWindow) -> MetricSlice | None:
    if not latency.samples:
        return None
    before, inside = _split((Point(s.ts, s.p95) for s in latency.samples), window)
    return MetricSlice(
        name="HTTP_P95_MS",
        unit="ms",
        step_seconds=STEP_SECONDS,
        window=window,
        history=before,
        recent=inside,
    )


def _http(counts: HttpStatusCounts, window: TimeWindow) -> HttpSlice | None:
    steps: dict[int, list[float]] = {}
    for code, points in counts.by_status.items():
        for point in points:
            row = steps.setdefault(point.ts, [0.0, 0.0, 0.0])
            row[0] += point.value
            row[1] += point.value if 500 <= code <= 599 else 0.0
            row[2] += point.value if 400 <= code <= 499 else 0.0
    if not steps:
        return None
    rows = [RequestCounts(ts, *values) for ts, values in sorted(steps.items())]
    return HttpSlice(
        step_seconds=STEP_SECONDS,
        window=window,
        history=tuple(r for r in rows if r.ts < window.start),
        recent=tuple(r for r in rows if window.start <= r.ts <= window.end),
    )


def _deployments(
    deployments: list[Deployment], alerts: Sequence[Alert], window: TimeWindow
) -> DeploymentHistory:
    events = [
        DeploymentEvent(
            int((d.status_updated_at or d.updated_at or d.created_at).timestamp()),
            d.status.value,
            d.id,
        )
        for d in deployments
    ]
    # Railway's deployment list shows each deployment's latest status only; the webhooks we
    # received (OOM kills, crashes, restarts) are the restarts in between.
    for alert in alerts:
        if alert.source == "railway" and alert.kind.startswith("deployment."):
            events.append(
                DeploymentEvent(int(alert.at.timestamp()), alert.kind.split(".", 1)[1].upper())
            )
    return DeploymentHistory(window=window, events=tuple(sorted(events)))
