"""Memory between restarts: where each climb starts, and the trend line fitted to it."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.detection.linear_fit import LinearFit, best_step_sse
from pipeline.detection.policy import DetectionPolicy
from pipeline.series import Point

# A trend needs this many points, however coarse.
MIN_POINTS = 10
# Averaged samples spread one restart over a few falling points.
_DROP_STEPS = 3


@dataclass(frozen=True)
class Drop:
    """A fall big enough to be a restart: the index of its peak and of its bottom."""

    peak: int
    bottom: int


def restart_drops(points: list[Point], limit: float, policy: DetectionPolicy) -> list[Drop]:
    """Falls of at least the restart share of the limit within a few falling samples."""
    size = policy.leak_restart_drop * limit
    drops: list[Drop] = []
    i = 1
    while i < len(points):
        if points[i].value >= points[i - 1].value:
            i += 1
            continue
        end = i
        while (
            end + 1 < len(points)
            and end - i + 1 < _DROP_STEPS
            and points[end + 1].value < points[end].value
        ):
            end += 1
        if points[i - 1].value - points[end].value >= size:
            drops.append(Drop(i - 1, end))
        i = end + 1
    return drops


@dataclass(frozen=True)
class Climb:
    """The points of one climb (since a restart, within the fit span)."""

    points: list[Point]

    @classmethod
    def ending_at(cls, points: list[Point], end: int, drops: list[Drop], fit_seconds: int) -> Climb:
        """The climb of ``points[:end]``: from the last drop's bottom, at most the fit span."""
        start = max([d.bottom for d in drops if d.bottom < end], default=0)
        newest = points[end - 1].ts if end else 0
        while start < end and points[start].ts <= newest - fit_seconds:
            start += 1
        return cls(points[start:end])

    def long_enough(self, policy: DetectionPolicy) -> bool:
        """Enough points, over at least half the fit span, for a trend to mean something."""
        if len(self.points) < MIN_POINTS:
            return False
        return self.points[-1].ts - self.points[0].ts >= policy.leak_fit_seconds / 2


@dataclass(frozen=True)
class Trend:
    """The line fitted to a climb: how soon it reaches the limit, and whether it is a line."""

    fit: LinearFit
    newest: int
    until: float | None
    step_sse: float

    @classmethod
    def of(cls, climb: Climb, limit: float) -> Trend:
        """Fit ``climb`` and project it onto ``limit`` from its newest point."""
        fit = LinearFit.of(climb.points)
        newest = climb.points[-1].ts
        step_sse = best_step_sse([p.value for p in climb.points])
        return cls(fit, newest, fit.seconds_until(limit, newest), step_sse)

    def growing(self, policy: DetectionPolicy) -> bool:
        """The slope is positive and clearly more than noise."""
        return self.fit.slope > 0 and self.fit.t_stat >= policy.leak_min_t

    @property
    def is_line(self) -> bool:
        """A straight line explains the climb better than a single jump does."""
        return self.fit.sse < self.step_sse
