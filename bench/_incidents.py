"""The incident intake would open for a stand-in world's alert, for the benchmarks that need one."""

from __future__ import annotations

from pipeline.incidents.model import Alert, Incident, Target
from pipeline.intake.classify import Policy, classify
from pipeline.intake.railway_event import RailwayEvent, parse_railway_event
from standins.railway.world import World


def alert_event(world: World) -> RailwayEvent:
    """The world's Railway webhook, parsed as the receiver parses it."""
    return parse_railway_event(world.alert_payload())


def latest_deployment(world: World) -> str:
    """The id of the newest deployment of the scenario's incident service."""
    service = world.scenario.expected.service_id
    return max(world.deployments_of(service), key=lambda d: d.created).id


def incident_for(world: World, deployment_id: str | None) -> Incident:
    """What ``intake_railway_alert`` opens for the alert, naming ``deployment_id`` (or none).

    The service is the scenario's expected one: a monitor alert of some scenarios names no
    service the way intake needs, and the context is about that service either way.
    """
    event = alert_event(world)
    decision = classify(event, Policy())
    service = world.scenario.service(world.scenario.expected.service_id)
    assert service is not None, "a scenario's expected service is one of its services"
    return Incident(
        target=Target(
            project_id=event.project_id,
            environment_id=event.environment_id,
            service_id=service.id,
            service_name=service.name,
            deployment_id=deployment_id,
        ),
        kind=world.scenario.expected.kind,
        signature=decision.signature or world.scenario.expected.kind,
        alerts=[Alert(source="railway", kind=event.name.lower(), key="bench", at=event.timestamp)],
    )
