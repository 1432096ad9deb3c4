"""The LLM stand-in over real HTTP on a loopback port, as OpenCode reaches it."""

from __future__ import annotations

import asyncio

import httpx

from standins.llm import Fault, LLMStandin, LLMStandinServer, RequestKind, Script

SCRIPT = Script.model_validate({"analyst": [{"answer": "It is the cache."}]})
ANALYST = {
    "model": "fake-model",
    "messages": [{"role": "system", "content": "Analyse."}, {"role": "user", "content": "Why?"}],
}


async def test_serves_models_and_streams_on_a_port() -> None:
    with LLMStandinServer(LLMStandin(SCRIPT)) as server:
        assert server.base_url == f"http://127.0.0.1:{server.port}/v1"
        async with httpx.AsyncClient(base_url=server.base_url, timeout=5) as http:
            models = (await http.get("/models")).json()
            body = {**ANALYST, "stream": True}
            async with http.stream("POST", "/chat/completions", json=body) as response:
                lines = [line async for line in response.aiter_lines() if line]
        assert models["data"][0]["id"] == "fake-model"
        assert lines[-1] == "data: [DONE]"
        assert server.standin.requests_of(RequestKind.ANALYST)[0].stream


async def test_control_endpoints_over_http() -> None:
    with LLMStandinServer(LLMStandin(SCRIPT)) as server:
        async with httpx.AsyncClient(base_url=server.url, timeout=5) as http:
            await http.post("/_control/faults", json={"kind": "error", "status": 502})
            failed = await http.post("/v1/chat/completions", json=ANALYST)
            listed = (await http.get("/_control/requests")).json()
        assert failed.status_code == 502
        assert [r["fault"] for r in listed] == ["error"]


async def test_stop_releases_a_hanging_request() -> None:
    server = LLMStandinServer(LLMStandin(SCRIPT)).start()
    server.standin.add_fault(Fault(kind="hang"))
    async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as http:
        pending = asyncio.create_task(http.post("/chat/completions", json=ANALYST))
        async with asyncio.timeout(5):
            while not server.standin.requests:  # noqa: ASYNC110 -- the request arrives in another thread
                await asyncio.sleep(0.01)
        await asyncio.to_thread(server.stop)
        response = await asyncio.wait_for(pending, timeout=5)
    assert response.status_code == 200
