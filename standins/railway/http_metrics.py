"""Answers to ``httpMetricsGroupedByStatus`` and ``httpDurationMetrics`` from generated traffic."""

from __future__ import annotations

import math
from typing import Any

from standins.railway.traffic import Request, Traffic, percentile

# Durations are percentiles, so a sample does: at most this many minutes per step, and this
# many requests per minute.
_MAX_MINUTES_SAMPLED = 120
_MAX_REQUESTS_SAMPLED = 60


def steps(start: float, end: float, step_seconds: int | None) -> list[tuple[float, float]]:
    """The buckets of ``[start, end)``: whole minutes; one bucket when no step is given."""
    first, last = math.floor(start / 60) * 60, math.ceil(end / 60) * 60
    if step_seconds is None:
        return [(first, last)] if last > first else []
    width = max(60, math.ceil(step_seconds / 60) * 60)
    return [(t, min(t + width, last)) for t in range(int(first), int(last), width)]


def status_samples(
    traffic: Traffic, service_id: str, buckets: list[tuple[float, float]], now: float
) -> list[dict[str, Any]]:
    """``[HttpMetricsByStatusResult]``: request counts per status code and bucket."""
    by_status: dict[int, list[dict[str, Any]]] = {}
    for begin, end in buckets:
        totals: dict[int, int] = {}
        for minute in _minutes(begin, end, now):
            for code, count in traffic.counts(service_id, minute).items():
                totals[code] = totals.get(code, 0) + count
        for code, count in totals.items():
            by_status.setdefault(code, []).append({"ts": int(begin), "value": float(count)})
    return [{"statusCode": code, "samples": by_status[code]} for code in sorted(by_status)]


def duration_samples(
    traffic: Traffic,
    service_id: str,
    buckets: list[tuple[float, float]],
    now: float,
    status_code: int | None = None,
) -> list[dict[str, Any]]:
    """``HttpDurationMetricsSample``s: p50..p99 in ms per bucket that saw requests."""
    samples = []
    for begin, end in buckets:
        minutes = _minutes(begin, end, now)
        stride = max(1, len(minutes) // _MAX_MINUTES_SAMPLED)
        durations = sorted(
            r.duration_ms
            for minute in minutes[::stride]
            for r in traffic.minute(service_id, minute, _MAX_REQUESTS_SAMPLED)
            if _wanted(r, status_code)
        )
        if durations:
            samples.append(
                {
                    "ts": int(begin),
                    **{
                        name: percentile(durations, share)
                        for name, share in (
                            ("p50", 0.5),
                            ("p90", 0.9),
                            ("p95", 0.95),
                            ("p99", 0.99),
                        )
                    },
                }
            )
    return samples


def _wanted(request: Request, status_code: int | None) -> bool:
    return status_code is None or request.status == status_code


def _minutes(start: float, end: float, now: float) -> list[int]:
    # Only minutes that are over: the stand-in has no traffic from the future.
    return list(range(math.floor(start / 60), min(math.ceil(end / 60), math.floor(now / 60))))
