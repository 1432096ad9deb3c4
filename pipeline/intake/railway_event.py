"""Railway webhook payloads, both formats, parsed into one typed event.

Current format (since 2025-11): ``{type: "Deployment.failed", details, resource: {workspace,
project, environment, service, deployment}, severity, timestamp}``. Legacy format (2025-01 to
2025-11): ``{type: "DEPLOY", timestamp, project, environment, deployment, status?}``.
Event types are matched case-insensitively and with any word separator, so
``Deployment.oomKilled``, ``Deployment.OomKilled`` and ``deployment.oom_killed`` are one.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError, field_validator

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+")
_MAX_DETAIL_CHARS = 500


class PayloadError(ValueError):
    """The payload is not a Railway event we can read; the message says why."""


class RailwayEvent(BaseModel):
    """A Railway webhook, normalised."""

    type: str
    resource: str
    action: str
    timestamp: datetime
    severity: str | None = None
    project_id: str | None = None
    project_name: str | None = None
    environment_id: str | None = None
    environment_name: str | None = None
    ephemeral: bool | None = None
    service_id: str | None = None
    service_name: str | None = None
    deployment_id: str | None = None
    volume_id: str | None = None
    commit_hash: str | None = None
    commit_message: str | None = None
    details: dict[str, str | int | float | bool | None] = {}

    @field_validator("timestamp")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        # Railway stamps in UTC. A stamp without a zone is read as UTC: left naive, it would
        # fail the incident later, when compared with the aware stamp of another alert.
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)

    @property
    def name(self) -> str:
        """``RESOURCE.ACTION``, e.g. ``DEPLOYMENT.OOM_KILLED``."""
        return f"{self.resource}.{self.action}"

    def dedupe_key(self) -> str:
        """Same event, same key: Railway sends no delivery id, so we derive one."""
        parts = [
            self.name,
            self.project_id,
            self.environment_id,
            self.service_id,
            self.deployment_id,
            self.volume_id,
            self.timestamp.isoformat(),
        ]
        return hashlib.sha256("|".join(p or "" for p in parts).encode()).hexdigest()[:32]


def normalise(word: str) -> str:
    """``oomKilled`` / ``OomKilled`` / ``oom_killed`` → ``OOM_KILLED``."""
    return "_".join(w.upper() for w in _WORD_BOUNDARY.split(word.strip()) if w)


def parse_railway_event(payload: Any) -> RailwayEvent:
    """Parse either payload format; raise :class:`PayloadError` with a reason on anything else."""
    if not isinstance(payload, dict):
        raise PayloadError("expected a JSON object")
    kind = payload.get("type")
    if not isinstance(kind, str) or not kind.strip():
        raise PayloadError("missing 'type' (e.g. \"Deployment.failed\")")
    fields = _legacy_fields(payload) if "resource" not in payload else _current_fields(payload)
    try:
        return RailwayEvent.model_validate(
            {"type": kind, **fields, "timestamp": payload.get("timestamp")}
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PayloadError(f"{where}: {first['msg']}") from None


def _current_fields(payload: dict[str, Any]) -> dict[str, Any]:
    resource = _obj(payload, "resource")
    details = _obj(payload, "details")
    head, _, tail = str(payload["type"]).partition(".")
    project, env = _obj(resource, "project"), _obj(resource, "environment")
    service, deployment, volume = (
        _obj(resource, "service"),
        _obj(resource, "deployment"),
        _obj(resource, "volume"),
    )
    return {
        "resource": normalise(head),
        "action": normalise(tail) if tail else normalise(str(details.get("status") or "")),
        "severity": _str(payload.get("severity")),
        "project_id": _str(project.get("id")),
        "project_name": _str(project.get("name")),
        "environment_id": _str(env.get("id")),
        "environment_name": _str(env.get("name")),
        "ephemeral": env.get("isEphemeral") if isinstance(env.get("isEphemeral"), bool) else None,
        "service_id": _str(service.get("id")),
        "service_name": _str(service.get("name")),
        "deployment_id": _str(deployment.get("id")),
        "volume_id": _str(volume.get("id")) or _str(details.get("volumeId")),
        "commit_hash": _str(details.get("commitHash")),
        "commit_message": _str(details.get("commitMessage")),
        "details": _scalars(details),
    }


def _legacy_fields(payload: dict[str, Any]) -> dict[str, Any]:
    project, env, deployment = (
        _obj(payload, "project"),
        _obj(payload, "environment"),
        _obj(payload, "deployment"),
    )
    status = payload.get("status") or deployment.get("status") or ""
    meta = _obj(deployment, "meta")
    service = _obj(payload, "service")
    return {
        "resource": "DEPLOYMENT"
        if normalise(str(payload["type"])) == "DEPLOY"
        else normalise(str(payload["type"])),
        "action": normalise(str(status)) or "UNKNOWN",
        "project_id": _str(project.get("id")),
        "project_name": _str(project.get("name")),
        "environment_id": _str(env.get("id")),
        "environment_name": _str(env.get("name")),
        "service_id": _str(service.get("id")) or _str(meta.get("serviceId")),
        "service_name": _str(service.get("name")),
        "deployment_id": _str(deployment.get("id")),
        "commit_hash": _str(meta.get("commitHash")),
        "commit_message": _str(meta.get("commitMessage")),
    }


def _obj(parent: dict[str, Any], key: str) -> dict[str, Any]:
    value = parent.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PayloadError(f"'{key}' must be an object, got {type(value).__name__}")
    return value


def _str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()[:_MAX_DETAIL_CHARS]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _scalars(details: dict[str, Any]) -> dict[str, str | int | float | bool | None]:
    out: dict[str, str | int | float | bool | None] = {}
    for key, value in list(details.items())[:30]:
        if isinstance(value, str):
            out[str(key)[:64]] = value[:_MAX_DETAIL_CHARS]
        elif isinstance(value, bool | None) or (
            isinstance(value, int | float) and abs(value) < 1e15
        ):
            out[str(key)[:64]] = value
    return out
