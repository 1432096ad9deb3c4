"""Is an upstream provider's incident the likely cause? Evidence for "wait it out".

A major or critical incident at a provider the service really calls, started before our
trouble began (or soon after: status pages lag), is strong evidence that a code change will
not help. Minor incidents, degraded components, maintenance, and providers we only know
through a client library Railway may host itself (Redis, MongoDB) are weaker evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from pipeline.context.sections import Section, text_section
from pipeline.statuspage.models import Incident, ProviderStatus

Verdict = Literal["wait_it_out", "possible", "none"]
# Providers often post an incident some minutes after it starts.
REPORTING_LAG = timedelta(minutes=60)
_SEVERE = frozenset({"major", "critical"})


class UpstreamEvidence(BaseModel):
    """What status pages say about the providers a service depends on."""

    model_config = ConfigDict(frozen=True)

    verdict: Verdict
    reasons: tuple[str, ...]
    affected: tuple[str, ...]
    unknown: tuple[str, ...]


def upstream_evidence(
    statuses: Sequence[ProviderStatus], *, trouble_started: datetime | None = None
) -> UpstreamEvidence:
    """Summarise ``statuses`` against the moment our own trouble started."""
    strong: list[str] = []
    weak: list[str] = []
    affected: list[str] = []
    for status in statuses:
        if not status.known:
            continue
        reasons, severe = _reasons(status, trouble_started)
        if reasons:
            affected.append(status.provider_id)
            (strong if severe and status.implies_service else weak).extend(reasons)
    verdict: Verdict = "wait_it_out" if strong else "possible" if weak else "none"
    return UpstreamEvidence(
        verdict=verdict,
        reasons=tuple(strong + weak),
        affected=tuple(affected),
        unknown=tuple(s.provider_id for s in statuses if not s.known),
    )


def _reasons(status: ProviderStatus, started: datetime | None) -> tuple[list[str], bool]:
    reasons = []
    severe = False
    for incident in status.incidents:
        relevant = _in_time(incident, started)
        severe = severe or (relevant and incident.impact in _SEVERE)
        reasons.append(_describe(status, incident, relevant))
    if status.indicator in _SEVERE and not status.incidents:
        severe = True
        reasons.append(f"{status.name}: page reports {status.indicator} ({status.description})")
    if status.affected_components and not reasons:
        names = ", ".join(f"{c.name} ({c.status})" for c in status.affected_components[:5])
        reasons.append(f"{status.name}: degraded components: {names}")
    if status.indicator == "maintenance" and not reasons:
        reasons.append(f"{status.name}: maintenance in progress")
    return reasons, severe


def _in_time(incident: Incident, started: datetime | None) -> bool:
    if started is None or incident.started_at is None:
        return True
    return incident.started_at <= started + REPORTING_LAG


def _describe(status: ProviderStatus, incident: Incident, relevant: bool) -> str:
    since = (
        f" since {incident.started_at.isoformat(timespec='minutes')}" if incident.started_at else ""
    )
    late = "" if relevant else " (began well after our trouble)"
    parts = f"; components: {', '.join(incident.components[:5])}" if incident.components else ""
    return (
        f"{status.name}: {incident.impact} incident {incident.name!r} "
        f"({incident.status}){since}{late}{parts}"
    )


def upstream_text(evidence: UpstreamEvidence, statuses: Sequence[ProviderStatus]) -> str:
    """Evidence and per-provider lines as compact text for the context."""
    lines = [f"verdict: {evidence.verdict}"]
    lines.extend(f"- {reason}" for reason in evidence.reasons)
    quiet = [s.name for s in statuses if s.known and s.provider_id not in evidence.affected]
    if quiet:
        lines.append(f"operational: {', '.join(quiet)}")
    for status in statuses:
        if not status.known:
            lines.append(f"unknown: {status.name} ({status.reason})")
    return "\n".join(lines)


def upstream_section(
    evidence: UpstreamEvidence, statuses: Sequence[ProviderStatus], *, priority: int = 20
) -> Section:
    """The upstream evidence as a context section; compact form keeps verdict and reasons."""
    full = upstream_text(evidence, statuses)
    compact = "\n".join([f"verdict: {evidence.verdict}", *(f"- {r}" for r in evidence.reasons)])
    return text_section("upstream", "Upstream providers", full, priority=priority, compact=compact)
