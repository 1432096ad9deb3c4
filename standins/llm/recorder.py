"""Every chat request the stand-in received, for tests to assert on."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from standins.llm.chat import ChatRequest
from standins.llm.faults import FaultKind
from standins.llm.kinds import RequestKind


class RecordedRequest(BaseModel):
    """One request as it arrived, with how it was classified and any fault it got."""

    model_config = ConfigDict(frozen=True)

    index: int
    kind: RequestKind
    model: str
    stream: bool
    headers: dict[str, str]
    body: dict[str, Any]
    fault: FaultKind | None = None
    received_at: float

    @property
    def request(self) -> ChatRequest:
        """The body parsed again as a chat request."""
        return ChatRequest.model_validate(self.body)

    def contains(self, needle: str) -> bool:
        """True if ``needle`` occurs anywhere in the body or the headers."""
        return needle in json.dumps(self.body) or needle in json.dumps(self.headers)


class Recorder:
    """A thread-safe, append-only list of requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []

    def record(
        self,
        request: ChatRequest,
        kind: RequestKind,
        headers: Mapping[str, str],
        fault: FaultKind | None,
    ) -> RecordedRequest:
        """Append ``request`` and return its record."""
        with self._lock:
            recorded = RecordedRequest(
                index=len(self._requests),
                kind=kind,
                model=request.model,
                stream=request.stream,
                headers=dict(headers),
                body=request.model_dump(mode="json", exclude_unset=True),
                fault=fault,
                received_at=time.time(),
            )
            self._requests.append(recorded)
            return recorded

    def all(self) -> list[RecordedRequest]:
        """Every request so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def of_kind(self, kind: RequestKind) -> list[RecordedRequest]:
        """The requests from one kind of caller."""
        return [r for r in self.all() if r.kind == kind]

    def clear(self) -> None:
        """Forget every request."""
        with self._lock:
            self._requests.clear()
