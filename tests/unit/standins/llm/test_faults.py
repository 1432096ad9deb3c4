"""Injected faults: HTTP errors N times, garbage answers, requests that hang until released."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from standins.llm import Fault, LLMStandin, RequestKind
from standins.llm.faults import Faults
from standins.llm.standin import OFF_SCHEMA_TEXT
from tests.unit.standins.llm.conftest import agent_body, analyst_body, arrived, sse_payloads


async def test_error_fault_lasts_its_number_of_times(
    http: httpx.AsyncClient, standin: LLMStandin
) -> None:
    standin.add_fault(Fault(kind="error", times=2))
    statuses = [
        (await http.post("/v1/chat/completions", json=analyst_body())).status_code for _ in range(3)
    ]
    assert statuses == [500, 500, 200]
    assert [r.fault for r in standin.requests] == ["error", "error", None]


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, "invalid_request_error"),
        (429, "requests"),
        (500, "server_error"),
        (503, "server_error"),
    ],
)
async def test_error_is_typed_like_openai_types_its_status(
    http: httpx.AsyncClient, standin: LLMStandin, status: int, kind: str
) -> None:
    standin.add_fault(Fault(kind="error", status=status))
    response = await http.post("/v1/chat/completions", json=analyst_body())
    assert response.status_code == status
    assert response.json()["error"]["type"] == kind


async def test_not_json_answer(http: httpx.AsyncClient, standin: LLMStandin) -> None:
    standin.add_fault(Fault(kind="not_json"))
    response = await http.post("/v1/chat/completions", json=analyst_body())
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        response.json()


async def test_not_json_stream(http: httpx.AsyncClient, standin: LLMStandin) -> None:
    standin.add_fault(Fault(kind="not_json"))
    response = await http.post("/v1/chat/completions", json=agent_body(stream=True))
    lines = [line for line in response.text.splitlines() if line.startswith("data: ")]
    assert lines[-1] == "data: [DONE]"
    with pytest.raises(json.JSONDecodeError):
        json.loads(lines[0].removeprefix("data: "))


async def test_off_schema_answer_is_json_of_the_wrong_shape(
    http: httpx.AsyncClient, standin: LLMStandin
) -> None:
    standin.add_fault(Fault(kind="off_schema", only=RequestKind.ANALYST))
    body = analyst_body(response_format={"type": "json_object"})
    answer = (await http.post("/v1/chat/completions", json=body)).json()
    content = answer["choices"][0]["message"]["content"]
    assert content == OFF_SCHEMA_TEXT
    assert "decision" not in json.loads(content)
    normal = (await http.post("/v1/chat/completions", json=body)).json()
    assert json.loads(normal["choices"][0]["message"]["content"]) == {"decision": "fix"}


async def test_off_schema_stream(http: httpx.AsyncClient, standin: LLMStandin) -> None:
    standin.add_fault(Fault(kind="off_schema"))
    response = await http.post("/v1/chat/completions", json=analyst_body(stream=True))
    chunks = sse_payloads(response.text)[:-1]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert text == OFF_SCHEMA_TEXT


async def test_hang_until_released(http: httpx.AsyncClient, standin: LLMStandin) -> None:
    standin.add_fault(Fault(kind="hang"))
    pending = asyncio.create_task(http.post("/v1/chat/completions", json=agent_body()))
    await arrived(standin)
    await asyncio.sleep(0.1)
    assert not pending.done()
    standin.release()
    response = await asyncio.wait_for(pending, timeout=5)
    assert response.json()["choices"][0]["finish_reason"] == "tool_calls"


async def test_hang_can_be_released_over_http(http: httpx.AsyncClient, standin: LLMStandin) -> None:
    await http.post("/_control/faults", json={"kind": "hang"})
    pending = asyncio.create_task(http.post("/v1/chat/completions", json=analyst_body()))
    await arrived(standin)
    assert (await http.post("/_control/release")).status_code == 204
    assert (await asyncio.wait_for(pending, timeout=5)).status_code == 200


async def test_release_only_frees_requests_already_hanging() -> None:
    faults = Faults()
    faults.release()

    async def never_gone() -> bool:
        return False

    waiting = asyncio.create_task(faults.hang(never_gone))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    faults.release()
    assert await asyncio.wait_for(waiting, timeout=1) is True


async def test_hang_ends_when_the_client_goes_away() -> None:
    async def gone() -> bool:
        return True

    assert await asyncio.wait_for(Faults().hang(gone), timeout=1) is False


def test_faults_are_used_in_order_and_cleared() -> None:
    faults = Faults()
    faults.add(Fault(kind="not_json", only=RequestKind.TITLE))
    faults.add(Fault(kind="error", times=2))
    taken = [faults.take(RequestKind.AGENT), faults.take(RequestKind.TITLE)]
    assert [f.kind if f else None for f in taken] == ["error", "not_json"]
    faults.clear()
    assert faults.take(RequestKind.AGENT) is None
