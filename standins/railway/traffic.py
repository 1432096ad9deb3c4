"""HTTP traffic generated from a service's profile, request by request.

Each minute has a number of requests (``rps``) split between status codes by their weights;
each request gets a time, route and duration from a hash of (service, minute, status, index).
Counts, duration percentiles and HTTP logs are all computed from these same requests, so the
aggregates agree with the logs.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from standins.railway.scenario import HttpProfile, Percentiles, Route
from standins.railway.signals import unit
from standins.railway.world import World

MAX_PER_MINUTE = 1200
"""Cap on generated requests per minute, to bound the work of one query."""

# Quantile anchors for drawing a duration; the tails stretch past p99 a little.
_FLOOR_SHARE = 0.35
_DRAW_SPAN = float(1 << 17)
_DRAW_MASK = (1 << 17) - 1
_TAIL_STRETCH = 1.5


@dataclass(frozen=True)
class Request:
    """One generated request."""

    ts: float
    method: str
    path: str
    status: int
    duration_ms: int
    key: int


def status_counts(profile: HttpProfile, t: float, since: float) -> dict[int, int]:
    """Requests per status in the minute starting at ``t`` (largest-remainder split)."""
    total = min(MAX_PER_MINUTE, round(max(0.0, profile.rps.at(t + 30, since)) * 60))
    weights = {code: max(0.0, w.at(t + 30, since)) for code, w in profile.status_weights.items()}
    weight_sum = sum(weights.values())
    if total == 0 or weight_sum == 0:
        return {}
    exact = {code: total * w / weight_sum for code, w in weights.items()}
    counts = {code: math.floor(share) for code, share in exact.items()}
    leftover = total - sum(counts.values())
    by_remainder = sorted(exact, key=lambda c: (counts[c] - exact[c], c))
    for code in by_remainder[:leftover]:
        counts[code] += 1
    return {code: n for code, n in counts.items() if n}


class Traffic:
    """The requests a world's services receive."""

    def __init__(self, world: World) -> None:
        self._world = world

    def minute(self, service_id: str, minute: int, at_most: int | None = None) -> list[Request]:
        """The requests of the minute starting at ``minute * 60``, oldest first.

        With ``at_most``, every n-th request of each status only: the same mix, less work,
        for statistics such as percentiles.
        """
        start = minute * 60.0
        segment = self._world.segment_at(service_id, start)
        if segment is None or segment.profile.http is None:
            return []
        profile = segment.profile.http
        counts = status_counts(profile, start, segment.start)
        stride = max(1, math.ceil(sum(counts.values()) / at_most)) if at_most else 1
        requests = [
            _request(profile, service_id, minute, code, index, segment.start)
            for code, count in counts.items()
            for index in range(0, count, stride)
        ]
        return sorted(requests, key=lambda r: r.ts)

    def counts(self, service_id: str, minute: int) -> dict[int, int]:
        """Requests per status of one minute, without generating each request."""
        start = minute * 60.0
        segment = self._world.segment_at(service_id, start)
        if segment is None or segment.profile.http is None:
            return {}
        return status_counts(segment.profile.http, start, segment.start)


def _request(
    profile: HttpProfile, service_id: str, minute: int, status: int, index: int, since: float
) -> Request:
    key = int(unit(service_id, minute, status, index) * (1 << 51))
    # Three independent draws from one hash: 17 bits each is plenty of resolution.
    ts_draw, route_draw, duration_draw = (
        (key >> shift & _DRAW_MASK) / _DRAW_SPAN for shift in (0, 17, 34)
    )
    ts = minute * 60.0 + ts_draw * 60.0
    route = _route(profile.routes, status, route_draw)
    percentiles = profile.status_latency_ms.get(status, profile.latency_ms)
    duration = _duration(percentiles, duration_draw, ts, since)
    return Request(ts, route.method, route.path, status, duration, key)


def _route(routes: list[Route], status: int, draw: float) -> Route:
    eligible = [r for r in routes if r.statuses is None or status in r.statuses] or routes
    total = sum(r.weight for r in eligible)
    point = draw * total
    for route in eligible:
        point -= route.weight
        if point < 0:
            return route
    return eligible[-1]


def _duration(p: Percentiles, draw: float, t: float, since: float) -> int:
    floor = p.floor_ms if p.floor_ms is not None else p.p50.at(t, since) * _FLOOR_SHARE
    p50, p90, p95, p99 = (
        p.p50.at(t, since),
        p.p90.at(t, since),
        p.p95.at(t, since),
        p.p99.at(t, since),
    )
    anchors = (
        (0.0, floor),
        (0.5, p50),
        (0.9, p90),
        (0.95, p95),
        (0.99, p99),
        (1.0, p99 * _TAIL_STRETCH),
    )
    for (q0, v0), (q1, v1) in itertools.pairwise(anchors):
        if draw <= q1:
            return max(1, round(v0 + (v1 - v0) * (draw - q0) / (q1 - q0)))
    return max(1, round(anchors[-1][1]))


def percentile(sorted_values: list[int], share: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(0, math.ceil(share * len(sorted_values)) - 1)
    return float(sorted_values[rank])
