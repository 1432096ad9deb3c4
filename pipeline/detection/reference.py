"""The usual level of a signal: the same time on previous days, or else the recent baseline."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from pipeline.detection.inputs import MetricSlice
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.robust import Spread
from pipeline.detection.wording import span
from pipeline.series import Point

# Fewer points than this say nothing about a spread.
_MIN_SEASONAL_POINTS = 3
# A baseline of coarse samples (hourly, say) still needs a few of them.
_MIN_BASELINE_POINTS = 10


@dataclass(frozen=True)
class Reference:
    """The usual level and spread, and where they came from, in words."""

    spread: Spread
    source: str
    seasonal: bool


def seasonal_reference(s: MetricSlice, ts: int, policy: DetectionPolicy) -> Reference | None:
    """Values at the same time of day (± tolerance) on each previous day of the history."""
    tolerance = max(policy.seasonal_tolerance_seconds, s.step_seconds)
    values: list[float] = []
    days = 0
    for offset in policy.seasonal_days:
        centre = ts - offset
        lo = bisect_left(s.history_ts, centre - tolerance)
        hi = bisect_right(s.history_ts, centre + tolerance)
        if hi > lo:
            days += 1
            values.extend(p.value for p in s.history[lo:hi])
    if len(values) < _MIN_SEASONAL_POINTS:
        return None
    source = f"same time of day ±{span(tolerance)} on {days} previous day(s)"
    return Reference(Spread.of(values), source, seasonal=True)


def recent_reference(s: MetricSlice, policy: DetectionPolicy) -> Reference | None:
    """The baseline just before the window (at least a few samples, however coarse)."""
    end = bisect_left(s.history_ts, s.window.start)
    start = bisect_left(s.history_ts, s.window.start - policy.baseline_seconds)
    start = min(start, max(0, end - _MIN_BASELINE_POINTS))
    values = [p.value for p in s.history[start:end]]
    if not values:
        return None
    covered = s.window.start - s.history[start].ts
    return Reference(Spread.of(values), f"the {span(covered)} before the alert", seasonal=False)


def usual_reference(s: MetricSlice, ts: int, policy: DetectionPolicy) -> Reference | None:
    """Seasonal reference when earlier days exist, else the recent baseline."""
    return seasonal_reference(s, ts, policy) or recent_reference(s, policy)


def usual_for_time_of_day(s: MetricSlice, point: Point, policy: DetectionPolicy) -> bool:
    """The value was seen at this time on previous days: a daily peak, not an incident."""
    usual = seasonal_reference(s, point.ts, policy)
    return usual is not None and usual.spread.z(point.value) < policy.anomaly_z
