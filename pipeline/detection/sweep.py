"""The periodic sweep: which thresholds a service crosses right now (before confirmation)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.verdict import IssueKind
from pipeline.detection.wording import number, percent, quantity


class Severity(StrEnum):
    """Warning: worth watching. Critical: worth confirming."""

    WARNING = "warning"
    CRITICAL = "critical"


class ServiceSnapshot(BaseModel):
    """A service's recent metrics, aggregated over the sweep window (e.g. the mean of 5 min)."""

    model_config = ConfigDict(frozen=True)

    service_id: str
    start: int
    end: int
    cpu_vcpu: float | None = None
    cpu_limit_vcpu: float | None = Field(None, gt=0)
    memory_gb: float | None = None
    memory_limit_gb: float | None = Field(None, gt=0)
    requests: float = Field(0, ge=0)
    server_errors: float = Field(0, ge=0)
    client_errors: float = Field(0, ge=0)
    p95_ms: float | None = None


class Issue(BaseModel):
    """One threshold crossed: the value, the level it crossed, and a sentence for people."""

    model_config = ConfigDict(frozen=True)

    service_id: str
    kind: IssueKind
    signal: str
    severity: Severity
    value: float
    threshold: float
    unit: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Level:
    signal: str
    kind: IssueKind
    value: float
    unit: str
    warning: float
    critical: float
    label: str


def sweep(snap: ServiceSnapshot, policy: DetectionPolicy) -> list[Issue]:
    """The issues at warning level or above, critical first."""
    issues = [issue for level in _levels(snap, policy) if (issue := _crossed(snap, level))]
    return sorted(issues, key=lambda i: i.severity is not Severity.CRITICAL)


def _levels(snap: ServiceSnapshot, policy: DetectionPolicy) -> list[_Level]:
    levels = [*_resource_levels(snap, policy), *_http_levels(snap, policy)]
    return [level for level in levels if level is not None]


def _resource_levels(snap: ServiceSnapshot, policy: DetectionPolicy) -> list[_Level | None]:
    cpu_bars = (policy.cpu_warning, policy.cpu_threshold)
    memory_bars = (policy.memory_warning, policy.memory_threshold)
    return [
        _resource("CPU_USAGE", "CPU", snap.cpu_vcpu, snap.cpu_limit_vcpu, "vCPU", cpu_bars),
        _resource(
            "MEMORY_USAGE_GB", "memory", snap.memory_gb, snap.memory_limit_gb, "GB", memory_bars
        ),
    ]


def _http_levels(snap: ServiceSnapshot, policy: DetectionPolicy) -> list[_Level | None]:
    levels: list[_Level | None] = []
    if snap.requests >= policy.min_requests:
        server = (policy.error_rate_warning, policy.error_rate)
        client = (policy.client_error_rate_warning, policy.client_error_rate)
        levels.append(_errors("HTTP_5XX_RATE", "5xx", snap.server_errors, snap.requests, server))
        levels.append(_errors("HTTP_4XX_RATE", "4xx", snap.client_errors, snap.requests, client))
    if snap.p95_ms is not None:
        bars = (policy.p95_warning_ms, policy.p95_threshold_ms)
        levels.append(
            _Level("HTTP_P95_MS", IssueKind.LATENCY, snap.p95_ms, "ms", *bars, "p95 latency")
        )
    return levels


def _resource(
    signal: str,
    noun: str,
    used: float | None,
    limit: float | None,
    unit: str,
    bars: tuple[float, float],
) -> _Level | None:
    if used is None or not limit:
        return None
    label = f"{noun} {quantity(used, unit)} of {quantity(limit, unit)}"
    return _Level(signal, IssueKind.RESOURCE_SATURATION, used / limit, "ratio", *bars, label)


def _errors(
    signal: str, noun: str, count: float, requests: float, bars: tuple[float, float]
) -> _Level:
    label = f"{noun}: {number(count)} of {number(requests)} requests"
    return _Level(signal, IssueKind.ERROR_RATE, count / requests, "ratio", *bars, label)


def _crossed(snap: ServiceSnapshot, level: _Level) -> Issue | None:
    if level.value >= level.critical:
        severity, bar = Severity.CRITICAL, level.critical
    elif level.value >= level.warning:
        severity, bar = Severity.WARNING, level.warning
    else:
        return None
    shown = (
        (percent(level.value), percent(bar))
        if level.unit == "ratio"
        else (quantity(level.value, level.unit), quantity(bar, level.unit))
    )
    return Issue(
        service_id=snap.service_id,
        kind=level.kind,
        signal=level.signal,
        severity=severity,
        value=level.value,
        threshold=bar,
        unit=level.unit,
        start=snap.start,
        end=snap.end,
        text=f"{level.label}: {shown[0]} ≥ {severity.value} level {shown[1]}",
    )
