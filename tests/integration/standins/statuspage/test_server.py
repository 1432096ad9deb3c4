"""The stand-in over real HTTP on loopback, read by the real client, as the demo does."""

from __future__ import annotations

import httpx

from config.settings import load_settings
from pipeline.context.providers import load_providers
from pipeline.statuspage.client import StatuspageClient
from pipeline.statuspage.evidence import upstream_evidence
from standins.statuspage import DEMO_SCENARIO, StatuspageStandin


async def test_demo_scenario_over_http_gives_wait_it_out_evidence() -> None:
    providers = [p for p in load_providers() if p.id in {"openai", "stripe", "slack"}]
    with StatuspageStandin(DEMO_SCENARIO) as standin:
        settings = load_settings({"AUTOFIX_STATUSPAGE_BASE_URL": standin.base_url}, env_file=None)
        async with httpx.AsyncClient() as http:
            client = StatuspageClient(
                http,
                timeout=settings.statuspage_timeout_seconds,
                base_url=settings.statuspage_base_url,
            )
            statuses = {s.provider_id: s for s in await client.statuses(providers)}
    assert statuses["openai"].indicator == "major"
    assert statuses["stripe"].indicator == "none"
    assert statuses["slack"].indicator == "unknown"
    assert upstream_evidence(list(statuses.values())).verdict == "wait_it_out"


async def test_a_stopped_standin_reads_as_unknown_not_a_crash() -> None:
    standin = StatuspageStandin().start()
    base_url = standin.base_url
    standin.stop()
    (provider,) = [p for p in load_providers() if p.id == "github"]
    async with httpx.AsyncClient() as http:
        status = await StatuspageClient(http, timeout=2, base_url=base_url).status(provider)
    assert status.indicator == "unknown"
    assert status.reason is not None
    assert "unreachable" in status.reason
