"""What Railway measured: resource metrics, HTTP aggregates and log lines."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from pipeline.railway.models import RailwayModel
from pipeline.series import Point


class Measurement(StrEnum):
    """The ``MetricMeasurement`` values autofix reads (CPU in vCPU, the rest in GB)."""

    CPU_USAGE = "CPU_USAGE"
    CPU_LIMIT = "CPU_LIMIT"
    MEMORY_USAGE_GB = "MEMORY_USAGE_GB"
    MEMORY_LIMIT_GB = "MEMORY_LIMIT_GB"
    NETWORK_RX_GB = "NETWORK_RX_GB"
    NETWORK_TX_GB = "NETWORK_TX_GB"
    DISK_USAGE_GB = "DISK_USAGE_GB"


class ResourceLimits(RailwayModel):
    """A service's CPU (vCPU) and memory (GB) limits; ``None`` when Railway reported none."""

    cpu_vcpu: float | None = None
    memory_gb: float | None = None


class EnvironmentLimits(RailwayModel):
    """The limits of every service of an environment, by service id."""

    environment_id: str
    services: dict[str, ResourceLimits] = Field(default_factory=dict)

    def for_service(self, service_id: str) -> ResourceLimits:
        """This service's limits; empty limits if Railway reported none for it."""
        return self.services.get(service_id, ResourceLimits())


class ServiceMetrics(RailwayModel):
    """Resource series of one service over a window, oldest point first."""

    service_id: str
    start: datetime
    end: datetime
    sample_rate_seconds: int | None
    series: dict[Measurement, list[Point]] = Field(default_factory=dict)

    def points(self, measurement: Measurement) -> list[Point]:
        """The series for ``measurement``; empty if it was not asked for or had no data."""
        return self.series.get(measurement, [])


class HttpStatusCounts(RailwayModel):
    """Request counts per HTTP status code over a window (one point per step)."""

    service_id: str
    start: datetime
    end: datetime
    by_status: dict[int, list[Point]] = Field(default_factory=dict)

    def total(self, lowest: int = 100, highest: int = 599) -> int:
        """Requests whose status is within ``lowest..highest``."""
        return int(
            sum(
                sum(p.value for p in points)
                for code, points in self.by_status.items()
                if lowest <= code <= highest
            )
        )

    def server_error_rate(self) -> float | None:
        """Share of requests answered 5xx, or ``None`` without traffic."""
        total = self.total()
        return self.total(500, 599) / total if total else None


class LatencySample(RailwayModel):
    """Request duration percentiles, in milliseconds, for one step."""

    ts: int
    p50: float
    p90: float
    p95: float
    p99: float


class HttpLatency(RailwayModel):
    """Request duration percentiles over a window, one sample per step."""

    service_id: str
    start: datetime
    end: datetime
    samples: list[LatencySample] = Field(default_factory=list)

    def latest(self) -> LatencySample | None:
        """The newest sample (the whole window when no step was asked for)."""
        return self.samples[-1] if self.samples else None


class HttpLogEntry(RailwayModel):
    """One request as Railway's edge saw it."""

    timestamp: datetime
    request_id: str
    method: str
    path: str
    host: str
    http_status: int
    total_duration_ms: int = Field(alias="totalDuration")
    upstream_duration_ms: int = Field(alias="upstreamRqDuration")
    upstream_errors: str
    response_details: str
    edge_region: str
    client_ua: str
    src_ip: str
    tx_bytes: int
    rx_bytes: int
    deployment_id: str
    deployment_instance_id: str


class LogAttribute(RailwayModel):
    """One structured attribute of a log line (JSON logs' fields other than the message)."""

    key: str
    value: str


class LogLine(RailwayModel):
    """One build or deployment log line, with its structured attributes.

    Logs are read per deployment, so the ``tags`` naming it (and its replica) are not asked
    for: they were most of each line's bytes, and decoding them most of a context's parsing.
    Attributes stay pairs as Railway sends them, validated without Python code per line.
    """

    timestamp: datetime
    message: str
    severity: str | None = None
    attributes: tuple[LogAttribute, ...] = ()

    def attribute(self, key: str) -> str | None:
        """The value of attribute ``key``, if the line has it."""
        return next((a.value for a in self.attributes if a.key == key), None)
