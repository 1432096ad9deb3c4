"""A loopback proxy that holds the LLM key, so that the OpenCode server never does.

OpenCode's shell tool hands the server's whole environment to the agent's commands, and any
command can read its parent's ``/proc/<pid>/environ``: a key in the server's configuration is
one ``env`` away from the model's context, and from anywhere the agent can send it. So the
server is given this proxy's URL and a token valid for one session; the proxy checks the
token, puts the real key on the request and forwards it to the LLM endpoint, streaming the
answer back. Only chat completions pass, so the token cannot reach the provider's other APIs.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import secrets
import socket
from collections.abc import Iterator
from types import TracebackType
from typing import Any

import httpx
import uvicorn
from pydantic import SecretStr
from starlette.types import Receive, Scope, Send

ALLOWED = {("POST", "/chat/completions")}
# Hop-by-hop headers, and the ones httpx or uvicorn set for the hop they make.
_DROPPED = {
    "host",
    "authorization",
    "content-length",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "upgrade",
    "proxy-authorization",
}


class KeyProxy:
    """An ASGI app on ``127.0.0.1`` forwarding chat completions to ``upstream`` with ``api_key``."""

    def __init__(self, upstream: str, api_key: SecretStr) -> None:
        self.upstream = upstream.rstrip("/")
        self.token = SecretStr(secrets.token_urlsafe(24))
        self._key = api_key
        self._http = httpx.AsyncClient(timeout=httpx.Timeout(30.0, read=None))
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task[None] | None = None
        self.base_url = ""

    async def __aenter__(self) -> KeyProxy:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        config = uvicorn.Config(
            self, log_config=None, access_log=False, lifespan="off", timeout_graceful_shutdown=1
        )
        server = _QuietServer(config)
        self._server, self._task = server, asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started:
            if self._task.done():
                await self._task
                raise RuntimeError("the LLM key proxy stopped during start-up")
            await asyncio.sleep(0.01)
        self.base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            await self._task
        await self._http.aclose()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        expected = f"Bearer {self.token.get_secret_value()}"
        if not hmac.compare_digest(headers.get("authorization", "").encode(), expected.encode()):
            await _answer(send, 401, b'{"error": {"message": "unknown proxy token"}}')
            return
        if (scope["method"], scope["path"]) not in ALLOWED:
            await _answer(send, 403, b'{"error": {"message": "only chat completions pass"}}')
            return
        body = await _body(receive)
        forward = asyncio.create_task(self._forward(scope, headers, body, send))
        gone = asyncio.create_task(_disconnect(receive))
        # A client that leaves (an aborted session) ends the upstream request too.
        await asyncio.wait({forward, gone}, return_when=asyncio.FIRST_COMPLETED)
        for task in (forward, gone):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await forward

    async def _forward(
        self, scope: Scope, headers: dict[str, str], body: bytes, send: Send
    ) -> None:
        kept = {k: v for k, v in headers.items() if k not in _DROPPED}
        kept["authorization"] = f"Bearer {self._key.get_secret_value()}"
        query = scope["query_string"].decode("latin-1")
        url = self.upstream + scope["path"] + (f"?{query}" if query else "")
        request = self._http.build_request("POST", url, headers=kept, content=body)
        try:
            response = await self._http.send(request, stream=True)
        except httpx.HTTPError as exc:
            await _answer(send, 502, f'{{"error": {{"message": "{type(exc).__name__}"}}}}'.encode())
            return
        try:
            answer = [
                (k.encode("latin-1"), v.encode("latin-1"))
                for k, v in response.headers.multi_items()
                if k.lower() not in _DROPPED
            ]
            await send(
                {"type": "http.response.start", "status": response.status_code, "headers": answer}
            )
            async for chunk in response.aiter_raw():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        finally:
            await response.aclose()


class _QuietServer(uvicorn.Server):
    """uvicorn, leaving the worker's own signal handling alone."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


async def _body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def _disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _answer(send: Send, status: int, body: bytes) -> None:
    headers: list[tuple[bytes, bytes]] = [(b"content-type", b"application/json")]
    start: dict[str, Any] = {"type": "http.response.start", "status": status, "headers": headers}
    await send(start)
    await send({"type": "http.response.body", "body": body})
