"""Faults to inject: HTTP errors, garbage answers, and requests that hang until released.

Tests queue faults from their own thread while the server answers in uvicorn's, so every
method takes the lock. Faults are used up in the order they were added.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from standins.llm.kinds import RequestKind

FaultKind = Literal["error", "not_json", "off_schema", "hang"]

# How often a hanging request checks whether it was released or its client went away.
_HANG_POLL_SECONDS = 0.02


class Fault(BaseModel):
    """Misbehave on the next ``times`` matching requests.

    ``error`` answers ``status``; ``not_json`` sends a body (or SSE data) that is not JSON;
    ``off_schema`` answers well-formed JSON content that fits no schema the caller asked for;
    ``hang`` holds the request until ``release()``, then answers normally. ``only`` limits the
    fault to one kind of caller.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: FaultKind
    times: int = Field(1, ge=1)
    status: int = Field(500, ge=400, le=599)
    only: RequestKind | None = None


class Faults:
    """The queue of pending faults and the gate hanging requests wait at."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[tuple[Fault, int]] = []
        self._releases = 0

    def add(self, fault: Fault) -> None:
        """Queue ``fault`` behind any already pending."""
        with self._lock:
            self._pending.append((fault, fault.times))

    def clear(self) -> None:
        """Drop every pending fault."""
        with self._lock:
            self._pending.clear()

    def take(self, kind: RequestKind) -> Fault | None:
        """The fault the next request of ``kind`` suffers, if any; uses up one of its times."""
        with self._lock:
            for index, (fault, left) in enumerate(self._pending):
                if fault.only is None or fault.only == kind:
                    if left > 1:
                        self._pending[index] = (fault, left - 1)
                    else:
                        del self._pending[index]
                    return fault
            return None

    def release(self) -> None:
        """Let every request hanging now go on."""
        with self._lock:
            self._releases += 1

    async def hang(self, gone: Callable[[], Awaitable[bool]]) -> bool:
        """Wait for the next ``release()``; False if ``gone()`` reports the client left first."""
        with self._lock:
            seen = self._releases
        while True:
            with self._lock:
                if self._releases != seen:
                    return True
            if await gone():
                return False
            await asyncio.sleep(_HANG_POLL_SECONDS)
