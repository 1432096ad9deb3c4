"""``OpenCodeClient``: sessions, prompts, events and transcripts over OpenCode's HTTP API.

Every call names the session's directory (``?directory=``): one server serves many clones,
and its status and event routes only cover the directory they are asked about.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import AsyncGenerator, AsyncIterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pydantic import JsonValue, SecretStr, TypeAdapter, ValidationError

from pipeline.opencode.errors import (
    OpenCodeProtocolError,
    OpenCodeRejected,
    OpenCodeUnavailable,
)
from pipeline.opencode.event_stream import parse_events
from pipeline.opencode.wire import Event, Health, Message, Session, SessionStatus

log = logging.getLogger(__name__)

T = TypeVar("T")

_HEALTH = TypeAdapter(Health)
_SESSION = TypeAdapter(Session)
_MESSAGES = TypeAdapter(list[Message])
_STATUSES = TypeAdapter(dict[str, SessionStatus])
_FLAG = TypeAdapter(bool)

# OpenCode 1.18.33 sends server.heartbeat every 10 s; a stream silent this long has died.
EVENT_SILENCE_SECONDS = 30.0
RECONNECT_SECONDS = 0.5
# Consecutive failed connects to /event before the server counts as gone.
RECONNECT_ATTEMPTS = 5


class OpenCodeClient:
    """A typed client of one OpenCode server; the ``httpx.AsyncClient`` is injected."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        base_url: str,
        *,
        username: str = "opencode",
        password: SecretStr | None = None,
        reconnect_seconds: float = RECONNECT_SECONDS,
    ) -> None:
        self._http = http
        self._reconnect_seconds = reconnect_seconds
        self._base = base_url.rstrip("/")
        self._headers: dict[str, str] = {}
        if password is not None:
            pair = f"{username}:{password.get_secret_value()}".encode()
            self._headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()

    async def health(self) -> Health:
        """The server's health and version."""
        return await self._call(_HEALTH, "GET", "/global/health")

    async def create_session(self, directory: Path | str, *, title: str | None = None) -> Session:
        """A new session bound to ``directory``; without a title OpenCode asks the LLM for one."""
        body = {"title": title} if title else {}
        return await self._call(_SESSION, "POST", "/session", str(directory), body)

    async def prompt_async(self, session: Session, text: str, *, system: str | None = None) -> None:
        """Start the agent on ``text`` and return at once; the end shows in ``events``."""
        body: dict[str, JsonValue] = {"parts": [{"type": "text", "text": text}]}
        if system:
            body["system"] = system
        path = f"/session/{session.id}/prompt_async"
        await self._send("POST", path, session.directory, body)

    async def status(self, session: Session) -> SessionStatus:
        """Whether ``session`` is idle, busy, or retrying a failed LLM call."""
        statuses = await self._call(_STATUSES, "GET", "/session/status", session.directory)
        return statuses.get(session.id, SessionStatus(type="idle"))

    async def messages(self, session: Session) -> list[Message]:
        """The session's whole transcript, oldest first."""
        path = f"/session/{session.id}/message"
        return await self._call(_MESSAGES, "GET", path, session.directory)

    async def abort(self, session: Session) -> bool:
        """Stop whatever the session is doing."""
        path = f"/session/{session.id}/abort"
        return await self._call(_FLAG, "POST", path, session.directory)

    async def delete_session(self, session: Session) -> bool:
        """Delete the session and its history from the server."""
        return await self._call(_FLAG, "DELETE", f"/session/{session.id}", session.directory)

    async def events(self, directory: str) -> AsyncGenerator[Event, None]:
        """Events for ``directory``, reconnecting when the stream drops; close it when done.

        Each (re)connection starts with a ``server.connected`` event, so a caller can check
        for anything it missed while disconnected.
        """
        failures = 0
        while True:
            try:
                async for event in self._stream_events(directory):
                    failures = 0
                    yield event
            except (httpx.TransportError, OpenCodeUnavailable) as exc:
                failures += 1
                if failures >= RECONNECT_ATTEMPTS:
                    raise OpenCodeUnavailable(f"OpenCode event stream lost: {exc}") from exc
                log.warning("OpenCode event stream dropped (%s); reconnecting", exc)
            await asyncio.sleep(self._reconnect_seconds)

    async def _stream_events(self, directory: str) -> AsyncIterator[Event]:
        timeout = httpx.Timeout(10.0, read=EVENT_SILENCE_SECONDS)
        request = self._http.build_request(
            "GET",
            self._url("/event"),
            params={"directory": directory},
            headers=self._headers,
            timeout=timeout,
        )
        response = await self._http.send(request, stream=True)
        try:
            if response.is_error:
                await response.aread()
                _raise_for_status(response)
            async for event in parse_events(response.aiter_lines()):
                yield event
        finally:
            await response.aclose()

    async def _call(
        self,
        adapter: TypeAdapter[T],
        method: str,
        path: str,
        directory: str | None = None,
        body: dict[str, Any] | None = None,
    ) -> T:
        response = await self._send(method, path, directory, body)
        try:
            return adapter.validate_json(response.content)
        except ValidationError as exc:
            raise OpenCodeProtocolError(
                f"OpenCode {method} {path}: unexpected answer ({exc.error_count()} problems, "
                f"first: {exc.errors()[0]['msg']})"
            ) from exc

    async def _send(
        self,
        method: str,
        path: str,
        directory: str | None = None,
        body: dict[str, Any] | None = None,
    ) -> httpx.Response:
        params = {"directory": directory} if directory else None
        try:
            response = await self._http.request(
                method, self._url(path), params=params, json=body, headers=self._headers
            )
        except httpx.TransportError as exc:
            raise OpenCodeUnavailable(f"OpenCode {method} {path}: {exc!r}") from exc
        _raise_for_status(response)
        return response

    def _url(self, path: str) -> str:
        return f"{self._base}{path}"


def _raise_for_status(response: httpx.Response) -> None:
    if not response.is_error:
        return
    what = f"OpenCode {response.request.method} {response.request.url.path}"
    detail = f"{what}: HTTP {response.status_code}: {response.text[:300]}"
    if response.status_code in (401, 403):
        raise OpenCodeRejected(f"{detail} (check OPENCODE_SERVER_PASSWORD)")
    if response.status_code >= 500:
        raise OpenCodeUnavailable(detail)
    raise OpenCodeRejected(detail)
