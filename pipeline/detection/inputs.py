"""What the confirmer looks at: slices of a service's signals around one alert."""

from __future__ import annotations

from functools import cached_property
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from pipeline.detection.window import TimeWindow
from pipeline.series import Point


class MetricSlice(BaseModel):
    """One numeric signal: its history up to the alert and the window samples seen so far."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="What was measured, e.g. CPU_USAGE or MEMORY_USAGE_GB.")
    unit: str = Field(description="Unit of the values, e.g. vCPU, GB, ms.")
    limit: float | None = Field(None, gt=0, description="Capacity in the same unit, if any.")
    step_seconds: int = Field(gt=0, description="Spacing of the window samples.")
    window: TimeWindow
    history: tuple[Point, ...] = Field(
        (), description="Samples before the window, oldest first; up to a week for seasonality."
    )
    recent: tuple[Point, ...] = Field(
        (), description="Samples inside the window so far, oldest first."
    )

    @cached_property
    def history_ts(self) -> list[int]:
        """Timestamps of ``history``, for binary search."""
        return [p.ts for p in self.history]

    def remaining_samples(self) -> int:
        """Window samples still to come after the newest one seen."""
        last = self.recent[-1].ts if self.recent else self.window.start
        return max(0, (self.window.end - last) // self.step_seconds)


class RequestCounts(NamedTuple):
    """Requests in one step: all of them, 5xx answers, 4xx answers."""

    ts: int
    total: float
    server_errors: float
    client_errors: float


class HttpSlice(BaseModel):
    """Request counts per step around the alert."""

    model_config = ConfigDict(frozen=True)

    step_seconds: int = Field(gt=0)
    window: TimeWindow
    history: tuple[RequestCounts, ...] = ()
    recent: tuple[RequestCounts, ...] = ()

    def remaining_samples(self) -> int:
        """Window steps still to come after the newest one seen."""
        last = self.recent[-1].ts if self.recent else self.window.start
        return max(0, (self.window.end - last) // self.step_seconds)


class DeploymentEvent(NamedTuple):
    """A deployment status change or webhook action, upper case (see ``crash`` for meanings)."""

    ts: int
    status: str
    deployment_id: str = ""


class DeploymentHistory(BaseModel):
    """Deployment status changes before and during the window, oldest first."""

    model_config = ConfigDict(frozen=True)

    window: TimeWindow
    events: tuple[DeploymentEvent, ...] = ()


class ConfirmInputs(BaseModel):
    """Every slice fetched for one alert; a missing slice means that signal was not available."""

    model_config = ConfigDict(frozen=True)

    window: TimeWindow
    as_of: int = Field(description="When the data was read; at or after window.end is final.")
    cpu: MetricSlice | None = None
    memory: MetricSlice | None = None
    latency_p95: MetricSlice | None = None
    http: HttpSlice | None = None
    deployments: DeploymentHistory | None = None
    other: tuple[MetricSlice, ...] = Field(
        (), description="Signals without rules of their own, judged against their usual level."
    )

    @property
    def final(self) -> bool:
        """The window is over: no verdict may wait any longer."""
        return self.as_of >= self.window.end
