from __future__ import annotations

import httpx

from pipeline.context.providers import Provider, load_providers
from pipeline.statuspage.client import StatuspageClient
from pipeline.statuspage.evidence import upstream_evidence
from standins.statuspage import create_app, load_pages


def _providers(*ids: str) -> list[Provider]:
    table = {p.id: p for p in load_providers()}
    return [table[i] for i in ids]


def _http(scenario: dict[str, str]) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(scenario)))


async def test_serves_pages_by_provider_path_for_a_base_url() -> None:
    async with _http({"openai": "major_incident"}) as http:
        client = StatuspageClient(http, base_url="http://standin")
        openai, github = await client.statuses(_providers("openai", "github"))
    assert openai.indicator == "major"
    assert [i.impact for i in openai.incidents] == ["major"]
    assert [c.name for c in openai.affected_components] == ["API"]
    assert github.indicator == "none"
    assert upstream_evidence([openai, github]).verdict == "wait_it_out"


async def test_serves_pages_by_host_for_real_urls_in_process() -> None:
    async with _http({"github": "major_incident"}) as http:
        (github,) = await StatuspageClient(http).statuses(_providers("github"))
    assert github.indicator == "major"


async def test_unknown_provider_is_404_and_shows_as_unknown() -> None:
    async with _http({}) as http:
        response = await http.get("http://standin/nobody/api/v2/summary.json")
    assert response.status_code == 404


async def test_documents_are_shaped_like_statuspage_summaries() -> None:
    pages = load_pages()
    assert set(pages) >= {"operational", "major_incident"}
    for document in pages.values():
        assert {"page", "components", "incidents", "scheduled_maintenances", "status"} <= set(
            document
        )
