"""HTTP request digests: routes (method + path template) with counts, status mix and latency."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from pipeline.context.logs import HttpRequestLog
from pipeline.context.paths import collapse_rare_segments, template_path
from pipeline.context.templating import template_of

# Upstream error templates kept per route.
TOP_UPSTREAM_ERRORS = 3


class RouteStats(BaseModel):
    """Requests to one route."""

    model_config = ConfigDict(frozen=True)

    method: str
    path: str
    count: int
    statuses: dict[int, int]
    server_errors: int
    client_errors: int
    p50_ms: float | None
    p95_ms: float | None
    first_seen: datetime | None
    last_seen: datetime | None
    upstream_errors: dict[str, int]

    @property
    def error_share(self) -> float:
        """Share of requests answered 5xx."""
        return self.server_errors / self.count if self.count else 0.0


class HttpDigest(BaseModel):
    """Requests condensed into routes, those failing most first."""

    model_config = ConfigDict(frozen=True)

    total: int
    server_errors: int
    client_errors: int
    start: datetime | None
    end: datetime | None
    routes: tuple[RouteStats, ...]


def digest_http(requests: Sequence[HttpRequestLog]) -> HttpDigest:
    """Group ``requests`` by method and path template, most 5xx first, then busiest."""
    templates = collapse_rare_segments(template_path(r.path) for r in requests)
    by_route: dict[tuple[str, str], list[HttpRequestLog]] = {}
    for request in requests:
        key = (request.method.upper(), templates[template_path(request.path)])
        by_route.setdefault(key, []).append(request)
    routes = [_route(method, path, members) for (method, path), members in by_route.items()]
    routes.sort(key=lambda r: (-r.server_errors, -r.client_errors, -r.count, r.path))
    stamps = [r.timestamp for r in requests if r.timestamp is not None]
    return HttpDigest(
        total=len(requests),
        server_errors=sum(r.server_errors for r in routes),
        client_errors=sum(r.client_errors for r in routes),
        start=min(stamps, default=None),
        end=max(stamps, default=None),
        routes=tuple(routes),
    )


def _route(method: str, path: str, members: list[HttpRequestLog]) -> RouteStats:
    statuses = Counter(r.status for r in members)
    durations = sorted(r.duration_ms for r in members if r.duration_ms is not None)
    stamps = [r.timestamp for r in members if r.timestamp is not None]
    upstream = Counter(
        template_of(r.upstream_errors)
        for r in members
        if r.upstream_errors and r.upstream_errors != "[]"
    )
    return RouteStats(
        method=method,
        path=path,
        count=len(members),
        statuses=dict(sorted(statuses.items())),
        server_errors=sum(n for s, n in statuses.items() if s >= 500),
        client_errors=sum(n for s, n in statuses.items() if 400 <= s < 500),
        p50_ms=percentile(durations, 50),
        p95_ms=percentile(durations, 95),
        first_seen=min(stamps, default=None),
        last_seen=max(stamps, default=None),
        upstream_errors=dict(upstream.most_common(TOP_UPSTREAM_ERRORS)),
    )


def percentile(ordered: Sequence[float], pct: float) -> float | None:
    """Nearest-rank percentile of already sorted values; ``None`` when there are none."""
    if not ordered:
        return None
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]
