"""A bigger project for fan-out benchmarks: one scenario's app service cloned many times."""

from __future__ import annotations

from typing import Any

from standins.railway.catalog import load_scenario
from standins.railway.scenario import Scenario, ServiceSpec


def large_project(services: int = 10, *, base: str = "healthy_cpu_spikes") -> Scenario:
    """``base`` with its first app service cloned ``services`` times; databases kept once.

    Ids are derived from the clone's number, so two calls give the same project.
    """
    scenario = load_scenario(base)
    template = next(s for s in scenario.services if s.repo)
    databases = [s for s in scenario.services if s.image]
    clones = [_clone(template, n) for n in range(services)]
    first = clones[0]
    alert = scenario.alert.model_copy(update={"payload": _retarget(scenario.alert.payload, first)})
    return scenario.model_copy(
        update={
            "name": f"{base}_x{services}",
            "description": f"{scenario.description} ({services} copies of {template.name}.)",
            "services": [*clones, *databases],
            "expected": scenario.expected.model_copy(update={"service_id": first.id}),
            "alert": alert,
        }
    )


def _clone(template: ServiceSpec, n: int) -> ServiceSpec:
    suffix = f"{n:03d}"
    volume = (
        template.volume.model_copy(
            update={
                "id": f"{template.volume.id}-{suffix}",
                "instance_id": f"{template.volume.instance_id}-{suffix}",
            }
        )
        if template.volume
        else None
    )
    return template.model_copy(
        update={
            "id": f"{template.id}-{suffix}",
            "name": f"{template.name}-{suffix}",
            "instance_id": f"{template.instance_id}-{suffix}",
            "repo": f"{template.repo}-{suffix}",
            "volume": volume,
            "deployments": [
                d.model_copy(update={"id": f"{d.id}-{suffix}"}) for d in template.deployments
            ],
        }
    )


def _retarget(payload: dict[str, Any], service: ServiceSpec) -> dict[str, Any]:
    resource = dict(payload.get("resource") or {})
    resource["service"] = {"id": service.id, "name": service.name}
    return {**payload, "resource": resource}
