from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pipeline.statuspage.evidence import upstream_evidence, upstream_text
from pipeline.statuspage.models import ComponentState, Incident, Indicator, ProviderStatus

T0 = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)


def _status(
    indicator: Indicator = "none",
    incidents: tuple[Incident, ...] = (),
    components: tuple[ComponentState, ...] = (),
    implies_service: bool = True,
    provider: str = "openai",
) -> ProviderStatus:
    return ProviderStatus(
        provider_id=provider,
        name=provider.title(),
        indicator=indicator,
        incidents=incidents,
        affected_components=components,
        implies_service=implies_service,
        reason="timeout" if indicator == "unknown" else None,
    )


def _incident(impact: str, started: datetime | None = T0) -> Incident:
    return Incident(
        name="Elevated errors", impact=impact, status="investigating", started_at=started
    )


@pytest.mark.parametrize(
    ("status", "verdict"),
    [
        (_status(), "none"),
        (_status("major", (_incident("major"),)), "wait_it_out"),
        (_status("critical"), "wait_it_out"),
        (_status("none", (_incident("critical", T0 - timedelta(hours=2)),)), "wait_it_out"),
        (_status("minor", (_incident("minor"),)), "possible"),
        (_status("major", (_incident("major"),), implies_service=False), "possible"),
        (_status("major", (_incident("major", T0 + timedelta(hours=3)),)), "possible"),
        (
            _status(
                "minor", components=(ComponentState(name="API", status="degraded_performance"),)
            ),
            "possible",
        ),
        (_status("maintenance"), "possible"),
        (_status("unknown"), "none"),
    ],
)
def test_verdict(status: ProviderStatus, verdict: str) -> None:
    assert upstream_evidence([status], trouble_started=T0).verdict == verdict


def test_evidence_names_affected_and_unknown_providers() -> None:
    statuses = [
        _status("major", (_incident("major"),), provider="stripe"),
        _status(provider="github"),
        _status("unknown", provider="sentry"),
    ]
    evidence = upstream_evidence(statuses, trouble_started=T0)
    assert evidence.affected == ("stripe",)
    assert evidence.unknown == ("sentry",)
    assert evidence.reasons == (
        "Stripe: major incident 'Elevated errors' (investigating) since 2026-03-14T09:00+00:00",
    )


def test_text_lists_verdict_reasons_quiet_and_unknown_providers() -> None:
    statuses = [
        _status("major", (_incident("major"),)),
        _status(provider="github"),
        _status("unknown", provider="sentry"),
    ]
    text = upstream_text(upstream_evidence(statuses), statuses)
    assert text.splitlines() == [
        "verdict: wait_it_out",
        "- Openai: major incident 'Elevated errors' (investigating) since 2026-03-14T09:00+00:00",
        "operational: Github",
        "unknown: Sentry (timeout)",
    ]
