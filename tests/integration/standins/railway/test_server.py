"""The stand-in as a real server on a loopback port, steered through /_control."""

from __future__ import annotations

import httpx

from pipeline.railway import RailwayClient, RailwayCredentials
from standins.railway import RailwayStandin, world_for
from tests.integration.standins.railway.support import ACCOUNT_TOKEN


async def test_real_server_answers_the_client_and_its_control_routes() -> None:
    world = world_for("error_spike_after_deploy", alert_age_seconds=300)
    with RailwayStandin(world) as railway:
        assert railway.graphql_url.startswith("http://127.0.0.1:")
        async with httpx.AsyncClient(base_url=railway.url) as http:
            client = RailwayClient(
                http, url=railway.graphql_url, credentials=RailwayCredentials.account(ACCOUNT_TOKEN)
            )
            project = await client.project_architecture(world.scenario.project.id)
            assert project.id == world.scenario.project.id

            scenario = (await http.get("/_control/scenario")).json()
            assert scenario["alert"]["type"] == "Deployment.deployed"
            assert scenario["expected"]["verdict"] == "confirm"

            recorded = (await http.get("/_control/requests")).json()
            assert [r["operation"] for r in recorded] == ["ProjectArchitecture"]
            assert (await http.delete("/_control/requests")).status_code == 204

            armed = await http.post("/_control/faults", json={"kind": "server_error", "times": 2})
            assert armed.json()[0]["kind"] == "server_error"
            assert (await http.post("/_control/faults", json={"kind": "boom"})).status_code == 422
            assert (await http.delete("/_control/faults")).status_code == 204
            assert (await http.get("/_control/faults")).json() == []
