"""A hand-written fake of OpenCode's HTTP API, served through ``httpx.MockTransport``.

It answers with the recorded transcript of a real run; ``finish`` and ``drop_streams`` decide
whether the session ever goes idle and how often the event stream breaks off first;
``early_transcripts`` are served first, and ``error_event`` is sent as ``session.error``.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx

from tests.unit.pipeline.opencode.conftest import DATA

BASE_URL = "http://opencode.test"
SESSION_ID = "ses_fake1"
_SESSION_PATH = re.compile(r"^/session/(?P<id>ses_\w+)(?P<rest>/\w+)?$")


def frame(event_type: str, **properties: Any) -> bytes:
    return f"data: {json.dumps({'type': event_type, 'properties': properties})}\n\n".encode()


class FakeOpenCode:
    """Just enough of OpenCode for the client: sessions, prompts, events, messages."""

    def __init__(self, *, finish: bool = True, drop_streams: int = 0) -> None:
        self.finish = finish
        self.drop_streams = drop_streams
        self.requests: list[httpx.Request] = []
        self.prompts: list[dict[str, Any]] = []
        self.aborted: list[str] = []
        self.deleted: list[str] = []
        self.directory = ""
        self.transcript = (DATA / "messages_memory_leak.json").read_text()
        self.early_transcripts: list[str] = []
        self.error_event: dict[str, Any] | None = None
        self.connections = 0
        self._prompted = asyncio.Event()

    def http(self) -> httpx.AsyncClient:
        """An httpx client routed to this fake (base URL ``BASE_URL``)."""
        return httpx.AsyncClient(transport=httpx.MockTransport(self.handle))

    async def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        if path == "/global/health":
            return httpx.Response(200, json={"healthy": True, "version": "1.18.33"})
        if path == "/event":
            headers = {"content-type": "text/event-stream"}
            return httpx.Response(200, content=self._events(), headers=headers)
        if path == "/session/status":
            busy = self._prompted.is_set() and self.finish is False
            return httpx.Response(200, json={SESSION_ID: {"type": "busy"}} if busy else {})
        if path == "/session" and request.method == "POST":
            self.directory = request.url.params["directory"]
            body = {"id": SESSION_ID, "directory": self.directory, "title": "t", "projectID": "p"}
            return httpx.Response(200, json=body)
        found = _SESSION_PATH.match(path)
        if found is None or found["id"] != SESSION_ID:
            return httpx.Response(404, json={"name": "NotFoundError"})
        return self._session_route(request, found["rest"] or "")

    def _session_route(self, request: httpx.Request, rest: str) -> httpx.Response:
        if rest == "/prompt_async":
            self.prompts.append(json.loads(request.content))
            self._prompted.set()
            return httpx.Response(204)
        if rest == "/message":
            text = self.early_transcripts.pop(0) if self.early_transcripts else self.transcript
            text = text.replace("/srv/clones/shop-api", self.directory)
            return httpx.Response(200, content=text)
        if rest == "/abort":
            self.aborted.append(SESSION_ID)
            return httpx.Response(200, json=True)
        if rest == "" and request.method == "DELETE":
            self.deleted.append(SESSION_ID)
            return httpx.Response(200, json=True)
        return httpx.Response(404, json={"name": "NotFoundError"})

    async def _events(self) -> AsyncIterator[bytes]:
        self.connections += 1
        yield frame("server.connected")
        await self._prompted.wait()
        yield frame("session.status", sessionID=SESSION_ID, status={"type": "busy"})
        yield frame("session.idle", sessionID="ses_someone_else")
        if self.drop_streams > 0:
            self.drop_streams -= 1
            return
        if not self.finish:
            await asyncio.Event().wait()
        if self.error_event is not None:
            yield frame("session.error", sessionID=SESSION_ID, error=self.error_event)
        yield frame("session.idle", sessionID=SESSION_ID)
