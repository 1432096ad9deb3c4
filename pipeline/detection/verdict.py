"""What the confirmer decided, why, and the numbers it rests on."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from pipeline.detection.window import TimeWindow


class Decision(StrEnum):
    """Confirm (start a fix run), dismiss (noise), or wait for more of the window."""

    CONFIRM = "confirm"
    DISMISS = "dismiss"
    WAIT = "wait"


class IssueKind(StrEnum):
    """What kind of problem a rule looks for."""

    MEMORY_LEAK = "memory_leak"
    RESOURCE_SATURATION = "resource_saturation"
    ERROR_RATE = "error_rate"
    LATENCY = "latency"
    CRASH = "crash"
    ANOMALY = "anomaly"


class Evidence(BaseModel):
    """One measured fact: the number, what it was compared with, the time it covers."""

    model_config = ConfigDict(frozen=True)

    signal: str
    measure: str
    value: float
    unit: str
    threshold: float | None = None
    start: int | None = None
    end: int | None = None
    text: str

    def __str__(self) -> str:
        return self.text


class Verdict(BaseModel):
    """A decision with its rule, a one-sentence reason and the evidence behind it."""

    model_config = ConfigDict(frozen=True)

    decision: Decision
    kind: IssueKind | None
    rule: str
    reason: str
    evidence: tuple[Evidence, ...] = ()
    window: TimeWindow

    @property
    def confirmed(self) -> bool:
        """True when the alert is a real, sustained problem."""
        return self.decision is Decision.CONFIRM

    def summary(self) -> str:
        """One line for logs and timelines."""
        kind = f" {self.kind.value}" if self.kind else ""
        return f"{self.decision.value}{kind} [{self.rule}]: {self.reason}"
