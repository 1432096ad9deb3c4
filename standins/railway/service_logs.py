"""Answers to ``deploymentLogs`` and ``buildLogs``: lines generated from a scenario's log specs."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from standins.railway.log_filter import Predicate, Record
from standins.railway.scenario import LogSpec, ServiceSpec
from standins.railway.signals import unit
from standins.railway.timestamps import rfc3339
from standins.railway.world import DeploymentState, Segment, World

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_DEFAULT_RANGE = (1000, 99999)
DEFAULT_LIMIT = 100


@dataclass(frozen=True)
class Window:
    """``startDate``/``endDate`` of a log query, as Unix seconds."""

    start: float | None = None
    end: float | None = None


def fill(template: str, ranges: dict[str, tuple[int, int]], *keys: int | str) -> str:
    """The template with each ``{name}`` replaced by a number derived from ``keys``."""

    def number(match: re.Match[str]) -> str:
        low, high = ranges.get(match.group(1), _DEFAULT_RANGE)
        return str(low + int(unit(*keys, match.group(1)) * (high - low + 1)))

    return _PLACEHOLDER.sub(number, template)


def deployment_logs(
    world: World,
    deployment: DeploymentState,
    window: Window,
    limit: int | None,
    predicate: Predicate,
) -> list[dict[str, Any]]:
    """The newest ``limit`` matching lines the deployment printed within the window, in order."""
    service = world.service(deployment.service_id)
    if service is None:
        return []
    born, retired = world.lifetime(deployment)
    low, high = max(born, window.start or -math.inf), min(retired, window.end or math.inf)
    wanted = limit or DEFAULT_LIMIT
    lines: list[dict[str, Any]] = []
    for segment in world.segments(service.id, low, high):
        for spec in segment.profile.logs:
            span = (max(low, segment.start), min(high, segment.end))
            lines += _spec_lines(spec, segment, span, service, deployment, predicate, wanted)
    lines.sort(key=lambda line: line["timestamp"])
    return lines[-wanted:]


def build_logs(
    world: World,
    deployment: DeploymentState,
    window: Window,
    limit: int | None,
    predicate: Predicate,
) -> list[dict[str, Any]]:
    """The build output of the deployment (none for image deploys)."""
    service = world.service(deployment.service_id)
    if service is None or service.image:
        return []
    texts = deployment.build_logs or default_build_lines(service)
    start = deployment.created - 2 * len(texts)
    lines = [
        _line(start + 2 * i, text, "info", {}, service, deployment, deployment.replica_ids[0])
        for i, text in enumerate(texts)
        if (window.start or -math.inf) <= start + 2 * i <= (window.end or math.inf)
    ]
    return [line for line in lines if predicate(_record(line))][-(limit or DEFAULT_LIMIT) :]


def default_build_lines(service: ServiceSpec) -> list[str]:
    """What a Railpack build of the service prints when the scenario says nothing special."""
    return [
        f"[Region: {service.region}]",
        "╭────────────────╮",
        "│ Railpack 0.9.1 │",
        "╰────────────────╯",
        "↳ Detected Python",
        "↳ Using uv",
        "$ uv sync --locked --no-dev",
        f"$ {service.start_command or 'python -m app'}",
        "Successfully built image in 41.27 seconds",
    ]


def _spec_lines(
    spec: LogSpec,
    segment: Segment,
    span: tuple[float, float],
    service: ServiceSpec,
    deployment: DeploymentState,
    predicate: Predicate,
    limit: int,
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    first = segment.start + spec.offset_seconds
    for k in reversed(_indexes(spec, first, span)):
        if len(found) >= limit:
            break
        found += _occurrence(
            spec, first + k * (spec.every_seconds or 0), k, service, deployment, predicate
        )
    return found


def _indexes(spec: LogSpec, first: float, span: tuple[float, float]) -> range:
    """Which repetitions ``k`` (at ``first + k * every``) fall within ``span``."""
    if spec.every_seconds is None:
        return range(1) if span[0] <= first < span[1] else range(0)
    low = max(0, math.ceil((span[0] - first) / spec.every_seconds))
    high = max(low, math.ceil((span[1] - first) / spec.every_seconds))
    return range(low, high if spec.count is None else min(high, spec.count))


def _occurrence(
    spec: LogSpec,
    at: float,
    k: int,
    service: ServiceSpec,
    deployment: DeploymentState,
    predicate: Predicate,
) -> list[dict[str, Any]]:
    replica = deployment.replica_ids[k % len(deployment.replica_ids)]
    texts = [spec.message, *spec.continuation]
    lines = [
        _line(
            at + i * 1e-6,
            fill(text, spec.ranges, service.id, spec.message, k),
            spec.severity,
            spec.attributes,
            service,
            deployment,
            replica,
        )
        for i, text in enumerate(texts)
    ]
    return [line for line in lines if predicate(_record(line))]


def _line(
    at: float,
    message: str,
    severity: str,
    attributes: dict[str, str],
    service: ServiceSpec,
    deployment: DeploymentState,
    replica: str,
) -> dict[str, Any]:
    return {
        "timestamp": rfc3339(at),
        "message": message,
        "severity": severity,
        "attributes": [
            {"key": k, "value": v} for k, v in {"level": severity, **attributes}.items()
        ],
        "tags": {
            "deploymentId": deployment.id,
            "deploymentInstanceId": replica,
            "serviceId": service.id,
            "snapshotId": None,
        },
    }


def _record(line: dict[str, Any]) -> Record:
    attributes = {a["key"]: a["value"] for a in line["attributes"]}
    attributes["replica"] = line["tags"]["deploymentInstanceId"]
    return Record(text=line["message"], attributes=attributes)
