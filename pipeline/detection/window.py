"""The confirmation window: the stretch of time after an alert in which a problem must persist."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, model_validator

from pipeline.detection.wording import period, span


class TimeWindow(BaseModel):
    """``start`` (the alert) to ``end``, in seconds since the Unix epoch."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int

    @model_validator(mode="after")
    def _ordered(self) -> TimeWindow:
        if self.end <= self.start:
            raise ValueError(f"window end {self.end} is not after its start {self.start}")
        return self

    @property
    def seconds(self) -> int:
        """Length of the window."""
        return self.end - self.start

    def describe(self) -> str:
        """The window as people read it: ``2024-05-01 12:00 to 12:10 UTC (10 min)``."""
        return f"{period(self.start, self.end)} ({span(self.seconds)})"
