from __future__ import annotations

import httpx

from config.railway import RailwaySettings
from pipeline.railway import RailwayClient


async def test_from_settings_uses_the_configured_url_token_and_timeout() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            json={
                "data": {
                    "deployment": {
                        "id": "d",
                        "status": "SUCCESS",
                        "createdAt": "2026-03-01T00:00:00Z",
                        "projectId": "p",
                        "environmentId": "e",
                    }
                }
            },
        )

    settings = RailwaySettings.model_validate(
        {
            "RAILWAY_API_URL": "http://railway.local/graphql/v2",
            "RAILWAY_TOKEN": "project-token",
            "RAILWAY_TIMEOUT_SECONDS": "7",
        }
    )
    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
        deployment = await RailwayClient.from_settings(http, settings).deployment("d")
    assert deployment.id == "d"
    assert str(seen[0].url) == "http://railway.local/graphql/v2"
    assert seen[0].headers["project-access-token"] == "project-token"
    assert "authorization" not in seen[0].headers
    assert seen[0].extensions["timeout"]["read"] == 7.0
