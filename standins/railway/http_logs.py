"""Answers to ``httpLogs``: generated requests around an anchor, filtered like Railway does."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from standins.railway.log_filter import Predicate, Record
from standins.railway.scenario import ServiceSpec
from standins.railway.timestamps import rfc3339
from standins.railway.traffic import Request, Traffic
from standins.railway.world import DeploymentState, World

MAX_SCAN_MINUTES = 24 * 60
"""How far from the anchor a search goes before it gives up, like a bounded log backend."""

DEFAULT_LIMIT = 100


@dataclass(frozen=True)
class HttpLogQuery:
    """The arguments of ``httpLogs``, as Unix seconds."""

    anchor: float
    before_date: float | None = None
    before_limit: int | None = None
    after_date: float | None = None
    after_limit: int | None = None


def search(
    world: World, deployment: DeploymentState, query: HttpLogQuery, predicate: Predicate
) -> list[dict[str, Any]]:
    """Matching requests before (and, if asked, after) the anchor, oldest first."""
    service = world.service(deployment.service_id)
    if service is None:
        return []
    traffic = Traffic(world)
    born, retired = world.lifetime(deployment)
    low = max(born, query.before_date or -math.inf)
    before = _collect(
        _walk(traffic, service.id, query.anchor, low, -1),
        predicate,
        service,
        deployment,
        query.before_limit or DEFAULT_LIMIT,
    )
    after: list[dict[str, Any]] = []
    if query.after_limit or query.after_date:
        high = min(retired, world.now(), query.after_date or math.inf)
        after = _collect(
            _walk(traffic, service.id, query.anchor, high, +1),
            predicate,
            service,
            deployment,
            query.after_limit or DEFAULT_LIMIT,
        )
    return [*reversed(before), *after]


def _walk(
    traffic: Traffic, service_id: str, anchor: float, bound: float, direction: int
) -> Iterator[Request]:
    """Requests moving away from ``anchor`` (back if ``direction < 0``) as far as ``bound``."""
    backwards = direction < 0
    minute = math.floor(anchor / 60)
    for _ in range(MAX_SCAN_MINUTES):
        requests = traffic.minute(service_id, minute)
        for request in reversed(requests) if backwards else requests:
            inside = bound <= request.ts <= anchor if backwards else anchor < request.ts <= bound
            if inside:
                yield request
        minute += direction
        past_bound = (minute + 1) * 60 < bound if backwards else minute * 60 > bound
        if past_bound:
            return


def _collect(
    requests: Iterator[Request],
    predicate: Predicate,
    service: ServiceSpec,
    deployment: DeploymentState,
    limit: int,
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for request in requests:
        entry = _entry(request, service, deployment)
        if predicate(_record(entry)):
            found.append(entry)
            if len(found) >= limit:
                break
    return found


def _entry(request: Request, service: ServiceSpec, deployment: DeploymentState) -> dict[str, Any]:
    replica = deployment.replica_ids[request.key % len(deployment.replica_ids)]
    return {
        "timestamp": rfc3339(request.ts),
        "requestId": f"{request.key:016x}"[-16:],
        "method": request.method,
        "path": request.path,
        "host": f"{service.name}-production.up.railway.app",
        "httpStatus": request.status,
        "totalDuration": request.duration_ms,
        "upstreamRqDuration": max(0, request.duration_ms - 2),
        "upstreamErrors": "",
        "responseDetails": "",
        "upstreamAddress": "http://[fd12:3456::1]:8080",
        "upstreamProto": "HTTP/1.1",
        "downstreamProto": "HTTP/2.0",
        "edgeRegion": "us-west2",
        "clientUa": "Mozilla/5.0 (compatible; shop-frontend/2.3)",
        "srcIp": f"203.0.113.{request.key % 250 + 1}",
        "txBytes": 512 + request.key % 4096,
        "rxBytes": 128 + request.key % 512,
        "deploymentId": deployment.id,
        "deploymentInstanceId": replica,
    }


def _record(entry: dict[str, Any]) -> Record:
    text = " ".join(
        str(entry[k])
        for k in ("method", "path", "httpStatus", "responseDetails", "upstreamErrors", "host")
    )
    attributes = {
        **entry,
        "responseTime": entry["totalDuration"],
        "replica": entry["deploymentInstanceId"],
    }
    return Record(text=text, attributes=attributes)
