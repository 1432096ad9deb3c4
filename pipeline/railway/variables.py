"""How the client's Python arguments become GraphQL variables."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from pipeline.railway.models import DeploymentStatus


def iso(moment: datetime) -> str:
    """``DateTime`` as Railway reads it: UTC, milliseconds, ``Z``."""
    if moment.tzinfo is None:
        # A naive time would silently mean the server's zone; refuse it instead.
        raise ValueError(f"naive datetime {moment!r}: Railway needs an aware (UTC) time")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def iso_or_none(moment: datetime | None) -> str | None:
    """``iso`` for an optional time."""
    return None if moment is None else iso(moment)


def log_variables(
    deployment_id: str,
    start: datetime | None,
    end: datetime | None,
    limit: int,
    filter: str | None,
) -> dict[str, Any]:
    """Variables of ``BuildLogs`` and ``DeploymentLogs``."""
    return {"deploymentId": deployment_id, **log_window_variables(start, end, limit, filter)}


def log_window_variables(
    start: datetime | None, end: datetime | None, limit: int, filter: str | None
) -> dict[str, Any]:
    """The variables every log query shares; ``DeploymentLogsBatch`` adds ``d0``, ``d1``..."""
    return {
        "limit": limit,
        "filter": filter,
        "startDate": iso_or_none(start),
        "endDate": iso_or_none(end),
    }


def deployment_list_input(
    service_id: str, environment_id: str, statuses: Iterable[DeploymentStatus] | None
) -> dict[str, Any]:
    """A ``DeploymentListInput``; ``status`` is left out, not null, when any status will do."""
    list_input: dict[str, Any] = {"serviceId": service_id, "environmentId": environment_id}
    if statuses is not None:
        list_input["status"] = {"in": [status.value for status in statuses]}
    return list_input
