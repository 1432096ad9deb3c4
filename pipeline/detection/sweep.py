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
    out = []
    if snap.cpu_vcpu is not None and snap.cpu_limit_vcpu:
        share = snap.cpu_vcpu / snap.cpu_limit_vcpu
        label = f"CPU {quantity(snap.cpu_vcpu, 'vCPU')} of {quantity(snap.cpu_limit_vcpu, 'vCPU')}"
        out.append(
            _share(
                "CPU_USAGE",
                IssueKind.RESOURCE_SATURATION,
                share,
                label,
                policy.cpu_warning,
                policy.cpu_threshold,
            )
        )
    if snap.memory_gb is not None and snap.memory_limit_gb:
        share = snap.memory_gb / snap.memory_limit_gb
        label = f"memory {quantity(snap.memory_gb, 'GB')} of {quantity(snap.memory_limit_gb, 'GB')}"
        out.append(
            _share(
                "MEMORY_USAGE_GB",
                IssueKind.RESOURCE_SATURATION,
                share,
                label,
                policy.memory_warning,
                policy.memory_threshold,
            )
        )
    if snap.requests >= policy.min_requests:
        for signal, count, warning, critical in (
            ("HTTP_5XX_RATE", snap.server_errors, policy.error_rate_warning, policy.error_rate),
            (
                "HTTP_4XX_RATE",
                snap.client_errors,
                policy.client_error_rate_warning,
                policy.client_error_rate,
            ),
        ):
            label = f"{signal[5:8]}: {number(count)} of {number(snap.requests)} requests"
            out.append(
                _share(
                    signal, IssueKind.ERROR_RATE, count / snap.requests, label, warning, critical
                )
            )
    if snap.p95_ms is not None:
        out.append(
            _Level(
                "HTTP_P95_MS",
                IssueKind.LATENCY,
                snap.p95_ms,
                "ms",
                policy.p95_warning_ms,
                policy.p95_threshold_ms,
                "p95 latency",
            )
        )
    return out


def _share(
    signal: str, kind: IssueKind, share: float, label: str, warning: float, critical: float
) -> _Level:
    return _Level(signal, kind, share, "ratio", warning, critical, label)


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
