"""The stand-in's HTTP shapes: completions, streamed chunks, tool calls, models, control."""

from __future__ import annotations

import json

import httpx

from standins.llm import Fault, LLMStandin, RequestKind, build_app
from tests.unit.standins.llm.conftest import agent_body, analyst_body, sse_payloads


async def test_non_streaming_tool_call(http: httpx.AsyncClient) -> None:
    response = await http.post("/v1/chat/completions", json=agent_body())
    assert response.status_code == 200
    body = response.json()
    assert body["object"] == "chat.completion"
    choice = body["choices"][0]
    assert choice["finish_reason"] == "tool_calls"
    assert choice["message"]["content"] == "Editing the cache."
    (call,) = choice["message"]["tool_calls"]
    assert call["type"] == "function"
    assert call["function"]["name"] == "edit"
    assert json.loads(call["function"]["arguments"])["filePath"] == "/srv/clone/cache.py"
    usage = body["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"] > 0


async def test_non_streaming_final_text_after_the_tool_result(http: httpx.AsyncClient) -> None:
    body = (await http.post("/v1/chat/completions", json=agent_body(tool_results=1))).json()
    choice = body["choices"][0]
    assert choice == {
        "index": 0,
        "message": {"role": "assistant", "content": "Bounded the cache."},
        "finish_reason": "stop",
    }


async def test_streamed_tool_call_arrives_in_fragments(http: httpx.AsyncClient) -> None:
    body = agent_body(stream=True, stream_options={"include_usage": True})
    response = await http.post("/v1/chat/completions", json=body)
    assert response.headers["content-type"].startswith("text/event-stream")
    payloads = sse_payloads(response.text)
    assert payloads[-1] == "[DONE]"
    chunks = payloads[:-1]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[-1]["choices"] == []
    assert chunks[-1]["usage"]["total_tokens"] > 0
    deltas = [c["choices"][0]["delta"] for c in chunks[:-1]]
    assert deltas[0]["role"] == "assistant"
    calls = [d["tool_calls"][0] for d in deltas if "tool_calls" in d]
    assert calls[0]["id"]
    assert calls[0]["function"] == {"name": "edit", "arguments": ""}
    fragments = [c["function"]["arguments"] for c in calls[1:]]
    assert len(fragments) > 1
    assert json.loads("".join(fragments))["newString"] == "cache = LRU(1024)"
    assert "".join(d.get("content", "") for d in deltas) == "Editing the cache."
    assert chunks[-2]["choices"][0]["finish_reason"] == "tool_calls"


async def test_stream_without_usage_option_has_no_usage_chunk(http: httpx.AsyncClient) -> None:
    response = await http.post("/v1/chat/completions", json=agent_body(1, stream=True))
    chunks = sse_payloads(response.text)[:-1]
    assert all(c["choices"] for c in chunks)
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"


async def test_models(http: httpx.AsyncClient) -> None:
    body = (await http.get("/v1/models")).json()
    assert body["object"] == "list"
    assert [m["id"] for m in body["data"]] == ["fake-model"]


async def test_wrong_api_key_is_refused() -> None:
    app = httpx.ASGITransport(app=build_app(LLMStandin(api_key="k")))
    async with httpx.AsyncClient(transport=app, base_url="http://llm.test") as client:
        refused = await client.post("/v1/chat/completions", json=analyst_body())
        headers = {"Authorization": "Bearer k"}
        accepted = await client.post("/v1/chat/completions", json=analyst_body(), headers=headers)
    assert refused.status_code == 401
    assert refused.json()["error"]["type"] == "invalid_request_error"
    assert accepted.status_code == 200


async def test_invalid_request_is_a_400(http: httpx.AsyncClient) -> None:
    response = await http.post("/v1/chat/completions", json={"model": "m", "messages": []})
    assert response.status_code == 400
    assert "error" in response.json()


async def test_requests_are_recorded_and_listed(
    http: httpx.AsyncClient, standin: LLMStandin
) -> None:
    await http.post("/v1/chat/completions", json=analyst_body())
    await http.post("/v1/chat/completions", json=agent_body(), headers={"x-session-id": "ses_1"})
    assert [r.kind for r in standin.requests] == [RequestKind.ANALYST, RequestKind.AGENT]
    assert standin.requests[1].headers["x-session-id"] == "ses_1"
    listed = (await http.get("/_control/requests", params={"kind": "agent"})).json()
    assert [r["index"] for r in listed] == [1]
    assert listed[0]["body"]["tools"][0]["function"]["name"] == "edit"
    assert (await http.delete("/_control/requests")).status_code == 204
    assert standin.requests == []


async def test_faults_can_be_queued_over_http(http: httpx.AsyncClient) -> None:
    fault = {"kind": "error", "status": 503, "times": 1}
    assert (await http.post("/_control/faults", json=fault)).status_code == 204
    assert (await http.post("/v1/chat/completions", json=analyst_body())).status_code == 503
    assert (await http.post("/v1/chat/completions", json=analyst_body())).status_code == 200
    bad = await http.post("/_control/faults", json={"kind": "explode"})
    assert bad.status_code == 400


async def test_script_can_be_swapped_over_http(
    http: httpx.AsyncClient, standin: LLMStandin
) -> None:
    response = await http.put("/_control/script", json={"name": "memory-leak"})
    assert response.json() == {"name": "memory-leak"}
    assert standin.script.name == "memory-leak"
    inline = {"name": "inline", "title": "T"}
    assert (await http.put("/_control/script", json=inline)).json() == {"name": "inline"}
    assert (await http.put("/_control/script", json={"name": "nope"})).status_code == 400


async def test_fault_only_hits_its_kind(http: httpx.AsyncClient, standin: LLMStandin) -> None:
    standin.add_fault(Fault(kind="error", only=RequestKind.AGENT))
    assert (await http.post("/v1/chat/completions", json=analyst_body())).status_code == 200
    assert (await http.post("/v1/chat/completions", json=agent_body())).status_code == 500
    assert [r.fault for r in standin.requests] == [None, "error"]
