"""The stand-in's state: a scenario placed in time, plus the deployments added since.

Each service's behaviour over time is a list of switches: every deployment switches to its
own behaviour when it is created, and ``incident_offset_seconds`` switches a service to its
incident without a deploy (an upstream outage). The switch in force at a moment decides the
profile; relative signals count from it.
"""

from __future__ import annotations

import copy
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from standins.railway.scenario import Behaviour, Commit, Profile, Scenario, ServiceSpec
from standins.railway.timestamps import iso_millis

# Statuses a newer successful deployment replaces, as Railway does.
_SUPERSEDED = {"SUCCESS", "CRASHED", "SLEEPING"}


@dataclass
class DeploymentState:
    """A deployment as the stand-in serves it."""

    id: str
    service_id: str
    created: float
    status: str
    behaviour: Behaviour
    commit: Commit | None
    replica_ids: list[str]
    build_logs: list[str] | None = None


@dataclass(frozen=True)
class Segment:
    """A stretch of time during which a service behaves one way."""

    start: float
    end: float
    behaviour: Behaviour
    profile: Profile


@dataclass
class World:
    """A scenario anchored in time; ``clock`` says what "now" is."""

    scenario: Scenario
    anchor: float
    clock: Callable[[], float] = time.time
    deployments: dict[str, DeploymentState] = field(init=False, default_factory=dict)
    _ids: itertools.count[int] = field(init=False, default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        for service in self.scenario.services:
            for spec in service.deployments:
                self.deployments[spec.id] = DeploymentState(
                    id=spec.id,
                    service_id=service.id,
                    created=self.anchor + spec.offset_seconds,
                    status=spec.status,
                    behaviour=spec.behaviour,
                    commit=spec.commit,
                    replica_ids=spec.replica_ids
                    or [f"{spec.id}-r{i}" for i in range(service.replicas)],
                    build_logs=spec.build_logs,
                )

    def now(self) -> float:
        """The stand-in's current time, in Unix seconds."""
        return self.clock()

    def service(self, service_id: str) -> ServiceSpec | None:
        """The service with this id."""
        return self.scenario.service(service_id)

    def deployments_of(self, service_id: str) -> list[DeploymentState]:
        """The service's deployments that exist by now, newest first."""
        now = self.now()
        found = [
            d for d in self.deployments.values() if d.service_id == service_id and d.created <= now
        ]
        return sorted(found, key=lambda d: d.created, reverse=True)

    def deployment_at(self, service_id: str, moment: float) -> DeploymentState | None:
        """The deployment serving the service at ``moment``."""
        live = [
            d
            for d in self.deployments.values()
            if d.service_id == service_id and d.created <= moment
        ]
        return max(live, key=lambda d: d.created, default=None)

    def lifetime(self, deployment: DeploymentState) -> tuple[float, float]:
        """When the deployment started serving and when a newer one (or now) took over."""
        later = [
            d.created
            for d in self.deployments.values()
            if d.service_id == deployment.service_id and d.created > deployment.created
        ]
        return deployment.created, min([*later, self.now()])

    def segments(self, service_id: str, start: float, end: float) -> list[Segment]:
        """How the service behaved over ``[start, end)``, as consecutive segments."""
        service = self.scenario.service(service_id)
        if service is None or end <= start:
            return []
        switches = self._switches(service)
        out: list[Segment] = []
        for (begin, behaviour), (nxt, _) in zip(
            switches, [*switches[1:], (end, "healthy")], strict=True
        ):
            if nxt > start and begin < end:
                out.append(Segment(begin, nxt, behaviour, service.profile(behaviour)))
        return out

    def segment_at(self, service_id: str, moment: float) -> Segment | None:
        """The segment in force at ``moment``."""
        found = self.segments(service_id, moment, moment + 1)
        return found[-1] if found else None

    def deploy(
        self,
        service_id: str,
        commit: Commit | None,
        behaviour: Behaviour,
        status: str | None = None,
        at: float | None = None,
    ) -> DeploymentState:
        """Add a deployment that switches the service to ``behaviour`` from ``at`` (now)."""
        service = self.scenario.service(service_id)
        if service is None:
            raise KeyError(service_id)
        created = self.now() if at is None else at
        new_id = f"standin-deploy-{next(self._ids):04d}"
        final = status or ("SUCCESS" if behaviour == "healthy" else _failing_status(service))
        if final == "SUCCESS":
            for old in self.deployments.values():
                if old.service_id == service_id and old.status in _SUPERSEDED:
                    old.status = "REMOVED"
        state = DeploymentState(
            id=new_id,
            service_id=service_id,
            created=created,
            status=final,
            behaviour=behaviour,
            commit=commit,
            replica_ids=[f"{new_id}-r{i}" for i in range(service.replicas)],
        )
        self.deployments[new_id] = state
        return state

    def alert_payload(self) -> dict[str, Any]:
        """The scenario's webhook, stamped with the moment it fires.

        A deep copy: scenarios are cached, and a caller editing the payload must not
        change the alert every later world sends.
        """
        fired = self.anchor + self.scenario.alert.offset_seconds
        payload = copy.deepcopy(self.scenario.alert.payload)
        payload["timestamp"] = iso_millis(fired)
        return payload

    def _switches(self, service: ServiceSpec) -> list[tuple[float, Behaviour]]:
        switches: list[tuple[float, Behaviour]] = [
            (d.created, d.behaviour)
            for d in self.deployments.values()
            if d.service_id == service.id
        ]
        if service.incident_offset_seconds is not None:
            switches.append((self.anchor + service.incident_offset_seconds, "incident"))
        switches.sort(key=lambda s: s[0])
        return switches


def _failing_status(service: ServiceSpec) -> str:
    # A service whose incident is a crash stays CRASHED when the "fix" does not help.
    crashed = [d for d in service.deployments if d.behaviour == "incident"]
    return crashed[-1].status if crashed else "SUCCESS"
