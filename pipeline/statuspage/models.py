"""A provider's status as autofix sees it, and the parsing of a Statuspage summary into it.

Pages hosted by incident.io answer the same ``/api/v2/summary.json`` shape but leave out
``incidents`` when there are none, so every list defaults to empty.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Indicator = Literal["none", "minor", "major", "critical", "maintenance", "unknown"]
_FINISHED = frozenset({"resolved", "postmortem", "completed"})


class Incident(BaseModel):
    """An unresolved incident on a provider's page."""

    model_config = ConfigDict(frozen=True)

    name: str
    impact: str
    status: str
    started_at: datetime | None
    url: str | None = None
    components: tuple[str, ...] = ()


class ComponentState(BaseModel):
    """A component that is not operational."""

    model_config = ConfigDict(frozen=True)

    name: str
    status: str


class ProviderStatus(BaseModel):
    """What a provider's status page says now, or why we could not tell."""

    model_config = ConfigDict(frozen=True)

    provider_id: str
    name: str
    indicator: Indicator
    description: str = ""
    incidents: tuple[Incident, ...] = ()
    affected_components: tuple[ComponentState, ...] = ()
    implies_service: bool = True
    reason: str | None = None

    @property
    def known(self) -> bool:
        """Whether the page was read."""
        return self.indicator != "unknown"


class _Status(BaseModel):
    indicator: str
    description: str = ""


class _Component(BaseModel):
    name: str
    status: str
    group: bool = False


class _Incident(BaseModel):
    name: str
    status: str
    impact: str = "none"
    started_at: datetime | None = None
    created_at: datetime | None = None
    shortlink: str | None = None
    components: list[_Component] = Field(default_factory=list)


class Summary(BaseModel):
    """The parts of ``/api/v2/summary.json`` that autofix reads."""

    status: _Status
    components: list[_Component] = Field(default_factory=list)
    incidents: list[_Incident] = Field(default_factory=list)


def status_from_summary(
    summary: Summary, provider_id: str, name: str, *, implies_service: bool = True
) -> ProviderStatus:
    """A ``ProviderStatus`` from a parsed summary: active incidents and degraded components only."""
    indicator = summary.status.indicator
    known: tuple[Indicator, ...] = ("none", "minor", "major", "critical", "maintenance")
    return ProviderStatus(
        provider_id=provider_id,
        name=name,
        indicator=next((k for k in known if k == indicator), "unknown"),
        description=summary.status.description,
        incidents=tuple(_incident(i) for i in summary.incidents if i.status not in _FINISHED),
        affected_components=tuple(
            ComponentState(name=c.name, status=c.status)
            for c in summary.components
            if c.status != "operational" and not c.group
        ),
        implies_service=implies_service,
        reason=None if indicator in known else f"unexpected indicator {indicator!r}",
    )


def _incident(raw: _Incident) -> Incident:
    return Incident(
        name=raw.name,
        impact=raw.impact,
        status=raw.status,
        started_at=raw.started_at or raw.created_at,
        url=raw.shortlink,
        components=tuple(c.name for c in raw.components),
    )
