from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from pipeline.context.providers import Provider
from pipeline.errors import PermanentError, RateLimited, RetryableError
from pipeline.statuspage.client import StatuspageClient, summary_url

FIXTURES = Path(__file__).parents[3] / "fixtures" / "statuspage"
CLAUDE = FIXTURES / "claude_summary_minor_incident.json"
LINEAR = FIXTURES / "linear_summary_operational.json"
ANTHROPIC = Provider(
    id="anthropic", name="Anthropic", statuspage="https://status.claude.com", packages={}
)
NO_PAGE = Provider(id="slack", name="Slack", statuspage=None, packages={})

Handler = Callable[[httpx.Request], httpx.Response]


def _client(handler: Handler) -> StatuspageClient:
    return StatuspageClient(httpx.AsyncClient(transport=httpx.MockTransport(handler)), timeout=5)


def _serve(path: Path) -> Handler:
    return lambda request: httpx.Response(200, content=path.read_bytes())


async def test_reads_a_real_summary_with_an_active_incident() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, content=CLAUDE.read_bytes())

    status = await _client(handler).status(ANTHROPIC)
    assert seen == ["https://status.claude.com/api/v2/summary.json"]
    assert status.indicator == "none"
    assert status.known
    (incident,) = status.incidents
    assert incident.name == "Elevated connection reset errors in Cowork"
    assert (incident.impact, incident.status) == ("minor", "investigating")
    assert incident.started_at == datetime(2026, 3, 25, 14, 33, 53, 393000, tzinfo=UTC)
    assert incident.url == "https://stspg.io/5zt95qbyf06z"
    assert status.affected_components == ()


async def test_reads_an_incident_io_summary_without_an_incidents_key() -> None:
    status = await _client(_serve(LINEAR)).status(ANTHROPIC)
    assert status.indicator == "none"
    assert status.incidents == ()


async def test_resolved_incidents_and_operational_components_are_left_out() -> None:
    document = json.loads(CLAUDE.read_text())
    document["incidents"][0]["status"] = "resolved"
    document["components"][0]["status"] = "major_outage"
    document["status"] = {"indicator": "major", "description": "Partial System Outage"}
    status = await _client(lambda r: httpx.Response(200, json=document)).status(ANTHROPIC)
    assert status.incidents == ()
    assert [(c.name, c.status) for c in status.affected_components] == [
        ("claude.ai", "major_outage")
    ]
    assert status.indicator == "major"


def _raise(exc: Exception) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


@pytest.mark.parametrize(
    ("handler", "reason"),
    [
        (lambda r: httpx.Response(503), "HTTP 503"),
        (lambda r: httpx.Response(404), "HTTP 404"),
        (lambda r: httpx.Response(429, headers={"Retry-After": "30"}), "HTTP 429"),
        (lambda r: httpx.Response(200, text="<html>status</html>"), "not a Statuspage summary"),
        (lambda r: httpx.Response(200, json={"page": {}}), "not a Statuspage summary (status"),
        (lambda r: httpx.Response(200, json=[]), "not a Statuspage summary"),
        (_raise(httpx.ReadTimeout("slow")), "no answer within 5s"),
        (_raise(httpx.ConnectError("refused")), "unreachable (ConnectError)"),
    ],
)
async def test_unreadable_pages_are_unknown_with_a_reason(handler: Handler, reason: str) -> None:
    status = await _client(handler).status(ANTHROPIC)
    assert status.indicator == "unknown"
    assert not status.known
    assert status.reason is not None
    assert reason in status.reason


@pytest.mark.parametrize(
    ("handler", "error"),
    [
        (lambda r: httpx.Response(502), RetryableError),
        (lambda r: httpx.Response(401), PermanentError),
        (lambda r: httpx.Response(200, text="nope"), PermanentError),
        (_raise(httpx.ConnectTimeout("slow")), RetryableError),
    ],
)
async def test_summary_raises_our_errors(handler: Handler, error: type[Exception]) -> None:
    with pytest.raises(error):
        await _client(handler).summary("https://status.example.com/api/v2/summary.json")


async def test_rate_limit_carries_retry_after() -> None:
    client = _client(lambda r: httpx.Response(429, headers={"Retry-After": "12"}))
    with pytest.raises(RateLimited) as caught:
        await client.summary("https://status.example.com/api/v2/summary.json")
    assert caught.value.retry_after == 12


async def test_provider_without_a_statuspage_is_unknown_without_a_request() -> None:
    status = await _client(_raise(AssertionError("no request expected"))).status(NO_PAGE)
    assert status.indicator == "unknown"
    assert status.reason == "no Statuspage-format page known for this provider"


async def test_statuses_keeps_the_order_given() -> None:
    statuses = await _client(_serve(LINEAR)).statuses([ANTHROPIC, NO_PAGE])
    assert [s.provider_id for s in statuses] == ["anthropic", "slack"]


@pytest.mark.parametrize(
    ("provider", "base", "expected"),
    [
        (ANTHROPIC, None, "https://status.claude.com/api/v2/summary.json"),
        (
            ANTHROPIC,
            "http://127.0.0.1:9000/",
            "http://127.0.0.1:9000/anthropic/api/v2/summary.json",
        ),
        (NO_PAGE, None, None),
        (NO_PAGE, "http://standin", None),
    ],
)
def test_summary_url(provider: Provider, base: str | None, expected: str | None) -> None:
    assert summary_url(provider, base) == expected
