"""What to do with a Railway event: open (or attach to) an incident, resolve one, or ignore it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from config.settings import Settings
from pipeline.intake.railway_event import RailwayEvent

Action = Literal["open", "resolve", "ignore"]

_DEPLOYMENT_PROBLEMS: dict[str, tuple[str, str]] = {
    # action -> (kind, signature); OOM and a memory monitor share a signature: same problem.
    "OOM_KILLED": ("oom", "memory"),
    "CRASHED": ("crash", "crash"),
    "RESTARTED": ("crash", "crash"),
    "FAILED": ("deploy_failed", "deploy"),
}
_MONITOR_METRICS = {
    "memory": "memory",
    "ram": "memory",
    "cpu": "cpu",
    "disk": "disk",
    "network": "network",
}
_HEALTHY_DEPLOYS = {"DEPLOYED", "REDEPLOYED", "SUCCESS"}


@dataclass(frozen=True)
class Policy:
    """Which events are in scope."""

    project_ids: Collection[str] = ()
    include_ephemeral: bool = False
    own_service_ids: Collection[str] = ()

    @classmethod
    def from_settings(cls, settings: Settings) -> Policy:
        """The allowlist (or the one project autofix points at), PR environments, itself."""
        projects = settings.railway_project_ids or (
            (settings.railway_project_id,) if settings.railway_project_id else ()
        )
        own = (settings.own_service_id,) if settings.own_service_id else ()
        return cls(
            project_ids=projects, include_ephemeral=settings.include_ephemeral, own_service_ids=own
        )

    def allows_project(self, project_id: str | None) -> bool:
        """An empty allowlist allows every project."""
        return not self.project_ids or project_id in self.project_ids


@dataclass(frozen=True)
class Classification:
    """The decision, and for incidents the kind and signature that de-duplicate them."""

    action: Action
    reason: str
    kind: str = ""
    signature: str = ""


def classify(event: RailwayEvent, policy: Policy) -> Classification:
    """Decide what ``event`` means for autofix (pure)."""
    out_of_scope = _out_of_scope(event, policy)
    if out_of_scope:
        return Classification("ignore", out_of_scope)
    if event.resource == "DEPLOYMENT":
        return _deployment(event)
    if event.resource == "MONITOR":
        return _monitor(event)
    if event.resource == "VOLUME_ALERT":
        return _volume(event)
    return Classification("ignore", f"event type {event.type!r} is not one autofix acts on")


def _out_of_scope(event: RailwayEvent, policy: Policy) -> str:
    if not policy.allows_project(event.project_id):
        return f"project {event.project_id!r} is not in AUTOFIX_RAILWAY_PROJECT_IDS"
    if event.ephemeral and not policy.include_ephemeral:
        env = event.environment_name or event.environment_id
        return f"environment {env!r} is ephemeral (a PR environment)"
    if event.service_id and event.service_id in policy.own_service_ids:
        return "the event is about autofix's own service"
    return ""


def _deployment(event: RailwayEvent) -> Classification:
    if event.action in _DEPLOYMENT_PROBLEMS:
        if not event.service_id and not event.deployment_id:
            return Classification(
                "ignore", "deployment event names neither a service nor a deployment"
            )
        kind, signature = _DEPLOYMENT_PROBLEMS[event.action]
        return Classification("open", f"deployment {event.action.lower()}", kind, signature)
    if event.action in _HEALTHY_DEPLOYS:
        return Classification(
            "resolve", "a healthy deployment may end an open crash or deploy incident"
        )
    return Classification("ignore", f"deployment status {event.action.lower()} needs no action")


def _monitor(event: RailwayEvent) -> Classification:
    metric = str(event.details.get("metric") or "").lower()
    signature = _MONITOR_METRICS.get(metric, "monitor")
    if event.action == "TRIGGERED":
        if not event.service_id:
            return Classification("ignore", "monitor alert names no service")
        return Classification(
            "open", f"{metric or 'resource'} monitor triggered", f"monitor_{signature}", signature
        )
    if event.action == "RESOLVED":
        return Classification("resolve", "monitor resolved", f"monitor_{signature}", signature)
    return Classification("ignore", f"monitor {event.action.lower()} needs no action")


def _volume(event: RailwayEvent) -> Classification:
    signature = f"volume:{event.volume_id or event.service_id or event.environment_id or 'unknown'}"
    if event.action == "TRIGGERED":
        return Classification("open", "volume usage alert", "volume", signature)
    if event.action == "RESOLVED":
        return Classification("resolve", "volume alert resolved", "volume", signature)
    return Classification("ignore", f"volume alert {event.action.lower()} needs no action")
