"""Failures injected into the stand-in's API so tests can watch a client cope with them."""

from __future__ import annotations

import re

from standins.github.records import FaultRecord


class FaultPlan:
    """Faults waiting for matching requests; each is used ``times`` times, then dropped."""

    def __init__(self) -> None:
        self._pending: list[FaultRecord] = []

    def add(self, fault: FaultRecord) -> None:
        """Arm ``fault``; earlier faults match first."""
        self._pending.append(fault.model_copy())

    def take(self, method: str, path: str) -> FaultRecord | None:
        """The first armed fault matching this request, counted as used."""
        for fault in self._pending:
            if fault.method.upper() == method.upper() and re.search(fault.path, path):
                fault.times -= 1
                if fault.times <= 0:
                    self._pending.remove(fault)
                return fault
        return None

    def clear(self) -> None:
        """Disarm every fault."""
        self._pending.clear()

    def pending(self) -> list[FaultRecord]:
        """The faults still armed."""
        return [fault.model_copy() for fault in self._pending]
