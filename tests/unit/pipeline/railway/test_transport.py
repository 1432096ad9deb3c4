"""The client's HTTP behaviour, against small hand-written transports."""

from __future__ import annotations

import json

import httpx
import pytest

from pipeline.errors import RateLimited, RetryableError
from pipeline.railway.auth import RailwayCredentials
from pipeline.railway.errors import RailwayAuthError, RailwayQueryError
from pipeline.railway.queries import Operation
from pipeline.railway.responses import DeploymentData
from pipeline.railway.retry import RetryPolicy
from pipeline.railway.transport import GraphQLTransport

URL = "https://railway.test/graphql/v2"
OPERATION = Operation(name="Deployment", document="query Deployment($id: String!) { x }")
NOW = 1_750_000_000.0


class Sleeps:
    """A sleep that returns at once and remembers how long it was asked to wait."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


class Script:
    """A transport answering from a list of responses, counting requests."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


def ok(data: object) -> httpx.Response:
    return httpx.Response(200, json={"data": data})


async def call(script: Script, sleeps: Sleeps | None = None, **variables: object) -> object:
    policy = RetryPolicy(max_attempts=3, base_delay=0.1, max_wait=5.0, sleep=sleeps or Sleeps())
    async with httpx.AsyncClient(transport=httpx.MockTransport(script)) as http:
        transport = GraphQLTransport(
            http,
            url=URL,
            credentials=RailwayCredentials.account("tok"),
            retry=policy,
            clock=lambda: NOW,
        )
        return await transport.execute(OPERATION, variables or {"id": "d-1"})


async def test_sends_the_document_variables_and_auth_header() -> None:
    script = Script(ok({"deployment": {"id": "d-1"}}))
    assert await call(script) == {"deployment": {"id": "d-1"}}
    sent = script.requests[0]
    assert sent.headers["authorization"] == "Bearer tok"
    body = json.loads(sent.content)
    assert body == {
        "query": OPERATION.document,
        "operationName": "Deployment",
        "variables": {"id": "d-1"},
    }


async def test_429_with_retry_after_waits_then_succeeds() -> None:
    sleeps = Sleeps()
    script = Script(httpx.Response(429, headers={"Retry-After": "2"}), ok({"n": 1}))
    assert await call(script, sleeps) == {"n": 1}
    assert sleeps.calls == [2.0]
    assert len(script.requests) == 2


async def test_429_asking_for_a_long_wait_is_handed_to_the_pipeline() -> None:
    sleeps = Sleeps()
    reset = str(int(NOW) + 600)
    script = Script(
        httpx.Response(429, headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset})
    )
    with pytest.raises(RateLimited) as caught:
        await call(script, sleeps)
    assert caught.value.retry_after == pytest.approx(600.0)
    assert sleeps.calls == []
    assert len(script.requests) == 1


async def test_persistent_5xx_raises_retryable_after_bounded_attempts() -> None:
    sleeps = Sleeps()
    script = Script(httpx.Response(503, text="upstream unavailable"))
    with pytest.raises(RetryableError) as caught:
        await call(script, sleeps)
    assert not isinstance(caught.value, RateLimited)
    assert len(script.requests) == 3
    assert sleeps.calls == [0.1, 0.2]
    assert "Railway Deployment(id='d-1')" in caught.value.message
    assert "HTTP 503" in caught.value.message


async def test_5xx_then_success_recovers() -> None:
    script = Script(httpx.Response(502), ok({"n": 2}))
    assert await call(script) == {"n": 2}


@pytest.mark.parametrize(
    "failure",
    [httpx.ReadTimeout("slow"), httpx.ConnectTimeout("slow"), httpx.ConnectError("refused")],
)
async def test_timeouts_and_lost_connections_are_retryable(failure: Exception) -> None:
    script = Script(failure)
    with pytest.raises(RetryableError) as caught:
        await call(script)
    assert len(script.requests) == 3
    assert "Deployment" in caught.value.message
    assert isinstance(caught.value.__cause__, httpx.TransportError)


async def test_errors_array_in_a_200_is_a_permanent_error_with_context() -> None:
    script = Script(
        httpx.Response(200, json={"data": None, "errors": [{"message": "Deployment not found"}]})
    )
    with pytest.raises(RailwayQueryError) as caught:
        await call(script, id="nope")
    error = caught.value
    assert not error.retryable
    assert (error.operation, error.messages, error.status) == (
        "Deployment",
        ["Deployment not found"],
        200,
    )
    assert error.message == "Railway Deployment(id='nope'): Deployment not found"
    assert len(script.requests) == 1


async def test_errors_next_to_data_still_fail() -> None:
    script = Script(
        httpx.Response(200, json={"data": {"x": 1}, "errors": [{"message": "partial"}]})
    )
    with pytest.raises(RailwayQueryError, match="partial"):
        await call(script)


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, json={"data": None, "errors": [{"message": "Not Authorized"}]}),
        httpx.Response(401, text="Unauthorized"),
        httpx.Response(403, json={"errors": [{"message": "Forbidden"}]}),
    ],
)
async def test_refused_tokens_are_configuration_errors(response: httpx.Response) -> None:
    with pytest.raises(RailwayAuthError) as caught:
        await call(Script(response))
    assert "RAILWAY_API_TOKEN" in caught.value.message


async def test_other_4xx_is_permanent_and_carries_graphql_messages() -> None:
    response = httpx.Response(400, json={"errors": [{"message": "Unknown argument 'startDate'"}]})
    with pytest.raises(RailwayQueryError, match="Unknown argument 'startDate'") as caught:
        await call(Script(response))
    assert caught.value.status == 400


async def test_a_200_that_is_not_json_is_retryable() -> None:
    script = Script(httpx.Response(200, text="<html>proxy error</html>"))
    with pytest.raises(RetryableError, match="not JSON"):
        await call(script)


async def test_secret_looking_variables_are_not_shown() -> None:
    script = Script(httpx.Response(400, json={"errors": [{"message": "bad"}]}))
    with pytest.raises(RailwayQueryError) as caught:
        await call(script, apiToken="s3cret", id="d-1")
    assert "s3cret" not in caught.value.message
    assert "apiToken=***" in caught.value.message


async def test_rate_limit_headers_of_the_last_response_are_kept() -> None:
    response = httpx.Response(
        200, json={"data": {}}, headers={"X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "7"}
    )
    policy = RetryPolicy(sleep=Sleeps())
    async with httpx.AsyncClient(transport=httpx.MockTransport(Script(response))) as http:
        transport = GraphQLTransport(
            http, url=URL, credentials=RailwayCredentials.project("p"), retry=policy
        )
        await transport.execute(OPERATION, {})
    assert transport.rate_limit is not None
    assert (transport.rate_limit.limit, transport.rate_limit.remaining) == (1000, 7)


async def test_a_response_in_an_unexpected_shape_is_a_permanent_error() -> None:
    script = Script(ok({"deployment": {"id": "d-1", "status": "EXPLODED"}}))
    policy = RetryPolicy(sleep=Sleeps())
    async with httpx.AsyncClient(transport=httpx.MockTransport(script)) as http:
        transport = GraphQLTransport(
            http, url=URL, credentials=RailwayCredentials.account("tok"), retry=policy
        )
        with pytest.raises(RailwayQueryError, match=r"unexpected response shape at deployment\."):
            await transport.fetch("Deployment", {"id": "d-1"}, DeploymentData)
