"""One service's recent metrics, aggregated for the sweep's threshold checks."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from statistics import fmean

from pipeline.detection.sweep import ServiceSnapshot
from pipeline.railway.client import RailwayClient
from pipeline.railway.telemetry import Measurement, ResourceLimits


async def read_snapshot(
    railway: RailwayClient,
    *,
    environment_id: str,
    service_id: str,
    limits: ResourceLimits,
    start: int,
    end: int,
) -> ServiceSnapshot:
    """Mean CPU and memory, request and error counts, and the window's p95, for one service."""
    begin, finish = datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(end, UTC)
    metrics, counts, latency = await asyncio.gather(
        railway.service_metrics(
            environment_id=environment_id,
            service_id=service_id,
            start=begin,
            end=finish,
            measurements=(Measurement.CPU_USAGE, Measurement.MEMORY_USAGE_GB),
        ),
        railway.http_status_counts(
            environment_id=environment_id, service_id=service_id, start=begin, end=finish
        ),
        # Without a step Railway answers one sample: the percentiles of the whole window.
        railway.http_latency(
            environment_id=environment_id, service_id=service_id, start=begin, end=finish
        ),
    )
    cpu = [p.value for p in metrics.points(Measurement.CPU_USAGE)]
    memory = [p.value for p in metrics.points(Measurement.MEMORY_USAGE_GB)]
    p95 = latency.latest()
    return ServiceSnapshot(
        service_id=service_id,
        start=start,
        end=end,
        cpu_vcpu=fmean(cpu) if cpu else None,
        cpu_limit_vcpu=limits.cpu_vcpu or None,
        memory_gb=fmean(memory) if memory else None,
        memory_limit_gb=limits.memory_gb or None,
        requests=counts.total(),
        server_errors=counts.total(500, 599),
        client_errors=counts.total(400, 499),
        p95_ms=p95.p95 if p95 else None,
    )
