"""Failures injected into the stand-in so tests can watch a client cope with them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

FaultKind = Literal["latency", "rate_limit", "server_error", "hang"]


class Fault(BaseModel):
    """One kind of misbehaviour, for ``times`` matching requests (``None``: every request).

    ``seconds`` is the delay for ``latency``, how long a ``hang`` lasts, and the
    ``Retry-After`` of a ``rate_limit`` (``None`` there sends only ``X-RateLimit-Reset``).
    """

    model_config = ConfigDict(extra="forbid")

    kind: FaultKind
    times: int | None = 1
    operation: str | None = None
    seconds: float | None = None
    status: int = 503


class FaultPlan:
    """Faults waiting for matching requests; earlier faults match first."""

    def __init__(self, faults: list[Fault] | None = None) -> None:
        self._pending: list[Fault] = [f.model_copy() for f in faults or []]

    def add(self, fault: Fault) -> None:
        """Arm ``fault``."""
        self._pending.append(fault.model_copy())

    def take(self, operation: str | None) -> Fault | None:
        """The first armed fault for this operation, counted as used."""
        for fault in self._pending:
            if fault.operation in (None, operation):
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times <= 0:
                        self._pending.remove(fault)
                return fault
        return None

    def clear(self) -> None:
        """Disarm every fault."""
        self._pending.clear()

    def pending(self) -> list[Fault]:
        """The faults still armed."""
        return [f.model_copy() for f in self._pending]
