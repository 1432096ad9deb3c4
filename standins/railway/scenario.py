"""A scenario file: one Railway project, how each service behaves, and what should be concluded.

Times are offsets in seconds from the anchor, the moment the incident starts; the world sets
the anchor, so the same file can describe an incident an hour ago or one happening now.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from standins.railway.signals import Signal

Behaviour = Literal["healthy", "incident"]


class Spec(BaseModel):
    """Base of the scenario file's parts: unknown keys are mistakes, not extensions."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Named(Spec):
    """Something with an id and a name (workspace, project, environment)."""

    id: str
    name: str


class Commit(Spec):
    """The git commit a deployment was built from."""

    hash: str
    message: str
    branch: str = "main"
    author: str


class DeploymentSpec(Spec):
    """A deployment that exists when the scenario starts; ``behaviour`` applies from then on."""

    id: str
    offset_seconds: int
    status: str = "SUCCESS"
    commit: Commit | None = None
    behaviour: Behaviour = "healthy"
    replica_ids: list[str] = Field(default_factory=list)
    build_logs: list[str] | None = None


class LogSpec(Spec):
    """A log line (or a multi-line trace) printed once or repeatedly during a behaviour.

    ``message`` may hold ``{name}`` placeholders; each is filled with a number derived from the
    line's time, within ``ranges[name]`` (inclusive) or 1000..99999, so the template itself is
    what a log digest should recover.
    """

    severity: Literal["debug", "info", "warn", "error"] = "info"
    message: str
    continuation: list[str] = Field(default_factory=list)
    offset_seconds: int = 0
    every_seconds: int | None = None
    count: int | None = None
    attributes: dict[str, str] = Field(default_factory=dict)
    ranges: dict[str, tuple[int, int]] = Field(default_factory=dict)


class Percentiles(Spec):
    """Request duration percentiles in ms; ``floor_ms`` is the fastest (default 0.35 * p50)."""

    floor_ms: float | None = None
    p50: Signal
    p90: Signal
    p95: Signal
    p99: Signal


class Route(Spec):
    """An endpoint; ``statuses`` limits which status codes it answers (all when ``None``)."""

    method: str = "GET"
    path: str
    weight: float = 1.0
    statuses: list[int] | None = None


class HttpProfile(Spec):
    """Traffic: requests per second, share of each status, durations, routes."""

    rps: Signal
    status_weights: dict[int, Signal]
    latency_ms: Percentiles
    status_latency_ms: dict[int, Percentiles] = Field(default_factory=dict)
    routes: list[Route]


class Profile(Spec):
    """How a service behaves; CPU in vCPU, memory and network in GB."""

    cpu: Signal
    memory_gb: Signal
    network_rx_gb: Signal | None = None
    network_tx_gb: Signal | None = None
    http: HttpProfile | None = None
    logs: list[LogSpec] = Field(default_factory=list)


class Overlay(Spec):
    """What changes during the incident.

    ``logs`` are printed in addition to the healthy ones, or instead of them with
    ``replace_logs`` (a process that crashes on start never prints its usual lines).
    """

    cpu: Signal | None = None
    memory_gb: Signal | None = None
    network_rx_gb: Signal | None = None
    network_tx_gb: Signal | None = None
    http: HttpProfile | None = None
    logs: list[LogSpec] = Field(default_factory=list)
    replace_logs: bool = False


class Limits(Spec):
    """The resource limits Railway enforces on the service."""

    cpu_vcpu: float
    memory_gb: float


class VolumeSpec(Spec):
    """A volume mounted by the service."""

    id: str
    instance_id: str
    name: str
    mount_path: str
    size_mb: int
    used_mb: float


class ServiceSpec(Spec):
    """A service of the project, as deployed in the scenario's environment."""

    id: str
    name: str
    instance_id: str
    repo: str | None = None
    image: str | None = None
    builder: str = "RAILPACK"
    build_command: str | None = None
    start_command: str | None = None
    root_directory: str | None = None
    healthcheck_path: str | None = None
    region: str = "us-west2"
    replicas: int = 1
    restart_policy: str = "ON_FAILURE"
    restart_max_retries: int = 10
    limits: Limits
    volume: VolumeSpec | None = None
    deployments: list[DeploymentSpec] = Field(min_length=1)
    healthy: Profile
    incident: Overlay | None = None
    incident_offset_seconds: int | None = None

    def profile(self, behaviour: Behaviour) -> Profile:
        """The healthy profile, or the healthy profile with the incident laid over it."""
        if behaviour == "healthy" or self.incident is None:
            return self.healthy
        changes = self.incident.model_dump(exclude_unset=True, exclude={"logs", "replace_logs"})
        replaced = {name: getattr(self.incident, name) for name in changes}
        kept = [] if self.incident.replace_logs else self.healthy.logs
        return self.healthy.model_copy(update={**replaced, "logs": [*kept, *self.incident.logs]})


class Expected(Spec):
    """What a correct confirmation step concludes about the alert."""

    verdict: Literal["confirm", "dismiss"]
    kind: str
    rule: str
    service_id: str
    reason: str


class Alert(Spec):
    """The webhook Railway sends, ``offset_seconds`` after the anchor."""

    offset_seconds: int
    payload: dict[str, Any]


class Scenario(Spec):
    """One project in one environment, its services' behaviour, and the answer key."""

    name: str
    description: str
    workspace: Named
    project: Named
    environment: Named
    services: list[ServiceSpec]
    expected: Expected
    error_templates: list[str]
    planted_secrets: list[str] = Field(default_factory=list)
    alert: Alert

    def service(self, service_id: str) -> ServiceSpec | None:
        """The service with this id."""
        return next((s for s in self.services if s.id == service_id), None)
