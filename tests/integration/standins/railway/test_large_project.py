"""A ten-service project: limits for all services cost one request, not one per service."""

from __future__ import annotations

import httpx

from pipeline.railway import RailwayClient, RailwayCredentials
from standins.railway import create_app, world_for
from standins.railway.large_project import large_project
from tests.integration.standins.railway.support import ACCOUNT_TOKEN, URL, FakeClock


async def test_limits_for_every_service_in_one_call() -> None:
    scenario = large_project(10)
    clock = FakeClock()
    world = world_for(scenario, clock=clock)
    app = create_app(world)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as http:
        client = RailwayClient(
            http, url=URL, credentials=RailwayCredentials.account(ACCOUNT_TOKEN), clock=clock
        )
        project = await client.project_architecture(scenario.project.id)
        limits = await client.resource_limits(scenario.project.id, scenario.environment.id)
    services = project.environments[0].services
    assert len(services) == 12
    assert len({s.repo for s in services if s.repo}) == 10
    assert set(limits.services) == {s.service_id for s in services}
    assert app.state.railway.operations() == ["ProjectArchitecture", "ResourceLimits"]
