"""The stand-in answers like a GraphQL server and like Railway: validation, auth, quotas."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from pipeline.railway import (
    RailwayAuthError,
    RailwayClient,
    RailwayCredentials,
    RailwayQueryError,
    RetryPolicy,
)
from pipeline.railway.queries import Operation, operation
from pipeline.railway.transport import GraphQLTransport
from standins.railway import StandinState, World
from tests.integration.standins.railway.support import ACCOUNT_TOKEN, PROJECT_TOKEN, URL

BEARER = {"Authorization": f"Bearer {ACCOUNT_TOKEN}"}


async def post(
    http: httpx.AsyncClient, query: str, headers: dict[str, str] | None = None, **variables: Any
) -> httpx.Response:
    body = {"query": query, "variables": variables}
    return await http.post(URL, json=body, headers=BEARER if headers is None else headers)


async def test_a_valid_document_runs(http: httpx.AsyncClient, world: World) -> None:
    response = await post(
        http, "query P($id: String!) { project(id: $id) { id name } }", id=world.scenario.project.id
    )
    assert response.status_code == 200
    assert response.json() == {
        "data": {"project": {"id": world.scenario.project.id, "name": "acme-shop"}}
    }


@pytest.mark.parametrize(
    ("query", "complaint"),
    [
        # Deliberately invalid: the reference demo's httpLogs window the schema no longer has.
        (
            'query H($d: String!) { httpLogs(deploymentId: $d, startDate: "x") { timestamp } }',
            "Unknown argument 'startDate'",
        ),
        (
            "query { deployments(input: {status: {successfulOnly: true}}) "
            "{ edges { node { id } } } }",
            "successfulOnly",
        ),
        ('query { project(id: "p") { id colour } }', "Cannot query field 'colour'"),
        ("query { project(id: ", "Syntax Error"),
    ],
)
async def test_an_invalid_document_is_rejected_without_data(
    http: httpx.AsyncClient, state: StandinState, query: str, complaint: str
) -> None:
    response = await post(http, query)
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert any(complaint in e["message"] for e in body["errors"])
    assert state.requests[-1].status == 400


async def test_the_client_reports_a_rejected_document_with_its_operation(
    http: httpx.AsyncClient,
) -> None:
    transport = GraphQLTransport(
        http, url=URL, credentials=RailwayCredentials.account(ACCOUNT_TOKEN), retry=RetryPolicy()
    )
    broken = Operation("Deployment", operation("Deployment").document.replace("staticUrl", "url2"))
    with pytest.raises(
        RailwayQueryError, match=r"Railway Deployment\(id='x'\): Cannot query"
    ) as caught:
        await transport.execute(broken, {"id": "x"})
    assert caught.value.status == 400


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        (BEARER, True),
        ({"Project-Access-Token": PROJECT_TOKEN}, True),
        ({"Authorization": f"Bearer {PROJECT_TOKEN}"}, False),
        ({"Project-Access-Token": ACCOUNT_TOKEN}, False),
        ({"Authorization": "Bearer wrong"}, False),
        ({}, False),
    ],
)
async def test_auth_headers(
    http: httpx.AsyncClient, world: World, headers: dict[str, str], allowed: bool
) -> None:
    response = await post(
        http,
        "query P($id: String!) { project(id: $id) { id } }",
        headers,
        id=world.scenario.project.id,
    )
    assert response.status_code == 200
    body = response.json()
    if allowed:
        assert body["data"]["project"]["id"] == world.scenario.project.id
    else:
        assert body == {"errors": [{"message": "Not Authorized"}], "data": None}


async def test_client_with_a_project_token(
    http: httpx.AsyncClient, world: World, state: StandinState
) -> None:
    client = RailwayClient(http, url=URL, credentials=RailwayCredentials.project(PROJECT_TOKEN))
    project = await client.project_architecture(world.scenario.project.id)
    assert project.name == "acme-shop"
    assert state.requests[-1].auth == "project"


async def test_client_with_a_wrong_token_gets_an_auth_error(
    http: httpx.AsyncClient, world: World
) -> None:
    client = RailwayClient(http, url=URL, credentials=RailwayCredentials.account("nope"))
    with pytest.raises(RailwayAuthError, match="Not Authorized"):
        await client.deployment("any")


async def test_unknown_ids_are_errors_like_railway(client: RailwayClient) -> None:
    with pytest.raises(RailwayQueryError, match="Deployment not found"):
        await client.deployment("no-such-deployment")


async def test_quota_headers_are_reported(client: RailwayClient, world: World) -> None:
    await client.project_architecture(world.scenario.project.id)
    assert client.rate_limit is not None
    assert client.rate_limit.limit == 10_000
    assert client.rate_limit.remaining == 9_999
