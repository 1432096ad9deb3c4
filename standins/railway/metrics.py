"""Answers to ``metrics``: resource series sampled from each service's signals."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from standins.railway.scenario import ServiceSpec
from standins.railway.signals import Signal, average
from standins.railway.world import Segment, World

DEFAULT_SAMPLE_RATE = 60
MAX_POINTS = 2000
"""Per series; a longer window gets a coarser rate instead of an enormous answer."""

# Network series are GB per sample; a quiet service still moves a little.
_IDLE_NETWORK_GB_PER_SECOND = 2e-6
_MB_PER_GB = 1024

Sampler = Callable[[ServiceSpec, Segment, float, float], float]


@dataclass(frozen=True)
class MetricsQuery:
    """The arguments of ``metrics``, as Unix seconds and names."""

    measurements: list[str]
    start: float
    end: float
    sample_rate: int | None = None
    averaging_window: int | None = None
    service_id: str | None = None
    project_id: str | None = None
    environment_id: str | None = None
    group_by: list[str] = field(default_factory=list)


def metrics_results(world: World, query: MetricsQuery) -> list[dict[str, Any]]:
    """``[MetricsResult]``: one series per measurement (and per service when grouped)."""
    if not _in_scope(world, query):
        return []
    services = [s for s in world.scenario.services if query.service_id in (None, s.id)]
    per_service = query.service_id is not None or "SERVICE_ID" in query.group_by
    results = []
    for measurement in query.measurements:
        series = {s.id: _series(world, s, measurement, query) for s in services}
        if per_service:
            results += [_result(measurement, values, sid) for sid, values in series.items()]
        else:
            results.append(_result(measurement, _summed(series.values()), None))
    return results


def _in_scope(world: World, query: MetricsQuery) -> bool:
    scenario = world.scenario
    return query.project_id in (None, scenario.project.id) and query.environment_id in (
        None,
        scenario.environment.id,
    )


def _series(
    world: World, service: ServiceSpec, measurement: str, query: MetricsQuery
) -> list[tuple[int, float]]:
    sampler = _SAMPLERS.get(measurement)
    end = min(query.end, world.now())
    rate = _rate(query, end)
    width = query.averaging_window or rate
    points = []
    for ts in range(math.ceil(query.start / rate) * rate, math.ceil(end), rate):
        segment = world.segment_at(service.id, ts)
        if sampler is not None and segment is not None:
            points.append((ts, sampler(service, segment, ts, ts + width)))
    return points


def _rate(query: MetricsQuery, end: float) -> int:
    rate = query.sample_rate or DEFAULT_SAMPLE_RATE
    return max(rate, math.ceil(max(0.0, end - query.start) / MAX_POINTS))


def _result(
    measurement: str, values: list[tuple[int, float]], service_id: str | None
) -> dict[str, Any]:
    return {
        "measurement": measurement,
        "tags": {"serviceId": service_id},
        "values": [{"ts": ts, "value": round(value, 6)} for ts, value in values],
    }


def _summed(all_series: Iterable[list[tuple[int, float]]]) -> list[tuple[int, float]]:
    totals: dict[int, float] = {}
    for series in all_series:
        for ts, value in series:
            totals[ts] = totals.get(ts, 0.0) + value
    return sorted(totals.items())


def _mean(signal: Signal, segment: Segment, start: float, end: float) -> float:
    return average(signal, start, end, segment.start)


def _cpu(service: ServiceSpec, segment: Segment, start: float, end: float) -> float:
    # Railway throttles at the limit, so usage never reads above it.
    return min(service.limits.cpu_vcpu, max(0.0, _mean(segment.profile.cpu, segment, start, end)))


def _memory(service: ServiceSpec, segment: Segment, start: float, end: float) -> float:
    # The kernel kills the process at the limit (the OOM in a leak), so usage stays below it.
    used = _mean(segment.profile.memory_gb, segment, start, end)
    return min(service.limits.memory_gb, max(0.0, used))


def _network(signal_name: str) -> Sampler:
    def sample(service: ServiceSpec, segment: Segment, start: float, end: float) -> float:
        signal = getattr(segment.profile, signal_name)
        if signal is None:
            return _IDLE_NETWORK_GB_PER_SECOND * (end - start)
        return max(0.0, _mean(signal, segment, start, end))

    return sample


_SAMPLERS: dict[str, Sampler] = {
    "CPU_USAGE": _cpu,
    "MEMORY_USAGE_GB": _memory,
    "CPU_LIMIT": lambda service, segment, start, end: service.limits.cpu_vcpu,
    "MEMORY_LIMIT_GB": lambda service, segment, start, end: service.limits.memory_gb,
    "NETWORK_RX_GB": _network("network_rx_gb"),
    "NETWORK_TX_GB": _network("network_tx_gb"),
    "DISK_USAGE_GB": lambda service, segment, start, end: (
        service.volume.used_mb / _MB_PER_GB if service.volume else 0.0
    ),
}
